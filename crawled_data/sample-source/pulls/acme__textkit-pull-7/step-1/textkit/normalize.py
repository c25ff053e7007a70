"""Text normalisation helpers used before tokenising and counting."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Characters that some editors insert and that never carry meaning for us.
_INVISIBLE = {
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte order mark
}


def remove_invisible(text: str) -> str:
    for char, replacement in _INVISIBLE.items():
        text = text.replace(char, replacement)
    return _CONTROL_RE.sub("", text)


def strip_accents(text: str) -> str:
    """Drop combining marks: "café" becomes "cafe" and "Ångström" becomes "Angstrom"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def collapse_whitespace(text: str) -> str:
    """Turn every run of whitespace into one space and strip the ends."""
    return _WHITESPACE_RE.sub(" ", text).strip()


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_text(text: str, *, lowercase: bool = False) -> str:
    """The normalisation every textkit function applies to its input.

    >>> normalize_text("  Hello\\u200b   world \\n")
    'Hello world'
    """
    text = remove_invisible(normalize_newlines(text))
    text = collapse_whitespace(text)
    if lowercase:
        text = text.lower()
    return text


def normalize_paragraphs(text: str) -> list[str]:
    """Split on blank lines and normalise each paragraph; empty ones are dropped."""
    paragraphs = re.split(r"\n\s*\n", normalize_newlines(text))
    return [p for p in (normalize_text(par) for par in paragraphs) if p]
