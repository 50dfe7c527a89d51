"""The order book program's SDK: accounts, events, instructions, units and
``OrderBookClient``."""

from betfun.client.orderbook.accounts import (
    AccountDecodeError,
    Level,
    MarketAccount,
    Order,
    Seat,
)
from betfun.client.orderbook.client import MarketRef, OrderBookClient, OrderbookTransaction
from betfun.client.orderbook.errors import OrderbookErrorCode
from betfun.client.orderbook.events import OrderbookEvent, parse_events
from betfun.client.orderbook.instructions import OrderParams
from betfun.client.orderbook.kinds import OrderType, RemoveReason, SelfTradeBehavior, Side
from betfun.client.orderbook.program import PROGRAM_ID
from betfun.client.orderbook.units import MarketUnits, UnitError

__all__ = [
    "PROGRAM_ID",
    "AccountDecodeError",
    "Level",
    "MarketAccount",
    "MarketRef",
    "MarketUnits",
    "Order",
    "OrderBookClient",
    "OrderParams",
    "OrderType",
    "OrderbookErrorCode",
    "OrderbookEvent",
    "OrderbookTransaction",
    "RemoveReason",
    "Seat",
    "SelfTradeBehavior",
    "Side",
    "UnitError",
    "parse_events",
]
