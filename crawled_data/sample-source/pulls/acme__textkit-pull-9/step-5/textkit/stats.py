"""Word counts and simple readability measures."""

from __future__ import annotations

import math
from collections import Counter

from .tokenize import sentences, words

_VOWELS = frozenset("aeiouy")


def word_frequencies(
    text: str, *, top: int | None = None, keep_hyphens: bool = True
) -> list[tuple[str, int]]:
    """Words and their counts, most frequent first, ties in alphabetical order."""
    counts = Counter(words(text, keep_hyphens=keep_hyphens))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked if top is None else ranked[:top]


def type_token_ratio(text: str, *, keep_hyphens: bool = True) -> float:
    tokens = words(text, keep_hyphens=keep_hyphens)
    if not tokens:
        return 0.0
    return len(set(tokens)) / len(tokens)


def count_syllables(word: str) -> int:
    """Count vowel groups; good enough for English prose, never less than one."""
    if "-" in word:
        return sum(count_syllables(part) for part in word.split("-") if part)
    word = word.lower()
    count = 0
    previous_vowel = False
    for ch in word:
        is_vowel = ch in _VOWELS
        if is_vowel and not previous_vowel:
            count += 1
        previous_vowel = is_vowel
    if word.endswith("e") and count > 1 and not word.endswith("le"):
        count -= 1
    return max(count, 1)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease: higher is easier; 60-70 is plain English."""
    sents = sentences(text)
    tokens = words(text)
    if not sents or not tokens:
        return 0.0
    syllables = sum(count_syllables(w) for w in tokens)
    score = 206.835 - 1.015 * (len(tokens) / len(sents)) - 84.6 * (syllables / len(tokens))
    return round(score, 1)


def entropy(text: str) -> float:
    """Shannon entropy of the word distribution, in bits."""
    counts = Counter(words(text))
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in counts.values())
