"""Typed, immutable views of the order book program's accounts: the market, its book and
its seats, and the market authority that leads from (arena, outcome) to the market.

anchorpy decodes the zero-copy market from the IDL (its bytemuck layout has no implicit
padding, so it reads like Borsh); these classes keep only the used part of the fixed
arrays: the book sides are trimmed to their length and listed best first, the seat table to
its occupied seats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from construct import Container
from solders.pubkey import Pubkey

from betfun.client.orderbook.kinds import Side
from betfun.client.orderbook.program import coder


class AccountDecodeError(ValueError):
    """The bytes are not an account of the expected type (wrong discriminator or size)."""


def _decode(name: str, data: bytes) -> Container[Any]:
    expected = coder().accounts.acc_name_to_discriminator[name]
    if data[: len(expected)] != expected:
        raise AccountDecodeError(f"the account data is not an order book {name} account")
    try:
        return coder().accounts.decode(data)
    except Exception as exc:  # construct raises many types; all mean "not this layout"
        raise AccountDecodeError(f"cannot decode a {name} account: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Order:
    """A resting order (L3): ``price`` in ticks, ``lots`` still resting."""

    order_id: int
    client_order_id: int
    side: Side
    price: int
    lots: int
    # Unix time from which it is expired; None for good till cancelled.
    expiry_ts: int | None
    owner: Pubkey


@dataclass(frozen=True, slots=True)
class Level:
    """One price level of a side (L2): total lots resting at ``price`` ticks."""

    price: int
    lots: int
    orders: int


@dataclass(frozen=True, slots=True)
class Seat:
    """A trader's balances in a market, in base and quote units."""

    owner: Pubkey
    base_free: int
    base_locked: int
    quote_free: int
    quote_locked: int
    open_orders: int

    @classmethod
    def empty(cls, owner: Pubkey) -> Seat:
        return cls(owner, 0, 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class MarketAccount:
    address: Pubkey
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
    next_order_id: int
    fees_accrued: int
    fees_swept: int
    created_ts: int
    # The occupied seats, in slot order.
    seats: tuple[Seat, ...]
    # Best first: highest bid, lowest ask; equal prices oldest first.
    bids: tuple[Order, ...]
    asks: tuple[Order, ...]

    @classmethod
    def decode(cls, address: Pubkey, data: bytes) -> MarketAccount:
        raw = _decode("Market", data)
        # Slots 0..used were claimed at least once; a released slot has the default owner.
        slots = [
            Seat(
                owner=s.owner,
                base_free=s.base_free,
                base_locked=s.base_locked,
                quote_free=s.quote_free,
                quote_locked=s.quote_locked,
                open_orders=s.open_orders,
            )
            for s in raw.seats.seats[: raw.seats.used]
        ]

        def side(book_side: Container[Any], which: Side) -> tuple[Order, ...]:
            resting = book_side.orders[: book_side.len]
            return tuple(
                Order(
                    order_id=o.order_id,
                    client_order_id=o.client_order_id,
                    side=which,
                    price=o.price,
                    lots=o.lots,
                    expiry_ts=o.expiry_ts or None,
                    owner=slots[o.seat].owner,
                )
                for o in reversed(resting)
            )

        return cls(
            address=address,
            arena=raw.arena,
            outcome=raw.outcome,
            authority=raw.authority,
            base_mint=raw.base_mint,
            quote_mint=raw.quote_mint,
            base_vault=raw.base_vault,
            quote_vault=raw.quote_vault,
            creator=raw.creator,
            tick_size=raw.tick_size,
            lot_size=raw.lot_size,
            maker_fee_bps=raw.maker_fee_bps,
            taker_fee_bps=raw.taker_fee_bps,
            next_order_id=raw.next_order_id,
            fees_accrued=raw.fees_accrued,
            fees_swept=raw.fees_swept,
            created_ts=raw.created_ts,
            seats=tuple(seat for seat in slots if seat.owner != Pubkey.default()),
            bids=side(raw.book.bids, Side.BID),
            asks=side(raw.book.asks, Side.ASK),
        )

    def orders(self, side: Side) -> tuple[Order, ...]:
        return self.bids if side is Side.BID else self.asks

    def levels(self, side: Side, depth: int | None = None) -> list[Level]:
        """The L2 book of ``side``, best price first, at most ``depth`` levels."""
        levels: list[Level] = []
        for order in self.orders(side):
            if levels and levels[-1].price == order.price:
                last = levels[-1]
                levels[-1] = Level(last.price, last.lots + order.lots, last.orders + 1)
            elif depth is not None and len(levels) == depth:
                break
            else:
                levels.append(Level(order.price, order.lots, 1))
        return levels

    def seat(self, owner: Pubkey) -> Seat:
        """``owner``'s balances; all zero for a wallet without a seat."""
        return next((seat for seat in self.seats if seat.owner == owner), Seat.empty(owner))

    def open_orders(self, owner: Pubkey) -> list[Order]:
        """``owner``'s resting orders, bids then asks, each side best first."""
        return [order for order in (*self.bids, *self.asks) if order.owner == owner]

    def best_bid(self) -> int | None:
        return self.bids[0].price if self.bids else None

    def best_ask(self) -> int | None:
        return self.asks[0].price if self.asks else None


@dataclass(frozen=True, slots=True)
class MarketAuthorityAccount:
    """The PDA ["market", arena, outcome]: which account is the market of that pair."""

    address: Pubkey
    market: Pubkey
    arena: Pubkey
    outcome: int

    @classmethod
    def decode(cls, address: Pubkey, data: bytes) -> MarketAuthorityAccount:
        raw = _decode("MarketAuthority", data)
        return cls(address=address, market=raw.market, arena=raw.arena, outcome=raw.outcome)
