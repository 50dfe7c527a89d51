"""``betfun book ...``: the order book program from the command line.

A market is named by its arena (id or address) and outcome (index or label). Prices are
typed and printed in collateral per share ("0.58"), sizes in shares ("2.5"), deposits in
whole units; all are converted exactly to the market's ticks, lots and base units, and
refused when they fall between two. With ``--json``, prices and sizes come both as the
program counts them (ticks, lots, base units) and as decimal strings.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from betfun.client.amounts import format_amount
from betfun.client.arena import ArenaAccount, ArenaClient
from betfun.client.cli_arena import (
    Output,
    _common_options,
    amount,
    arena_ref,
    close_time,
    fee_bps,
    outcome_index,
)
from betfun.client.cli_output import CliError, fields, table
from betfun.client.orderbook import (
    MarketAccount,
    MarketUnits,
    Order,
    OrderBookClient,
    OrderParams,
    OrderType,
    Seat,
    SelfTradeBehavior,
    Side,
    UnitError,
)
from betfun.client.orderbook import events as ev
from betfun.client.tokens import mint_decimals


@dataclass(frozen=True, slots=True)
class Session:
    book: OrderBookClient
    arenas: ArenaClient
    has_keypair: bool

    @property
    def me(self) -> Pubkey:
        if not self.has_keypair:
            raise CliError("this command needs a keypair (--keypair or BETFUN_KEYPAIR)")
        return self.book.address


@dataclass(frozen=True, slots=True)
class Book:
    """A market with what the commands print it with."""

    arena: ArenaAccount
    market: MarketAccount
    units: MarketUnits

    def price(self, ticks: int) -> str:
        """Collateral per share with the tick's decimal places, so that prices align."""
        return str(self.units.ticks_to_price(ticks).quantize(self.units.tick_price()))

    def shares(self, lots: int) -> str:
        return str(self.units.lots_to_shares(lots))

    def base(self, base_units: int) -> str:
        return format_amount(base_units, self.units.base_decimals)

    def quote(self, quote_units: int) -> str:
        return format_amount(quote_units, self.units.quote_decimals)


Handler = Callable[[Session, argparse.Namespace], Awaitable[Output]]


def _converted(convert: Callable[[str], int], text: str) -> int:
    try:
        return convert(text)
    except (UnitError, InvalidOperation) as exc:
        raise CliError(str(exc) or f"not a number: {text!r}") from None


async def _book(session: Session, args: argparse.Namespace) -> Book:
    arena = await session.arenas.arena(args.arena)
    outcome = outcome_index(arena, args.outcome)
    market = await session.book.market((arena.address, outcome))
    return Book(arena, market, await session.book.units(market))


def _done(what: str, signature: Signature) -> str:
    return f"{what}\nsignature: {signature}"


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _order_data(book: Book, order: Order) -> dict[str, Any]:
    return {
        "order_id": order.order_id,
        "client_order_id": order.client_order_id,
        "side": order.side.label,
        "owner": order.owner,
        "price_ticks": order.price,
        "price": book.price(order.price),
        "lots": order.lots,
        "shares": book.shares(order.lots),
        "expiry_ts": order.expiry_ts,
    }


def _seat_data(seat: Seat) -> dict[str, Any]:
    return {
        "owner": seat.owner,
        "base_free": seat.base_free,
        "base_locked": seat.base_locked,
        "quote_free": seat.quote_free,
        "quote_locked": seat.quote_locked,
        "open_orders": seat.open_orders,
    }


def book_data(book: Book, depth: int | None) -> dict[str, Any]:
    market = book.market

    def levels(side: Side) -> list[dict[str, Any]]:
        return [
            {
                "price_ticks": level.price,
                "price": book.price(level.price),
                "lots": level.lots,
                "shares": book.shares(level.lots),
                "orders": level.orders,
            }
            for level in market.levels(side, depth)
        ]

    return {
        "market": market.address,
        "arena": book.arena.id,
        "outcome": market.outcome,
        "outcome_label": book.arena.outcomes[market.outcome],
        "base_mint": market.base_mint,
        "quote_mint": market.quote_mint,
        "tick_size": market.tick_size,
        "lot_size": market.lot_size,
        "tick": str(book.units.tick_price()),
        "lot": book.shares(1),
        "maker_fee_bps": market.maker_fee_bps,
        "taker_fee_bps": market.taker_fee_bps,
        "fees_accrued": market.fees_accrued,
        "fees_swept": market.fees_swept,
        "bids": levels(Side.BID),
        "asks": levels(Side.ASK),
        "orders": [_order_data(book, o) for o in (*market.bids, *market.asks)],
    }


def depth_table(book: Book, depth: int | None) -> str:
    """Asks above bids, both around the spread: the best prices meet in the middle."""
    market = book.market
    asks = list(reversed(market.levels(Side.ASK, depth)))
    bids = market.levels(Side.BID, depth)
    if not asks and not bids:
        return "the book is empty"
    rows = [["ask", book.price(lv.price), book.shares(lv.lots), str(lv.orders)] for lv in asks]
    best_bid, best_ask = market.best_bid(), market.best_ask()
    if best_bid is not None and best_ask is not None:
        rows.append(["spread", book.price(best_ask - best_bid), "", ""])
    rows += [["bid", book.price(lv.price), book.shares(lv.lots), str(lv.orders)] for lv in bids]
    return table(["side", "price", "shares", "orders"], rows, numeric={1, 2, 3})


def book_text(book: Book, depth: int | None) -> str:
    market = book.market
    header = fields(
        [
            ("market", str(market.address)),
            (
                "outcome",
                f"{market.outcome} ({book.arena.outcomes[market.outcome]}) "
                f"of arena {book.arena.id}",
            ),
            ("tick", f"{book.units.tick_price()} per share"),
            ("lot", f"{book.shares(1)} share"),
            ("fees", f"maker {market.maker_fee_bps} bps, taker {market.taker_fee_bps} bps"),
        ]
    )
    return f"{header}\n\n{depth_table(book, depth)}"


def _mine_text(book: Book, seat: Seat, orders: list[Order]) -> str:
    balances = fields(
        [
            ("shares", f"{book.base(seat.base_free)} free, {book.base(seat.base_locked)} locked"),
            (
                "collateral",
                f"{book.quote(seat.quote_free)} free, {book.quote(seat.quote_locked)} locked",
            ),
        ]
    )
    lines = [f"your seat ({seat.owner})", balances]
    if orders:
        rows = [
            [
                str(o.order_id),
                str(o.client_order_id),
                o.side.label,
                book.price(o.price),
                book.shares(o.lots),
            ]
            for o in orders
        ]
        lines.append(table(["id", "client id", "side", "price", "shares"], rows, {0, 1, 3, 4}))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def _market_sizes(tick: str, lot: str, base_decimals: int, quote_decimals: int) -> tuple[int, int]:
    """``tick_size`` and ``lot_size`` for a tick of ``tick`` collateral per share and a lot of
    ``lot`` shares."""
    try:
        lot_shares, tick_price = Fraction(Decimal(lot)), Fraction(Decimal(tick))
    except InvalidOperation:
        raise CliError(f"not a number: --tick {tick!r} or --lot {lot!r}") from None
    lot_size = lot_shares * 10**base_decimals
    tick_size = tick_price * lot_shares * 10**quote_decimals
    if lot_size.denominator != 1 or tick_size.denominator != 1 or lot_size <= 0 or tick_size <= 0:
        raise CliError(
            f"a lot of {lot} share and a tick of {tick} must be whole, positive numbers of "
            "base units"
        )
    return int(tick_size), int(lot_size)


async def cmd_create(session: Session, args: argparse.Namespace) -> Output:
    arena = await session.arenas.arena(args.arena)
    outcome = outcome_index(arena, args.outcome)
    connection = session.book.connection
    tick_size, lot_size = _market_sizes(
        args.tick,
        args.lot,
        await mint_decimals(connection, arena.outcome_mints[outcome]),
        await mint_decimals(connection, arena.collateral_mint),
    )
    result = await session.book.create_market(
        arena.id,
        outcome,
        tick_size=tick_size,
        lot_size=lot_size,
        maker_fee_bps=args.maker_fee_bps,
        taker_fee_bps=args.taker_fee_bps,
    )
    created = result.event(ev.MarketCreated)
    market = await session.book.market(created.market)
    book = Book(arena, market, await session.book.units(market))
    return Output(
        {"signature": result.signature, "market": book_data(book, None)},
        _done(f"created the market\n\n{book_text(book, None)}", result.signature),
    )


async def cmd_show(session: Session, args: argparse.Namespace) -> Output:
    book = await _book(session, args)
    data = book_data(book, args.depth)
    text = book_text(book, args.depth)
    if session.has_keypair:
        seat = book.market.seat(session.me)
        orders = book.market.open_orders(session.me)
        data["seat"] = _seat_data(seat)
        data["open_orders"] = [_order_data(book, o) for o in orders]
        text = f"{text}\n\n{_mine_text(book, seat, orders)}"
    return Output(data, text)


async def cmd_place(session: Session, args: argparse.Namespace) -> Output:
    book = await _book(session, args)
    order_type = OrderType.from_label(args.type)
    expiry = None
    if args.expires is not None:
        expiry = close_time(args.expires, await session.arenas.cluster_time())
    order = OrderParams(
        side=Side.from_label(args.side),
        price=_converted(book.units.price_to_ticks, args.price),
        lots=_converted(book.units.shares_to_lots, args.size),
        order_type=order_type,
        client_order_id=args.client_id,
        expiry_ts=expiry,
        self_trade=SelfTradeBehavior.from_label(args.self_trade),
    )
    result = await session.book.place_order(book.market.address, order)
    placed = result.event(ev.OrderPlaced)
    fills = result.events_of(ev.OrderFilled)
    data = {
        "signature": result.signature,
        "market": book.market.address,
        "order_id": placed.order_id,
        "client_order_id": placed.client_order_id,
        "side": placed.side.label,
        "type": placed.order_type.label,
        "price_ticks": placed.price,
        "lots": placed.lots,
        "filled_lots": placed.filled_lots,
        "posted_lots": placed.posted_lots,
        "base_deposited": placed.base_deposited,
        "quote_deposited": placed.quote_deposited,
        "fills": [
            {
                "maker": f.maker,
                "maker_order_id": f.maker_order_id,
                "price_ticks": f.price,
                "lots": f.lots,
                "base_amount": f.base_amount,
                "quote_amount": f.quote_amount,
                "maker_fee": f.maker_fee,
                "taker_fee": f.taker_fee,
            }
            for f in fills
        ],
    }
    lines = [
        f"order {placed.order_id}: {placed.side.label} {book.shares(placed.lots)} at "
        f"{book.price(placed.price)} ({placed.order_type.label}); filled "
        f"{book.shares(placed.filled_lots)}, resting {book.shares(placed.posted_lots)}"
    ]
    lines += [
        f"  filled {book.shares(f.lots)} at {book.price(f.price)} "
        f"(order {f.maker_order_id}), fee {book.quote(f.taker_fee)}"
        for f in fills
    ]
    return Output(data, _done("\n".join(lines), result.signature))


async def cmd_cancel(session: Session, args: argparse.Namespace) -> Output:
    book = await _book(session, args)
    market = book.market.address
    if args.all:
        result = await session.book.cancel_all_orders(market)
    elif args.client_id is not None:
        result = await session.book.cancel_order_by_client_id(market, args.client_id)
    elif args.order_id is not None:
        result = await session.book.cancel_order(market, args.order_id)
    else:
        raise CliError("name the order: ORDER_ID, --client-id N or --all")
    cancelled = result.events_of(ev.OrderCancelled)
    return Output(
        {
            "signature": result.signature,
            "market": market,
            "cancelled": [
                {"order_id": c.order_id, "client_order_id": c.client_order_id, "lots": c.lots}
                for c in cancelled
            ],
        },
        _done(
            f"cancelled {len(cancelled)} order(s): "
            + (", ".join(str(c.order_id) for c in cancelled) or "none"),
            result.signature,
        ),
    )


def _balance_args(book: Book, args: argparse.Namespace) -> tuple[int, int]:
    base = amount(args.base, book.units.base_decimals) if args.base else 0
    quote = amount(args.quote, book.units.quote_decimals) if args.quote else 0
    return base, quote


def _moved(book: Book, result_event: ev.Deposited | ev.Withdrawn) -> dict[str, Any]:
    return {
        "market": book.market.address,
        "base_amount": result_event.base_amount,
        "quote_amount": result_event.quote_amount,
        "base_free": result_event.base_free,
        "quote_free": result_event.quote_free,
    }


async def cmd_deposit(session: Session, args: argparse.Namespace) -> Output:
    book = await _book(session, args)
    base, quote = _balance_args(book, args)
    if not base and not quote:
        raise CliError("give --shares, --collateral or both")
    result = await session.book.deposit(book.market.address, base, quote)
    event = result.event(ev.Deposited)
    return Output(
        {"signature": result.signature, **_moved(book, event)},
        _done(
            f"deposited {book.base(event.base_amount)} shares and "
            f"{book.quote(event.quote_amount)} collateral; free: {book.base(event.base_free)} "
            f"shares, {book.quote(event.quote_free)} collateral",
            result.signature,
        ),
    )


async def cmd_withdraw(session: Session, args: argparse.Namespace) -> Output:
    book = await _book(session, args)
    base, quote = _balance_args(book, args)
    if base or quote:
        result = await session.book.withdraw(book.market.address, base, quote)
    else:
        seat = book.market.seat(session.me)
        if not seat.base_free and not seat.quote_free:
            raise CliError("nothing free to withdraw (cancel your orders first?)")
        result = await session.book.withdraw(book.market.address)
    event = result.event(ev.Withdrawn)
    return Output(
        {"signature": result.signature, **_moved(book, event)},
        _done(
            f"withdrew {book.base(event.base_amount)} shares and "
            f"{book.quote(event.quote_amount)} collateral",
            result.signature,
        ),
    )


# --------------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------------


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def add_book_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    book = commands.add_parser(
        "book",
        help="order books on outcome tokens: create, show, place, cancel...",
        description="The order book program: limit orders on an arena's outcome tokens, "
        "quoted in its collateral. A market is ARENA (id or address) and OUTCOME (index or "
        "label); prices are collateral per share (e.g. 0.58), sizes shares (e.g. 2.5).",
    )
    sub = book.add_subparsers(dest="book_command", metavar="COMMAND", required=True)
    common = _common_options()

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.set_defaults(handler=handler, needs_keypair=True)
        parser.add_argument("arena", type=arena_ref, help="arena id or address")
        parser.add_argument("outcome", help="outcome index or label")
        return parser

    p = command("create", cmd_create, "open the market of an outcome (arena creator or admin)")
    p.add_argument("--tick", default="0.01", help="price step per share (default: %(default)s)")
    p.add_argument("--lot", default="0.01", help="size step in shares (default: %(default)s)")
    p.add_argument("--maker-fee-bps", type=fee_bps, default=0, help="(default: %(default)s)")
    p.add_argument("--taker-fee-bps", type=fee_bps, default=0, help="(default: %(default)s)")

    p = command("show", cmd_show, "the book as a depth table, and your seat and orders")
    p.add_argument("--depth", type=_non_negative, help="price levels per side (default: all)")
    p.set_defaults(needs_keypair=False)

    p = command("place", cmd_place, "place an order")
    p.add_argument("side", choices=[s.label for s in Side])
    p.add_argument("price", help="collateral per share, e.g. 0.58 (a market order's bound)")
    p.add_argument("size", help="shares, e.g. 2.5")
    p.add_argument(
        "--type", default="limit", choices=[t.label for t in OrderType], help="(default: limit)"
    )
    p.add_argument("--client-id", type=_non_negative, default=0, help="your id for the order")
    p.add_argument("--expires", metavar="WHEN", help="limit/post-only: +30m, unix seconds...")
    p.add_argument(
        "--self-trade",
        default=SelfTradeBehavior.CANCEL_PROVIDE.label,
        choices=[b.label for b in SelfTradeBehavior],
        help="when it meets your own order (default: %(default)s)",
    )

    p = command("cancel", cmd_cancel, "cancel an order by id, by client id, or all yours")
    p.add_argument("order_id", nargs="?", type=_non_negative, help="the order id")
    p.add_argument("--client-id", type=_non_negative, help="cancel by your client id")
    p.add_argument("--all", action="store_true", help="cancel all your orders")

    for name, handler, help_text in (
        ("deposit", cmd_deposit, "move shares and collateral into your seat"),
        ("withdraw", cmd_withdraw, "move free balances out (default: everything free)"),
    ):
        p = command(name, handler, help_text)
        p.add_argument("--shares", dest="base", metavar="AMOUNT", help="outcome tokens")
        p.add_argument("--collateral", dest="quote", metavar="AMOUNT", help="collateral")


async def run(args: argparse.Namespace, rpc_url: str, wallet: Keypair | None) -> Output:
    """Runs the parsed book command against ``rpc_url``, signing with ``wallet``."""
    # Read-only commands without a keypair still need a wallet object; it never signs.
    signer = wallet or Keypair()
    async with OrderBookClient.connect(rpc_url, signer) as client:
        session = Session(
            client, ArenaClient(client.connection, signer), has_keypair=wallet is not None
        )
        handler: Handler = args.handler
        return await handler(session, args)
