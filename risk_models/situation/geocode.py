"""Offline address matching: how sure a match of free text against a known place name is.

Pure string work; the caller supplies the candidate names (transit stops, districts,
neighbourhoods, named sites) and turns the best candidate into coordinates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

# Words that say what kind of place follows but not which one (assumption: the usual
# Bulgarian address prefixes; they are dropped before comparing).
_NOISE = {
    "ул",
    "улица",
    "бул",
    "булевард",
    "жк",
    "ж",
    "к",
    "кв",
    "квартал",
    "пл",
    "площад",
    "р-н",
    "район",
    "спирка",
    "метростанция",
    "мс",
    "до",
    "при",
    "срещу",
    "гр",
    "софия",
    "no",
    "номер",
    "№",
}
_WORD = re.compile(r"[0-9a-zа-я]+", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, no punctuation or quotes, address prefixes dropped."""
    text = unicodedata.normalize("NFKC", (text or "").replace("№", " ")).lower().replace("ѝ", "и")
    words = [word for word in _WORD.findall(text) if word not in _NOISE]
    return " ".join(words)


@dataclass(frozen=True)
class Match:
    index: int
    confidence: float  # 0–1
    how: str  # "exact", "contains", "similar"


def best_match(query: str, candidates: list[str], *, minimum: float = 0.6) -> Match | None:
    """The candidate name that best matches the query, or None below `minimum` confidence.

    exact normalised equality → 1.0; the whole candidate name inside the query (or the query
    inside it) → 0.85 scaled by the share of the longer text it covers (at least 0.6);
    otherwise difflib's ratio (0–1) scaled by 0.8, so a fuzzy match never beats a contained one.
    """
    wanted = normalise(query)
    if not wanted:
        return None
    best: Match | None = None
    for index, candidate in enumerate(candidates):
        name = normalise(candidate)
        if not name:
            continue
        if name == wanted:
            return Match(index, 1.0, "exact")
        if len(name) >= 4 and (f" {name} " in f" {wanted} " or f" {wanted} " in f" {name} "):
            share = min(len(name), len(wanted)) / max(len(name), len(wanted))
            score, how = 0.6 + 0.25 * share, "contains"
        else:
            score, how = 0.8 * SequenceMatcher(None, wanted, name).ratio(), "similar"
        if best is None or score > best.confidence:
            best = Match(index, round(score, 3), how)
    if best is None or best.confidence < minimum:
        return None
    return best
