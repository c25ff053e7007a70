"""Splitting text into sentences and words."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from .normalize import normalize_text

# A word may contain apostrophes between letters: "don't", "o'clock", "l’été".
WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
# The same, but "well-known" and "state-of-the-art" stay one token.
HYPHENATED_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "mr", "mrs", "dr", "vs", "no", "fig"})


def words(text: str, *, lowercase: bool = True, keep_hyphens: bool = True) -> list[str]:
    """The words of ``text`` in order, after normalisation."""
    pattern = HYPHENATED_WORD_RE if keep_hyphens else WORD_RE
    return pattern.findall(normalize_text(text, lowercase=lowercase))


def iter_words(
    lines: Iterable[str], *, lowercase: bool = True, keep_hyphens: bool = True
) -> Iterator[str]:
    for line in lines:
        yield from words(line, lowercase=lowercase, keep_hyphens=keep_hyphens)


def _ends_with_abbreviation(chunk: str) -> bool:
    last = chunk.rsplit(None, 1)[-1] if chunk.strip() else ""
    return last.rstrip(".").lower() in ABBREVIATIONS


def sentences(text: str) -> list[str]:
    """Split normalised text into sentences, keeping abbreviations intact."""
    text = normalize_text(text)
    if not text:
        return []
    merged: list[str] = []
    for piece in _SENTENCE_END_RE.split(text):
        if merged and _ends_with_abbreviation(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """Consecutive runs of ``n`` tokens."""
    if n <= 0:
        raise ValueError("n must be positive")
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
