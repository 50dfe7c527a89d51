"""``betfun pool ...``: an arena's market maker from the command line.

As ``betfun arena``: every command returns an :class:`~betfun.client.cli_arena.Output`, JSON
with ``--json`` (amounts in base units, prices in 1/10^9 collateral per token, fractions as
"p/q" text) or text for people (whole units). Outcome tokens and LP tokens have the
collateral's decimals, so every amount typed is in whole units of the collateral.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from betfun.client.amounts import format_amount
from betfun.client.arena import ArenaAccount
from betfun.client.cli_arena import (
    Output,
    _common_options,
    amount,
    arena_ref,
    fee_bps,
    outcome_index,
)
from betfun.client.cli_output import CliError, fields, table
from betfun.client.pool import PoolClient, PoolState, math, quotes
from betfun.client.pool import events as ev
from betfun.client.pool.program import BPS_DENOMINATOR, PRICE_SCALE

DEFAULT_FEE_BPS = 100

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Session:
    client: PoolClient
    has_keypair: bool

    @property
    def me(self) -> Pubkey:
        if not self.has_keypair:
            raise CliError("this command needs a keypair (--keypair or BETFUN_KEYPAIR)")
        return self.client.address


Handler = Callable[[Session, argparse.Namespace], Awaitable[Output]]


@dataclass(frozen=True, slots=True)
class Market:
    """A pool read for a command, with its collateral's decimals."""

    state: PoolState
    decimals: int

    @property
    def arena(self) -> ArenaAccount:
        return self.state.arena

    def units(self, base_units: int) -> str:
        return format_amount(base_units, self.decimals)

    def amount(self, text: str) -> int:
        return amount(text, self.decimals)

    def outcome(self, text: str) -> int:
        return outcome_index(self.arena, text)


async def _market(session: Session, args: argparse.Namespace) -> Market:
    state = await session.client.state(args.arena)
    return Market(state, await session.client.arenas.mint_decimals(state.arena.collateral_mint))


def _percent(value: Fraction) -> str:
    return f"{float(value * 100):.2f}%"


def _price(value: int) -> str:
    return f"{value / PRICE_SCALE:.4f}"


def _slippage(text: str) -> int:
    if not text.isdigit() or int(text) > BPS_DENOMINATOR:
        raise argparse.ArgumentTypeError(
            f"slippage is a whole number of basis points from 0 to {BPS_DENOMINATOR}"
        )
    return int(text)


def _odds(text: str) -> tuple[int, ...]:
    weights = text.split(",")
    if not all(weight.isdigit() and int(weight) > 0 for weight in weights):
        raise argparse.ArgumentTypeError(
            f"odds are positive whole weights, one per outcome, e.g. 50,30,20; got {text!r}"
        )
    return tuple(int(weight) for weight in weights)


def _quoted(compute: Callable[[], T]) -> T:
    """A quote, or why the program would refuse it, as a one-line error."""
    try:
        return compute()
    except ValueError as exc:  # PoolMathError, or arguments the program takes no part in
        raise CliError(str(exc)) from None


def pool_data(market: Market) -> dict[str, Any]:
    pool, arena = market.state.pool, market.arena
    funded = 0 not in pool.balances
    probabilities = quotes.implied_probabilities(pool.balances) if funded else None
    return {
        "arena": arena.id,
        "address": pool.address,
        "lp_mint": pool.lp_mint,
        "lp_supply": market.state.lp_supply,
        "fee_bps": pool.fee_bps,
        "fees_collected": pool.fees_collected,
        "volume": pool.volume,
        "decimals": market.decimals,
        "outcomes": [
            {
                "index": index,
                "label": label,
                "balance": pool.balances[index],
                "vault": pool.vaults[index],
                "price": price,
                "probability": None if probabilities is None else str(probabilities[index]),
            }
            for index, (label, price) in enumerate(
                zip(arena.outcomes, math.prices(pool.balances), strict=True)
            )
        ],
    }


def pool_text(market: Market) -> str:
    data = pool_data(market)
    header = fields(
        [
            ("pool", f"arena {market.arena.id}  {market.arena.title}"),
            ("address", str(data["address"])),
            ("fee", f"{data['fee_bps']} bps"),
            ("LP supply", market.units(data["lp_supply"])),
            ("fees collected", market.units(data["fees_collected"])),
            ("volume", market.units(data["volume"])),
        ]
    )
    rows = [
        [str(o["index"]), o["label"], market.units(o["balance"]), _price(o["price"])]
        for o in data["outcomes"]
    ]
    return f"{header}\n\n" + table(["#", "outcome", "pool holds", "price"], rows, {0, 2, 3})


def _done(text: str, signature: object) -> str:
    return f"{text}\nsignature: {signature}"


async def cmd_create(session: Session, args: argparse.Namespace) -> Output:
    session.me  # noqa: B018 (fails early without a keypair)
    result = await session.client.create_pool(args.arena, args.fee_bps)
    created = result.event(ev.PoolCreated)
    market = await _market(session, args)
    return Output(
        {"signature": result.signature, "pool": pool_data(market)},
        _done(f"created pool {created.pool}\n\n{pool_text(market)}", result.signature),
    )


async def cmd_show(session: Session, args: argparse.Namespace) -> Output:
    market = await _market(session, args)
    data, text = pool_data(market), pool_text(market)
    if session.has_keypair and market.state.lp_supply > 0:
        lp = await session.client.lp_balance(market.state.pool)
        if lp > 0:
            position = quotes.lp_position(market.state.pool, market.state.lp_supply, lp)
            data["position"] = {
                "lp": lp,
                "amounts": list(position.amounts),
                "value": str(position.value),
                "sets": position.sets,
            }
            share = Fraction(lp, market.state.lp_supply)
            text += "\n\n" + fields(
                [
                    ("your LP", f"{market.units(lp)} ({_percent(share)})"),
                    ("worth", f"{float(position.value) / 10**market.decimals:.6f} at prices"),
                    ("withdraws", ", ".join(market.units(a) for a in position.amounts)),
                ]
            )
    return Output(data, text)


async def cmd_add(session: Session, args: argparse.Namespace) -> Output:
    market = await _market(session, args)
    collateral = market.amount(args.amount)
    odds = args.odds or ()
    _quoted(
        lambda: quotes.quote_deposit(market.state.pool, market.state.lp_supply, collateral, odds)
    )
    result = await session.client.add_liquidity(market.arena.id, collateral, odds=odds)
    added = result.event(ev.LiquidityAdded)
    return Output(
        {
            "signature": result.signature,
            "lp_minted": added.lp_minted,
            "added": list(added.added),
            "returned": list(added.returned),
            "balances": list(added.balances),
            "lp_supply": added.lp_supply,
            "prices": list(added.prices),
        },
        _done(
            f"deposited {market.units(collateral)} for {market.units(added.lp_minted)} LP; "
            f"returned to you: {', '.join(market.units(r) for r in added.returned)}",
            result.signature,
        ),
    )


async def cmd_remove(session: Session, args: argparse.Namespace) -> Output:
    market = await _market(session, args)
    lp = None if args.lp is None else market.amount(args.lp)
    result = await session.client.remove_liquidity(market.arena.id, lp)
    removed = result.event(ev.LiquidityRemoved)
    return Output(
        {
            "signature": result.signature,
            "lp_burned": removed.lp_burned,
            "amounts": list(removed.amounts),
            "balances": list(removed.balances),
            "lp_supply": removed.lp_supply,
            "prices": list(removed.prices),
        },
        _done(
            f"burned {market.units(removed.lp_burned)} LP for "
            f"{', '.join(market.units(a) for a in removed.amounts)} outcome tokens",
            result.signature,
        ),
    )


def _trade_data(quote: quotes.BuyQuote | quotes.SellQuote) -> dict[str, Any]:
    data: dict[str, Any] = {
        "outcome": quote.outcome,
        "fee": quote.fee,
        "balances_after": list(quote.balances_after),
        "prices_after": list(quote.prices_after),
        "price_impact": str(quote.price_impact),
    }
    if isinstance(quote, quotes.BuyQuote):
        data |= {
            "side": "buy",
            "collateral_in": quote.collateral_in,
            "tokens_out": quote.tokens_out,
        }
    else:
        data |= {
            "side": "sell",
            "collateral_out": quote.collateral_out,
            "tokens_in": quote.tokens_in,
        }
    return data


def _trade_text(market: Market, quote: quotes.BuyQuote | quotes.SellQuote) -> str:
    label = market.arena.outcomes[quote.outcome]
    if isinstance(quote, quotes.BuyQuote):
        what = (
            f"buy {market.units(quote.tokens_out)} {label} for {market.units(quote.collateral_in)}"
        )
    else:
        what = (
            f"sell {market.units(quote.tokens_in)} {label} for {market.units(quote.collateral_out)}"
        )
    price = _price(quote.prices_after[quote.outcome])
    return (
        f"{what} (fee {market.units(quote.fee)}, price impact {_percent(quote.price_impact)}, "
        f"price after {price})"
    )


def _quote(market: Market, args: argparse.Namespace) -> quotes.BuyQuote | quotes.SellQuote:
    pool, outcome, value = (
        market.state.pool,
        market.outcome(args.outcome),
        market.amount(args.amount),
    )
    if args.side == "buy":
        return _quoted(lambda: quotes.quote_buy(pool, outcome, value))
    if not args.tokens:
        return _quoted(lambda: quotes.quote_sell(pool, outcome, value))
    found = _quoted(lambda: quotes.quote_sell_tokens(pool, outcome, value))
    if found is None:
        raise CliError(f"{args.amount} tokens do not fetch one base unit of collateral")
    return found


async def cmd_quote(session: Session, args: argparse.Namespace) -> Output:
    market = await _market(session, args)
    quote = _quote(market, args)
    return Output(_trade_data(quote), _trade_text(market, quote))


async def cmd_trade(session: Session, args: argparse.Namespace) -> Output:
    market = await _market(session, args)
    quote = _quote(market, args)
    client, ref = session.client, market.arena.id
    executed: quotes.BuyQuote | quotes.SellQuote
    if isinstance(quote, quotes.BuyQuote):
        result = await client.buy(
            ref, quote.outcome, quote.collateral_in, slippage_bps=args.slippage_bps
        )
        bought = result.event(ev.SharesBought)
        executed = dataclasses.replace(
            quote,
            fee=bought.fee,
            tokens_out=bought.tokens_out,
            balances_after=bought.balances,
            prices_after=bought.prices,
        )
    else:
        result = await client.sell(
            ref, quote.outcome, quote.collateral_out, slippage_bps=args.slippage_bps
        )
        sold = result.event(ev.SharesSold)
        executed = dataclasses.replace(
            quote,
            fee=sold.fee,
            tokens_in=sold.tokens_in,
            balances_after=sold.balances,
            prices_after=sold.prices,
        )
    return Output(
        _trade_data(executed) | {"signature": result.signature},
        _done(_trade_text(market, executed), result.signature),
    )


def add_pool_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pool = commands.add_parser(
        "pool",
        help="an arena's market maker: create, add/remove liquidity, buy, sell, quote",
        description="The pool program: a fixed-product market maker over an arena's outcome "
        "tokens. Amounts are whole units of the collateral (outcome and LP tokens share its "
        "decimals); with --json, amounts are integers in base units.",
    )
    sub = pool.add_subparsers(dest="pool_command", metavar="COMMAND", required=True)
    common = _common_options()

    def command(
        name: str, handler: Handler, help_text: str, *, needs_keypair: bool = True
    ) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.set_defaults(handler=handler, needs_keypair=needs_keypair)
        parser.add_argument("arena", type=arena_ref, help="arena id or address")
        return parser

    p = command("create", cmd_create, "open the pool of an arena")
    p.add_argument(
        "--fee-bps",
        type=fee_bps,
        default=DEFAULT_FEE_BPS,
        help="trading fee in basis points (default: %(default)s)",
    )

    command("show", cmd_show, "a pool's balances, prices and your LP position", needs_keypair=False)

    p = command("add", cmd_add, "deposit collateral as liquidity")
    p.add_argument("amount", help="whole units of collateral")
    p.add_argument(
        "--odds",
        type=_odds,
        metavar="W1,W2,...",
        help="first deposit only: starting odds as weights, one per outcome (default: even)",
    )

    p = command("remove", cmd_remove, "burn LP tokens for outcome tokens, fees included")
    p.add_argument("lp", nargs="?", help="whole LP tokens (default: all yours)")

    for name, handler, needs_keypair, help_text in (
        ("buy", cmd_trade, True, "buy outcome tokens for collateral"),
        ("sell", cmd_trade, True, "sell outcome tokens for collateral"),
        ("quote", cmd_quote, False, "what a buy or a sale would do, without sending it"),
    ):
        p = command(name, handler, help_text, needs_keypair=needs_keypair)
        if name == "quote":
            p.add_argument("side", choices=["buy", "sell"])
        else:
            p.set_defaults(side=name)
        p.add_argument("outcome", help="outcome index or label")
        p.add_argument(
            "amount",
            help="buy: collateral to pay, fee included; sell: collateral to receive, "
            "or tokens to sell with --tokens",
        )
        p.add_argument("--tokens", action="store_true", help="sell: the amount is in tokens")
        if name != "quote":
            p.add_argument(
                "--slippage-bps",
                type=_slippage,
                default=0,
                help="tolerated move from the quote (default: %(default)s, the exact quote)",
            )


async def run(args: argparse.Namespace, rpc_url: str, wallet: Keypair | None) -> Output:
    """Runs the parsed pool command against ``rpc_url``, signing with ``wallet``."""
    async with PoolClient.connect(rpc_url, wallet or Keypair()) as client:
        handler: Handler = args.handler
        return await handler(Session(client, has_keypair=wallet is not None), args)
