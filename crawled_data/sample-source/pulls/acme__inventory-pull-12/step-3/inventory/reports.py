"""Plain-text and CSV reports over a stock ledger."""

from __future__ import annotations

import io
from datetime import date
from typing import Iterable

from .models import StockLevel
from .pricing import format_price
from .stock import StockLedger

SUMMARY_COLUMNS = ("sku", "name", "location", "on_hand", "value")


def low_stock(ledger: StockLedger) -> list[StockLevel]:
    """Levels at or below their item's reorder point, worst first."""
    rows = [lv for lv in ledger.levels() if lv.needs_reorder]
    rows.sort(key=lambda lv: (lv.available - lv.item.reorder_point, lv.item.sku))
    return rows


def stock_value(levels: Iterable[StockLevel]) -> float:
    return round(sum(lv.on_hand * lv.item.unit_price for lv in levels), 2)


def summary_rows(ledger: StockLedger) -> list[tuple[str, ...]]:
    rows = []
    for lv in ledger.levels():
        rows.append(
            (
                lv.item.sku,
                lv.item.name,
                str(lv.location),
                str(lv.on_hand),
                f"{lv.on_hand * lv.item.unit_price:.2f}",
            )
        )
    return rows


def summary_csv(ledger: StockLedger) -> str:
    out = io.StringIO()
    out.write(",".join(SUMMARY_COLUMNS) + "\n")
    for row in summary_rows(ledger):
        out.write(",".join(row) + "\n")
    return out.getvalue()


def low_stock_text(ledger: StockLedger, today: date | None = None) -> str:
    today = today or date.today()
    levels = low_stock(ledger)
    lines = [f"Low stock report, {today.isoformat()}", ""]
    if not levels:
        lines.append("Nothing to reorder.")
        return "\n".join(lines) + "\n"
    width = max(len(lv.item.sku) for lv in levels)
    for lv in levels:
        short = lv.item.reorder_point - lv.available
        lines.append(
            f"{lv.item.sku:<{width}}  {lv.available:>5} available  "
            f"(reorder point {lv.item.reorder_point}, short by {max(short, 0)})"
        )
    total = stock_value(levels)
    lines.extend(["", f"Value of listed stock: {format_price(total)}"])
    return "\n".join(lines) + "\n"
