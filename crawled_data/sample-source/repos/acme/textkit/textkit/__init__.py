"""textkit: small, dependency-free text utilities."""

from .normalize import normalize_text
from .stats import flesch_reading_ease, word_frequencies
from .tokenize import sentences, words
from .wrap import fill, wrap_paragraph

__all__ = [
    "fill",
    "flesch_reading_ease",
    "normalize_text",
    "sentences",
    "word_frequencies",
    "words",
    "wrap_paragraph",
]
__version__ = "1.2.0"
