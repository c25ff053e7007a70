"""The stock ledger: every receipt, shipment and adjustment, and the levels they produce."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from .models import Item, Location, Movement, MovementKind, StockLevel


class StockError(Exception):
    """Raised when a movement would leave the ledger inconsistent."""


class StockLedger:
    def __init__(self, items: Iterable[Item] = (), locations: Iterable[Location] = ()) -> None:
        self._items: dict[str, Item] = {item.sku: item for item in items}
        self._locations: dict[str, Location] = {loc.code: loc for loc in locations}
        self._levels: dict[tuple[str, str], StockLevel] = {}
        self._movements: list[Movement] = []

    # -- registration -----------------------------------------------------

    def add_item(self, item: Item) -> None:
        if item.sku in self._items:
            raise StockError(f"duplicate SKU {item.sku}")
        self._items[item.sku] = item

    def add_location(self, location: Location) -> None:
        self._locations[location.code] = location

    # -- lookups ----------------------------------------------------------

    def level(self, sku: str, location: str) -> StockLevel:
        key = (sku.upper(), location)
        if key not in self._levels:
            item = self._items.get(key[0])
            if item is None:
                raise StockError(f"unknown SKU {sku}")
            loc = self._locations.get(location)
            if loc is None:
                raise StockError(f"unknown location {location}")
            self._levels[key] = StockLevel(item, loc)
        return self._levels[key]

    def levels(self) -> Iterator[StockLevel]:
        return iter(sorted(self._levels.values(), key=lambda lv: (lv.item.sku, lv.location.code)))

    def total_on_hand(self, sku: str) -> int:
        sku = sku.upper()
        return sum(lv.on_hand for (s, _), lv in self._levels.items() if s == sku)

    def history(self, sku: str | None = None) -> list[Movement]:
        if sku is None:
            return list(self._movements)
        sku = sku.upper()
        return [m for m in self._movements if m.sku == sku]

    # -- movements --------------------------------------------------------

    def receive(self, sku: str, quantity: int, location: str, note: str = "") -> StockLevel:
        self._check_quantity(quantity)
        level = self.level(sku, location)
        level.on_hand += quantity
        self._record(MovementKind.RECEIPT, level, quantity, note)
        return level

    def ship(
        self, sku: str, quantity: int, location: str, note: str = "", *, reserved: bool = False
    ) -> StockLevel:
        """Ship stock; with ``reserved=True`` the quantity comes out of the reservation."""
        self._check_quantity(quantity)
        level = self.level(sku, location)
        limit = level.reserved if reserved else level.available
        if quantity > limit:
            what = "reserved" if reserved else "available"
            raise StockError(
                f"cannot ship {quantity} x {level.item.sku} from {location}: "
                f"only {limit} {what}"
            )
        level.on_hand -= quantity
        if reserved:
            level.reserved -= quantity
        self._record(MovementKind.SHIPMENT, level, quantity, note)
        return level

    def reserve(self, sku: str, quantity: int, location: str, note: str = "") -> StockLevel:
        """Set stock aside for an open order without shipping it."""
        self._check_quantity(quantity)
        level = self.level(sku, location)
        if quantity > level.available:
            raise StockError(
                f"cannot reserve {quantity} x {level.item.sku} at {location}: "
                f"only {level.available} available"
            )
        level.reserved += quantity
        self._record(MovementKind.RESERVATION, level, quantity, note)
        return level

    def release(self, sku: str, quantity: int, location: str) -> StockLevel:
        """Give reserved stock back, e.g. when an order is cancelled."""
        self._check_quantity(quantity)
        level = self.level(sku, location)
        level.reserved -= min(quantity, level.reserved)
        return level

    def adjust(self, sku: str, counted: int, location: str, note: str = "stock count") -> StockLevel:
        """Set the on-hand quantity to a physical count and record the difference."""
        if counted < 0:
            raise StockError("a stock count cannot be negative")
        level = self.level(sku, location)
        delta = counted - level.on_hand
        if delta:
            level.on_hand = counted
            level.reserved = min(level.reserved, counted)
            self._record(MovementKind.ADJUSTMENT, level, delta, note)
        return level

    def transfer(self, sku: str, quantity: int, source: str, target: str) -> None:
        self.ship(sku, quantity, source, note=f"transfer to {target}")
        self.receive(sku, quantity, target, note=f"transfer from {source}")

    def movements_by_kind(self) -> dict[MovementKind, int]:
        counts: dict[MovementKind, int] = defaultdict(int)
        for movement in self._movements:
            counts[movement.kind] += 1
        return dict(counts)

    # -- helpers ----------------------------------------------------------

    @staticmethod
    def _check_quantity(quantity: int) -> None:
        if not isinstance(quantity, int) or isinstance(quantity, bool):
            raise TypeError(f"quantity must be an int, got {type(quantity).__name__}")
        if quantity <= 0:
            raise StockError(f"quantity must be positive, got {quantity}")

    def _record(self, kind: MovementKind, level: StockLevel, quantity: int, note: str) -> None:
        self._movements.append(
            Movement(kind, level.item.sku, level.location.code, quantity, note=note)
        )
