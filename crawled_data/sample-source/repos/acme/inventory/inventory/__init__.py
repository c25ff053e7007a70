"""acme inventory: stock ledger, pricing and reports for small warehouses."""

from .models import Item, Location, Movement, MovementKind, StockLevel
from .stock import StockError, StockLedger

__all__ = [
    "Item",
    "Location",
    "Movement",
    "MovementKind",
    "StockError",
    "StockLedger",
    "StockLevel",
]
__version__ = "0.4.0"
