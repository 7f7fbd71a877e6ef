"""Loading of the furniture data files in ``dateline/data/furniture``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed YAML file ``dateline/data/furniture/<name>`` (cached)."""
    text = resources.files("dateline").joinpath("data", "furniture", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
