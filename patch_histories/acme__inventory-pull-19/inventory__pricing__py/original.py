"""Prices, discounts and tax for order lines."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Item

DEFAULT_TAX_RATE = 0.2


@dataclass(frozen=True)
class DiscountTier:
    """Lines of at least ``min_quantity`` units get ``discount_pct`` off."""

    min_quantity: int
    discount_pct: float


BULK_TIERS = (
    DiscountTier(10, 5.0),
    DiscountTier(50, 10.0),
    DiscountTier(200, 15.0),
)


@dataclass(frozen=True)
class OrderLine:
    item: Item
    quantity: int
    discount_pct: float = 0.0

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError("an order line needs a positive quantity")
        if not 0.0 <= self.discount_pct < 100.0:
            raise ValueError(f"discount out of range: {self.discount_pct}")


def bulk_discount(quantity: int, tiers: tuple[DiscountTier, ...] = BULK_TIERS) -> float:
    """The tier discount that ``quantity`` units qualify for (0.0 below the first tier)."""
    pct = 0.0
    for tier in tiers:
        if quantity >= tier.min_quantity:
            pct = max(pct, tier.discount_pct)
    return pct


def line_total(line: OrderLine) -> float:
    """Price of one line after its discount, before tax.

    The line's own discount and the bulk discount do not add up: the larger one applies.
    """
    pct = line.discount_pct
    if "no-bulk-discount" not in line.item.tags:
        pct = max(pct, bulk_discount(line.quantity))
    gross = line.item.unit_price * line.quantity
    return round(gross * (1 - pct / 100), 2)


def order_subtotal(lines: list[OrderLine]) -> float:
    return round(sum(line_total(line) for line in lines), 2)


def order_tax(lines: list[OrderLine], rate: float = DEFAULT_TAX_RATE) -> float:
    taxable = sum(line_total(line) for line in lines if "tax-exempt" not in line.item.tags)
    return round(taxable * rate, 2)


def order_total(lines: list[OrderLine], rate: float = DEFAULT_TAX_RATE) -> float:
    return round(order_subtotal(lines) + order_tax(lines, rate), 2)


def format_price(amount: float, currency: str = "EUR") -> str:
    """Format an amount with thousands separators, e.g. ``1,234.50 EUR``."""
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(round(abs(amount) * 100), 100)
    return f"{sign}{whole:,}.{cents:02d} {currency}"
