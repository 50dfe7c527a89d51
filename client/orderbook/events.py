"""The order book program's events, decoded from a transaction's logs into typed values.

As for the arena (:mod:`betfun.client.arena.events`), only ``Program data:`` lines written
while the order book program is the executing program are read. Prices are in ticks, sizes
in lots, amounts in base or quote units.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from solders.pubkey import Pubkey

from betfun.client.event_logs import decode_anchor_event, program_data
from betfun.client.orderbook.kinds import OrderType, RemoveReason, Side
from betfun.client.orderbook.program import PROGRAM_ID, coder


@dataclass(frozen=True, slots=True)
class MarketCreated:
    market: Pubkey
    arena: Pubkey
    outcome: int
    authority: Pubkey
    base_mint: Pubkey
    quote_mint: Pubkey
    base_vault: Pubkey
    quote_vault: Pubkey
    creator: Pubkey
    tick_size: int
    lot_size: int
    maker_fee_bps: int
    taker_fee_bps: int
    ts: int


@dataclass(frozen=True, slots=True)
class Deposited:
    market: Pubkey
    owner: Pubkey
    base_amount: int
    quote_amount: int
    base_free: int
    quote_free: int


@dataclass(frozen=True, slots=True)
class Withdrawn:
    market: Pubkey
    owner: Pubkey
    base_amount: int
    quote_amount: int
    base_free: int
    quote_free: int


@dataclass(frozen=True, slots=True)
class OrderPlaced:
    market: Pubkey
    owner: Pubkey
    order_id: int
    client_order_id: int
    side: Side
    order_type: OrderType
    price: int
    lots: int
    filled_lots: int
    posted_lots: int
    expiry_ts: int
    base_deposited: int
    quote_deposited: int
    ts: int


@dataclass(frozen=True, slots=True)
class OrderFilled:
    market: Pubkey
    maker: Pubkey
    taker: Pubkey
    maker_order_id: int
    taker_order_id: int
    taker_side: Side
    price: int
    lots: int
    base_amount: int
    quote_amount: int
    maker_fee: int
    taker_fee: int
    maker_remaining_lots: int


@dataclass(frozen=True, slots=True)
class OrderCancelled:
    market: Pubkey
    owner: Pubkey
    order_id: int
    client_order_id: int
    side: Side
    price: int
    lots: int
    remaining_lots: int
    reason: RemoveReason


@dataclass(frozen=True, slots=True)
class OrderExpired:
    market: Pubkey
    owner: Pubkey
    order_id: int
    client_order_id: int
    side: Side
    price: int
    lots: int
    expiry_ts: int


@dataclass(frozen=True, slots=True)
class FeesSwept:
    market: Pubkey
    treasury_account: Pubkey
    amount: int
    total_swept: int


OrderbookEvent = (
    MarketCreated
    | Deposited
    | Withdrawn
    | OrderPlaced
    | OrderFilled
    | OrderCancelled
    | OrderExpired
    | FeesSwept
)

EVENT_TYPES: dict[str, type[OrderbookEvent]] = {
    cls.__name__: cls
    for cls in (
        MarketCreated,
        Deposited,
        Withdrawn,
        OrderPlaced,
        OrderFilled,
        OrderCancelled,
        OrderExpired,
        FeesSwept,
    )
}

_ENUM_FIELDS: dict[str, type[Side | OrderType | RemoveReason]] = {
    "side": Side,
    "taker_side": Side,
    "order_type": OrderType,
    "reason": RemoveReason,
}


def _convert(name: str, value: object) -> object:
    kind = _ENUM_FIELDS.get(name)
    return kind.of(value) if kind is not None else value


def decode_event(data: bytes) -> OrderbookEvent | None:
    """The event encoded in ``data`` (discriminator + Borsh), or None if it is none of ours."""
    return decode_anchor_event(coder(), EVENT_TYPES, data, _convert)


def parse_events(logs: Iterable[str], program_id: Pubkey = PROGRAM_ID) -> list[OrderbookEvent]:
    """Every order book event in a transaction's log lines, in emission order."""
    decoded = (decode_event(data) for data in program_data(logs, program_id))
    return [event for event in decoded if event is not None]
