"""Wrapping paragraphs to a fixed width."""

from __future__ import annotations

from .normalize import normalize_paragraphs

DEFAULT_WIDTH = 72


def _break_long_word(word: str, width: int) -> list[str]:
    return [word[i : i + width] for i in range(0, len(word), width)]


def _justify_line(line: str, width: int) -> str:
    """Widen the gaps of ``line`` so that it is exactly ``width`` characters long."""
    words = line.split(" ")
    if len(words) == 1:
        return line
    gaps = len(words) - 1
    spaces = width - sum(len(word) for word in words)
    base, extra = divmod(spaces, gaps)
    out = []
    for i, word in enumerate(words[:-1]):
        out.append(word + " " * (base + (1 if i < extra else 0)))
    out.append(words[-1])
    return "".join(out)


def wrap_paragraph(text: str, width: int = DEFAULT_WIDTH, *, justify: bool = False) -> list[str]:
    """Greedy line filling: each line takes as many words as fit in ``width``."""
    if width < 1:
        raise ValueError("width must be at least 1")
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in text.split():
        pieces = _break_long_word(word, width) if len(word) > width else [word]
        for piece in pieces:
            extra = len(piece) if not current else len(piece) + 1
            if current and length + extra > width:
                lines.append(" ".join(current))
                current, length = [], 0
                extra = len(piece)
            current.append(piece)
            length += extra
    if current:
        lines.append(" ".join(current))
    if justify:
        lines[:-1] = [_justify_line(line, width) for line in lines[:-1]]
    return lines


def indent(lines: list[str], prefix: str, first: str | None = None) -> list[str]:
    """Prefix every line; ``first`` replaces the prefix on the first line."""
    if not lines:
        return []
    head = prefix if first is None else first
    return [head + lines[0]] + [prefix + line for line in lines[1:]]


def fill(text: str, width: int = DEFAULT_WIDTH, *, prefix: str = "", justify: bool = False) -> str:
    """Wrap every paragraph of ``text`` and join them with blank lines."""
    inner = width - len(prefix)
    blocks = []
    for paragraph in normalize_paragraphs(text):
        lines = wrap_paragraph(paragraph, inner, justify=justify)
        blocks.append("\n".join(indent(lines, prefix)))
    return "\n\n".join(blocks)
