"""The package's own data files (``dateline/data/...``), read strictly.

Two of YAML 1.1's habits quietly corrupt word lists and rule tables, so every data file of the
package is read here, without them:

- it keeps the last of two equal keys in a mapping without a word: here a key written twice in
  one mapping is a :class:`ConfigError` naming the file and the lines;
- it reads the bare words ``yes``, ``no``, ``on``, ``off``, ``y``, ``n`` as booleans, so the
  word list ``[any, no, every]`` held ``False``: here, as in YAML 1.2, only ``true`` and
  ``false`` are booleans and every other bare word is a string."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import ConfigError


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping and reads only ``true`` and
    ``false`` as booleans."""


# YAML 1.2 booleans: the 1.1 resolver for yes/no/on/off is dropped for this loader only
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            name = key_node.start_mark.name
            raise ConfigError(f"{name}:{line}: key {key!r} is written twice (first on line {seen[key]})")
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def parse_yaml(text: str, name: str) -> Any:
    """YAML text read strictly; ``name`` is the file named in errors."""
    loader = _StrictLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_yaml(path: str) -> Any:
    """The parsed file ``dateline/<path>`` (for example ``data/events/vocabulary.yaml``); callers
    that read it often cache what they build from it."""
    return parse_yaml(resources.files("dateline").joinpath(path).read_text(encoding="utf-8"), path)


@cache
def furniture(name: str) -> Any:
    """The parsed file ``dateline/data/furniture/<name>``, which the source cleaner and the
    publication-date chain share (cached: read-only)."""
    return load_yaml(f"data/furniture/{name}")
