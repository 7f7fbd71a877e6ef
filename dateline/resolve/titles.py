"""Role titles: "Belarusian Security Council Secretary", "secretary of Belarus's Security Council"
and "Belarus's top general" read as an office, a country and an organisation.

A title is parsed into a :class:`RoleMention`:

- its **office key**, normalised so that different phrasings meet: lower case, determiners,
  possessive pronouns, honorifics and country words dropped, "X of Y" read as "Y X"
  ("secretary of the security council" -> "security council secretary"), spellings unified
  ("defense" -> "defence"), then known synonyms mapped to one canonical office
  ("vice foreign minister" -> "deputy foreign minister");
- its **country**, from a possessive, a demonym or an "of <state>" ("Russia's", "Russian",
  "of Russia");
- the offices a **description** may stand for, best first ("top diplomat" -> foreign
  minister);
- whether it is **definite** ("Kazakhstan's foreign minister": one person) or not ("a Kazakh
  diplomat": one of many), and **current** ("former defence minister" is not).

The word lists and synonyms are data: ``dateline/data/actors/roles.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..datafiles import load_yaml
from ..entities.gazetteer import Gazetteer
from ..errors import ConfigError
from ..records import EntityKind

__all__ = ["RoleLexicon", "RoleMention"]

_DATA = "data/actors/roles.yaml"
_LISTS = ("heads", "not_current", "drop", "indefinite", "bodies")
_MAPS = ("spellings", "roles", "descriptions")
_SPLIT_PREPS = ("of", "for")  # "secretary of X", "minister for X": X is part of the office
_CUT_PREPS = frozenset({"to", "at", "in", "on", "with", "from", "by", "who", "which", "that", "and", "since"})
_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


@dataclass(frozen=True)
class RoleMention:
    """One title or description, parsed.

    ``title`` is the phrase as written (without the person's name); ``role`` the canonical
    office key; ``keys`` every office the phrase may denote, best first (``role`` last when
    the phrase is a description); ``country`` an ISO alpha-3 or None; ``organisation`` the body
    named in the title ("Security Council"), if any."""

    title: str
    role: str
    keys: tuple[str, ...]
    country: str | None
    organisation: str | None
    definite: bool
    current: bool


_PARSED = 1 << 14  # titles whose parse a lexicon remembers


def _clean_token(tok: str) -> str:
    return tok.translate(_APOSTROPHES).strip(".'\"")


class RoleLexicon:
    """The role-title data, indexed; build once (:meth:`default`) and share."""

    def __init__(self, data: dict[str, Any], gazetteer: Gazetteer | None = None) -> None:
        unknown = set(data) - set(_LISTS) - set(_MAPS)
        if unknown:
            raise ConfigError(f"roles.yaml: unknown keys {sorted(unknown)}")
        self.gz = gazetteer or Gazetteer.default()
        lists = {k: [str(w).lower() for w in data.get(k) or ()] for k in _LISTS}
        spellings = data.get("spellings") or {}
        self.spellings: dict[str, str] = {str(k).lower(): str(v).lower() for k, v in spellings.items()}
        self.heads = frozenset(self._spell_word(w) for w in lists["heads"]) | frozenset(lists["heads"])
        self.not_current = frozenset(lists["not_current"])
        self.drop = frozenset(lists["drop"])
        self.indefinite = frozenset(lists["indefinite"])
        self.bodies = frozenset(lists["bodies"])
        self.canonical: dict[str, str] = {}  # office key -> canonical office
        for role, others in (data.get("roles") or {}).items():
            canon = self.key_of(str(role))
            self.canonical[canon] = canon
            for other in others or ():
                self.canonical.setdefault(self.key_of(str(other)), canon)
        self.descriptions: dict[str, tuple[str, ...]] = {}
        for phrase, roles in (data.get("descriptions") or {}).items():
            targets = tuple(dict.fromkeys(self.canonical.get(self.key_of(str(r)), self.key_of(str(r))) for r in roles))
            self.descriptions[self.key_of(str(phrase))] = targets
        # every word that may appear inside a title, for reading titles out of running text
        words: set[str] = set(self.heads) | set(self.spellings) | set(self.not_current) | {"top", "chief", "senior"}
        for phrase in [*self.canonical, *self.descriptions]:
            words.update(phrase.split())
        self.title_words = frozenset(words)
        self._parsed: dict[tuple[str, frozenset[str]], RoleMention | None] = {}  # parse's answers

    @classmethod
    def default(cls) -> RoleLexicon:
        return _default()

    # ------------------------------------------------------------------ keys

    def _spell_word(self, word: str) -> str:
        return self.spellings.get(word, word)

    def key_of(self, phrase: str) -> str:
        """The office key of a phrase without country words: "Secretary of the Security
        Council" -> "security council secretary"."""
        words = [_clean_token(t).lower() for t in _TOKEN.findall(phrase)]
        words = [w for w in words if w and w not in self.drop]
        return " ".join(self.office_words(words))

    def office_words(self, words: Sequence[str]) -> list[str]:
        """Lower-case words in office order: spellings unified, "X of Y" read as "Y X"."""
        spelled: list[str] = []
        for w in words:
            spelled.extend(self._spell_word(w).split())
        for prep in _SPLIT_PREPS:
            if prep in spelled[1:]:
                i = spelled.index(prep)
                head, tail = spelled[:i], [w for w in spelled[i + 1 :] if w not in ("of", "for")]
                spelled = tail + head
                break
        out = " ".join(spelled)
        for k, v in self.spellings.items():  # multiword spellings ("chief of staff" forms)
            if " " in k and f" {k} " in f" {out} ":
                out = f" {out} ".replace(f" {k} ", f" {v} ").strip()
        return out.split()

    def keys_for(self, key: str) -> tuple[str, ...]:
        """The canonical offices an office key or description may denote, best first."""
        canon = self.canonical.get(key, key)
        found = self.descriptions.get(key) or self.descriptions.get(canon)
        if found:
            return tuple(dict.fromkeys((*found, canon)))
        return (canon,)

    # ------------------------------------------------------------------ parsing

    def parse(self, text: str, *, drop_words: frozenset[str] = frozenset()) -> RoleMention | None:
        """The office a title names, or None when it names none.

        ``drop_words`` are lower-case words to ignore (the person's own name). A title with
        several comma-separated parts ("Its foreign minister, Aidos X") uses the first part
        that names an office."""
        key = (text, drop_words)
        if key in self._parsed:  # titles repeat across documents: the lexicon never changes
            return self._parsed[key]
        if len(self._parsed) >= _PARSED:
            self._parsed.clear()
        found = self._parse(text, drop_words)
        self._parsed[key] = found
        return found

    def _parse(self, text: str, drop_words: frozenset[str]) -> RoleMention | None:
        text = text.translate(_APOSTROPHES)
        for part in re.split(r"\s*(?:[,;()\[\]—–]|\s-\s)\s*", text):
            found = self._parse_part(part, drop_words)
            if found is not None:
                return found
        return None

    def _parse_part(self, part: str, drop_words: frozenset[str]) -> RoleMention | None:
        tokens = [t for t in (_clean_token(t) for t in _TOKEN.findall(part)) if t]
        tokens = [t for t in tokens if t.lower() not in drop_words]
        if not tokens:
            return None
        low = [t.lower() for t in tokens]
        definite = low[0] not in self.indefinite
        current = not any(w in self.not_current or w.split("-", 1)[0] + "-" in self.not_current for w in low)
        # cut at the first preposition that ends the office ("ambassador to X", "minister in X")
        for i, w in enumerate(low):
            if w == "and" and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
                continue  # "National Security and Defence Council": one name
            if i > 0 and w in _CUT_PREPS:
                tokens, low = tokens[:i], low[:i]
                break
        if "of" in low[1:] or "for" in low[1:]:
            i = next(j for j, w in enumerate(low) if j > 0 and w in _SPLIT_PREPS)
            pre, post = tokens[:i], tokens[i + 1 :]
        else:
            pre, post = tokens, []
        country: str | None = None
        organisation: str | None = None
        pre, c1, org1 = self._strip_country(pre)
        post, c2, org2 = self._strip_country(post)
        # "... of the Security Council of Russia": the last "of <state>" gives the country
        post, c3 = self._strip_trailing_state(post)
        country = c1 or c2 or c3
        organisation = org1 or org2
        pre_words = [w for w in (t.lower() for t in pre) if self._office_word(w)]
        post_words = [w for w in (t.lower() for t in post) if w not in self.drop]
        if "of" in post_words:  # "vice chair of the X Commission of the Y Party": the first body
            post_words = post_words[: post_words.index("of")]
        if not pre_words:
            return None
        head = self._spell_word(pre_words[-1]).split()[-1]
        key = " ".join(self.office_words([*post_words, *pre_words]))
        if head not in self.heads and key not in self.canonical and key not in self.descriptions:
            return None
        if organisation is None:
            organisation = self._organisation(pre, post)
        keys = self.keys_for(key)
        title = " ".join(t for t in _TOKEN.findall(part) if _clean_token(t).lower() not in drop_words).strip(" ,")
        title = re.sub(r"^(?:the|The)\s+", "", title)
        return RoleMention(title, self.canonical.get(key, key), keys, country, organisation, definite, current)

    def _office_word(self, w: str) -> bool:
        return not (
            w in self.drop
            or w in self.indefinite
            or w in self.not_current
            or w.split("-", 1)[0] + "-" in self.not_current
            or w.endswith("'s")
        )

    def _strip_country(self, tokens: list[str]) -> tuple[list[str], str | None, str | None]:
        """Drop a state (or body) named at the front of ``tokens``, after determiners."""
        start = 0
        while start < len(tokens) and tokens[start].lower() in self.drop | self.indefinite:
            start += 1
        if start >= len(tokens):
            return tokens, None, None
        text = " ".join(tokens[start:])
        found = self.gz.demonym_prefix(text)
        if found is None:
            return tokens, None, None
        entry, rest = found
        taken = len(tokens[start:]) - len(rest.split()) if rest else len(tokens[start:])
        kept = tokens[:start] + tokens[start + taken :]
        if entry.kind == EntityKind.STATE:
            return kept, entry.country, None
        return kept, entry.country, entry.name

    def _strip_trailing_state(self, tokens: list[str]) -> tuple[list[str], str | None]:
        low = [t.lower() for t in tokens]
        if "of" in low:
            i = len(low) - 1 - low[::-1].index("of")
            state = self.gz.state_for(" ".join(tokens[i + 1 :])) if i + 1 < len(tokens) else None
            if state is not None and state.matched_as != "capital":
                return tokens[:i], state.country
        return tokens, None

    def _organisation(self, pre: list[str], post: list[str]) -> str | None:
        """The body named in a title: "Security Council" in "Security Council Secretary" or in
        "secretary of the Security Council"."""
        words = [t for t in post if t.lower() not in self.drop]
        if words and words[-1].lower() in self.bodies:
            return " ".join(words)
        pre_words = [t for t in pre if t.lower() not in self.drop]
        for i in range(len(pre_words) - 2, -1, -1):
            if pre_words[i].lower() in self.bodies:
                return " ".join(pre_words[: i + 1])
        return None


@functools.cache
def _default() -> RoleLexicon:
    data = load_yaml(_DATA) or {}
    if not isinstance(data, dict):
        raise ConfigError("roles.yaml: expected a mapping")
    return RoleLexicon(data)
