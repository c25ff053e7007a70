"""Core data types for the inventory service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum


class MovementKind(str, Enum):
    RECEIPT = "receipt"
    SHIPMENT = "shipment"
    ADJUSTMENT = "adjustment"
    TRANSFER = "transfer"


@dataclass(frozen=True)
class Location:
    """A physical place where stock is kept, e.g. a warehouse bin."""

    code: str
    name: str
    warehouse: str = "main"

    def __str__(self) -> str:
        return f"{self.warehouse}/{self.code}"


@dataclass
class Item:
    sku: str
    name: str
    unit_price: float
    reorder_point: int = 0
    tags: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.sku or not self.sku.strip():
            raise ValueError("an item needs a non-empty SKU")
        self.sku = self.sku.strip().upper()
        if self.unit_price < 0:
            raise ValueError(f"negative unit price for {self.sku}: {self.unit_price}")


@dataclass
class StockLevel:
    item: Item
    location: Location
    on_hand: int = 0

    @property
    def needs_reorder(self) -> bool:
        return self.on_hand <= self.item.reorder_point


@dataclass(frozen=True)
class Movement:
    """One change to a stock level, as recorded in the ledger."""

    kind: MovementKind
    sku: str
    location: str
    quantity: int
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    note: str = ""

    def signed_quantity(self) -> int:
        if self.kind is MovementKind.SHIPMENT:
            return -self.quantity
        return self.quantity
