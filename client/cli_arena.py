"""``betfun arena ...``: the arena program from the command line.

Every command is an async handler returning an :class:`Output`: the data (printed as JSON
with ``--json``; amounts in base units, as integers) and the text people read (amounts in
whole units of the collateral). Amounts typed by the user are whole units ("10.5"),
converted exactly with the collateral mint's decimals.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from betfun.client.amounts import AmountError, format_amount, parse_amount
from betfun.client.arena import ArenaAccount, ArenaClient, ArenaRef, ArenaStatus, ConfigAccount
from betfun.client.arena import events as ev
from betfun.client.arena.program import MAX_FEE_BPS
from betfun.client.arena.quotes import expected_claim, implied_odds
from betfun.client.cli_output import CliError, fields, table, timestamp
from betfun.client.faucet import (
    TEST_USDC_DECIMALS,
    airdrop_sol,
    create_test_mint,
    mint_test_tokens,
)
from betfun.client.keypair import load_keypair

LAMPORTS_PER_SOL = 1_000_000_000
DEFAULT_PROTOCOL_FEE_BPS = 200


@dataclass(frozen=True, slots=True)
class Output:
    data: dict[str, Any]
    text: str


@dataclass(frozen=True, slots=True)
class Session:
    """What a command runs with: the client, and whether its wallet is the user's keypair
    (read-only commands run without one)."""

    client: ArenaClient
    has_keypair: bool

    @property
    def me(self) -> Pubkey:
        if not self.has_keypair:
            raise CliError("this command needs a keypair (--keypair or BETFUN_KEYPAIR)")
        return self.client.address


Handler = Callable[[Session, argparse.Namespace], Awaitable[Output]]


# --------------------------------------------------------------------------------------------
# Argument types
# --------------------------------------------------------------------------------------------


def arena_ref(text: str) -> ArenaRef:
    """An arena id (a number) or an arena address (base58)."""
    if text.isdigit():
        return int(text)
    try:
        return Pubkey.from_string(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an arena id or address: {text!r} (give its number, e.g. 3, or its address)"
        ) from None


def pubkey(text: str) -> Pubkey:
    try:
        return Pubkey.from_string(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a public key: {text!r}") from None


def fee_bps(text: str) -> int:
    if not text.isdigit() or int(text) > MAX_FEE_BPS:
        raise argparse.ArgumentTypeError(
            f"a fee is a whole number of basis points from 0 to {MAX_FEE_BPS}, got {text!r}"
        )
    return int(text)


_RELATIVE = re.compile(r"\+(\d+)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def close_time(text: str, now: int) -> int:
    """A close time: ``+90s``/``+30m``/``+2h``/``+7d`` from the cluster's clock ``now``, unix
    seconds, or an ISO 8601 date and time (UTC unless it names a zone)."""
    if relative := _RELATIVE.fullmatch(text):
        return now + int(relative.group(1)) * _UNIT_SECONDS[relative.group(2)]
    if text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"not a close time: {text!r} (use +30m, +2h, +7d, unix seconds, "
            "or 2030-01-31T18:00:00Z)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def amount(text: str, decimals: int) -> int:
    try:
        return parse_amount(text, decimals)
    except AmountError as exc:
        raise CliError(str(exc)) from None


def outcome_index(arena: ArenaAccount, text: str) -> int:
    """An outcome by index (0, 1, ...) or by label, case-insensitively."""
    if text.isdigit() and int(text) < arena.outcome_count:
        return int(text)
    matches = [i for i, label in enumerate(arena.outcomes) if label.casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    choices = ", ".join(f"{i}={label}" for i, label in enumerate(arena.outcomes))
    raise CliError(f"arena {arena.id} has no outcome {text!r} (outcomes: {choices})")


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _fraction(value: Fraction | None, *, percent: bool = False) -> str:
    if value is None:
        return "-"
    return f"{float(value * 100):.1f}%" if percent else f"{float(value):.3f}x"


def arena_data(arena: ArenaAccount, decimals: int) -> dict[str, Any]:
    odds = implied_odds(arena)
    return {
        "id": arena.id,
        "address": arena.address,
        "title": arena.title,
        "category": arena.category,
        "status": arena.status.label,
        "winning_outcome": arena.winning_outcome,
        "outcomes": [
            {
                "index": index,
                "label": label,
                "mint": arena.outcome_mints[index],
                "pot": arena.pots[index],
                "probability": None if o.probability is None else str(o.probability),
                "payout_multiple": None if o.payout_multiple is None else str(o.payout_multiple),
            }
            for index, (label, o) in enumerate(zip(arena.outcomes, odds, strict=True))
        ],
        "creator": arena.creator,
        "resolver": arena.resolver,
        "collateral_mint": arena.collateral_mint,
        "decimals": decimals,
        "vault": arena.vault,
        "close_ts": arena.close_ts,
        "created_ts": arena.created_ts,
        "resolved_ts": arena.resolved_ts,
        "creator_fee_bps": arena.creator_fee_bps,
        "protocol_fee_bps": arena.protocol_fee_bps,
        "total_pot": arena.total_pot,
        "pot_unclaimed": arena.pot_unclaimed,
        "payout_pool": arena.payout_pool,
        "set_collateral": arena.set_collateral,
    }


def _status_text(arena: ArenaAccount) -> str:
    if arena.winning_outcome is not None:
        return f"resolved: {arena.outcomes[arena.winning_outcome]} won"
    return arena.status.label


def arena_text(arena: ArenaAccount, decimals: int) -> str:
    units = _units(decimals)
    header = fields(
        [
            ("arena", f"{arena.id}  {arena.title}"),
            ("address", str(arena.address)),
            ("category", arena.category),
            ("status", _status_text(arena)),
            ("closes", timestamp(arena.close_ts)),
            ("collateral", f"{arena.collateral_mint} ({decimals} decimals)"),
            ("resolver", str(arena.resolver)),
            (
                "fees",
                f"protocol {arena.protocol_fee_bps} bps, creator {arena.creator_fee_bps} bps",
            ),
            ("total pot", units(arena.total_pot)),
            ("complete sets", units(arena.set_collateral)),
        ]
    )
    rows = [
        [
            str(i),
            label,
            units(arena.pots[i]),
            _fraction(o.probability, percent=True),
            _fraction(o.payout_multiple),
        ]
        for i, (label, o) in enumerate(zip(arena.outcomes, implied_odds(arena), strict=True))
    ]
    outcomes = table(["#", "outcome", "pot", "share", "pays"], rows, numeric={0, 2, 3, 4})
    return f"{header}\n\n{outcomes}"


def _units(decimals: int) -> Callable[[int], str]:
    return lambda base_units: format_amount(base_units, decimals)


def config_data(config: ConfigAccount) -> dict[str, Any]:
    return {
        "address": config.address,
        "admin": config.admin,
        "treasury": config.treasury,
        "protocol_fee_bps": config.protocol_fee_bps,
        "paused": config.paused,
        "arena_count": config.arena_count,
    }


def _done(what: str, signature: Signature) -> str:
    return f"{what}\nsignature: {signature}"


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


async def _arena(session: Session, ref: ArenaRef) -> tuple[ArenaAccount, int]:
    arena = await session.client.arena(ref)
    return arena, await session.client.mint_decimals(arena.collateral_mint)


async def cmd_init_config(session: Session, args: argparse.Namespace) -> Output:
    treasury = args.treasury or session.me
    result = await session.client.initialize_config(args.fee_bps, treasury)
    config = await session.client.config()
    text = fields(
        [
            ("admin", str(config.admin)),
            ("treasury", str(config.treasury)),
            ("protocol fee", f"{config.protocol_fee_bps} bps"),
        ]
    )
    return Output(
        {"signature": result.signature, "config": config_data(config)},
        _done(f"config initialized\n{text}", result.signature),
    )


async def cmd_faucet(session: Session, args: argparse.Namespace) -> Output:
    client = session.client
    owner = args.to or session.me
    airdrop = None
    if args.sol:
        lamports = amount(args.sol, 9)
        airdrop = await airdrop_sol(client.connection, owner, lamports)
    mint = args.mint
    if mint is None:
        mint = await create_test_mint(client.connection, client.wallet, args.decimals)
    decimals = await client.mint_decimals(mint)
    base_units = amount(args.amount, decimals)
    account = await mint_test_tokens(client.connection, client.wallet, mint, owner, base_units)
    balance = await client.token_balance(mint, owner)
    units = _units(decimals)
    text = [
        f"minted {units(base_units)} test tokens to {owner}",
        fields(
            [
                ("mint", str(mint)),
                ("token account", str(account)),
                ("balance", units(balance)),
            ]
        ),
    ]
    if args.mint is None:
        text.append(f"new test mint (authority {client.address}); pass --mint {mint} next time")
    return Output(
        {
            "mint": mint,
            "decimals": decimals,
            "owner": owner,
            "token_account": account,
            "amount": base_units,
            "balance": balance,
            "airdrop_signature": airdrop,
        },
        "\n".join(text),
    )


async def cmd_create(session: Session, args: argparse.Namespace) -> Output:
    client = session.client
    close_ts = close_time(args.closes, await client.cluster_time())
    result = await client.create_arena(
        title=args.title,
        outcomes=args.outcome,
        close_ts=close_ts,
        collateral_mint=args.collateral,
        category=args.category,
        creator_fee_bps=args.creator_fee_bps,
        resolver=args.resolver,
    )
    created = result.event(ev.ArenaCreated)
    arena, decimals = await _arena(session, created.arena)
    return Output(
        {"signature": result.signature, "arena": arena_data(arena, decimals)},
        _done(f"created arena {arena.id}\n\n{arena_text(arena, decimals)}", result.signature),
    )


async def cmd_list(session: Session, args: argparse.Namespace) -> Output:
    client = session.client
    status = None if args.status is None else ArenaStatus.from_label(args.status)
    arenas = await client.arenas(status)
    decimals = {
        mint: await client.mint_decimals(mint) for mint in {a.collateral_mint for a in arenas}
    }
    rows = [
        [
            str(a.id),
            _status_text(a),
            timestamp(a.close_ts),
            str(a.outcome_count),
            format_amount(a.total_pot, decimals[a.collateral_mint]),
            a.title,
        ]
        for a in arenas
    ]
    text = (
        table(["id", "status", "closes", "outcomes", "pot", "title"], rows, numeric={0, 3, 4})
        if rows
        else "no arenas"
    )
    return Output({"arenas": [arena_data(a, decimals[a.collateral_mint]) for a in arenas]}, text)


async def cmd_show(session: Session, args: argparse.Namespace) -> Output:
    arena, decimals = await _arena(session, args.arena)
    data = arena_data(arena, decimals)
    text = arena_text(arena, decimals)
    if session.has_keypair:
        mine = await _my_position(session, arena, decimals)
        data["position"] = mine.data
        text = f"{text}\n\n{mine.text}"
    return Output(data, text)


async def _my_position(session: Session, arena: ArenaAccount, decimals: int) -> Output:
    client = session.client
    position = await client.position(arena.address)
    tokens = await client.outcome_balances(arena)
    units = _units(decimals)
    stakes = position.stakes[: arena.outcome_count] if position else (0,) * arena.outcome_count
    data: dict[str, Any] = {
        "owner": client.address,
        "stakes": list(stakes),
        "total_staked": position.total_staked if position else 0,
        "claimed": position.claimed if position else False,
        "outcome_tokens": list(tokens),
        "claimable": None,
        "payout_if_wins": None,
    }
    lines = [f"your position ({client.address})"]
    if position is not None and arena.status is ArenaStatus.OPEN:
        wins = [expected_claim(arena, position, i).amount for i in range(arena.outcome_count)]
        data["payout_if_wins"] = wins
    elif position is not None:
        quote = expected_claim(arena, position)
        data["claimable"] = quote.amount
        state = "claimed" if position.claimed else f"claimable {units(quote.amount)}"
        lines.append(f"{state}{' (refund)' if quote.refund else ''}")
    rows = [
        [str(i), label, units(stakes[i]), units(tokens[i])]
        + ([units(data["payout_if_wins"][i])] if data["payout_if_wins"] else [])
        for i, label in enumerate(arena.outcomes)
    ]
    headers = ["#", "outcome", "stake", "tokens"] + (
        ["if it wins"] if data["payout_if_wins"] else []
    )
    lines.append(table(headers, rows, numeric={0, 2, 3, 4}))
    return Output(data, "\n".join(lines))


async def cmd_positions(session: Session, args: argparse.Namespace) -> Output:
    client = session.client
    owner = args.owner or session.me
    positions = await client.positions(owner)
    items: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    for position in positions:
        arena, decimals = await _arena(session, position.arena)
        quote = None if arena.status is ArenaStatus.OPEN else expected_claim(arena, position)
        items.append(
            {
                "arena": arena.id,
                "address": position.address,
                "stakes": list(position.stakes[: arena.outcome_count]),
                "total_staked": position.total_staked,
                "claimed": position.claimed,
                "claimable": None if quote is None else quote.amount,
            }
        )
        rows.append(
            [
                str(arena.id),
                _status_text(arena),
                format_amount(position.total_staked, decimals),
                "-" if quote is None else format_amount(quote.amount, decimals),
                arena.title,
            ]
        )
    rows.sort(key=lambda row: int(row[0]))
    items.sort(key=lambda item: int(item["arena"]))
    text = (
        table(["arena", "status", "staked", "claimable", "title"], rows, numeric={0, 2, 3})
        if rows
        else f"no positions for {owner}"
    )
    return Output({"owner": owner, "positions": items}, text)


async def cmd_bet(session: Session, args: argparse.Namespace) -> Output:
    arena, decimals = await _arena(session, args.arena)
    outcome = outcome_index(arena, args.outcome)
    result = await session.client.place_bet(arena.id, outcome, amount(args.amount, decimals))
    bet = result.event(ev.BetPlaced)
    units = _units(decimals)
    return Output(
        {
            "signature": result.signature,
            "arena": arena.id,
            "outcome": bet.outcome,
            "amount": bet.amount,
            "outcome_pot": bet.outcome_pot,
            "total_pot": bet.total_pot,
            "position_stake": bet.position_stake,
        },
        _done(
            f"bet {units(bet.amount)} on {arena.outcomes[outcome]} in arena {arena.id}; "
            f"your stake on it: {units(bet.position_stake)}, pot {units(bet.total_pot)}",
            result.signature,
        ),
    )


async def _sets(session: Session, args: argparse.Namespace, *, split: bool) -> Output:
    client = session.client
    arena, decimals = await _arena(session, args.arena)
    base_units = amount(args.amount, decimals)
    if split:
        result = await client.split(arena.id, base_units)
        changed: ev.SetsSplit | ev.SetsMerged = result.event(ev.SetsSplit)
    else:
        result = await client.merge(arena.id, base_units)
        changed = result.event(ev.SetsMerged)
    tokens = await client.outcome_balances(arena)
    units = _units(decimals)
    verb = "split" if split else "merged"
    return Output(
        {
            "signature": result.signature,
            "arena": arena.id,
            "amount": changed.amount,
            "set_collateral": changed.set_collateral,
            "outcome_tokens": list(tokens),
        },
        _done(
            f"{verb} {units(changed.amount)} complete sets in arena {arena.id}; your tokens: "
            + ", ".join(
                f"{label} {units(t)}" for label, t in zip(arena.outcomes, tokens, strict=True)
            ),
            result.signature,
        ),
    )


async def cmd_split(session: Session, args: argparse.Namespace) -> Output:
    return await _sets(session, args, split=True)


async def cmd_merge(session: Session, args: argparse.Namespace) -> Output:
    return await _sets(session, args, split=False)


async def cmd_resolve(session: Session, args: argparse.Namespace) -> Output:
    arena, decimals = await _arena(session, args.arena)
    outcome = outcome_index(arena, args.outcome)
    result = await session.client.resolve(arena.id, outcome)
    resolved = result.event(ev.ArenaResolved)
    units = _units(decimals)
    summary = (
        f"protocol fee {units(resolved.protocol_fee)}, creator fee {units(resolved.creator_fee)}, "
        f"winners share {units(resolved.payout_pool)}"
        if resolved.winning_pot
        else "nobody backed it: every stake is refunded"
    )
    return Output(
        {
            "signature": result.signature,
            "arena": arena.id,
            "winning_outcome": resolved.winning_outcome,
            "total_pot": resolved.total_pot,
            "winning_pot": resolved.winning_pot,
            "protocol_fee": resolved.protocol_fee,
            "creator_fee": resolved.creator_fee,
            "payout_pool": resolved.payout_pool,
        },
        _done(
            f"arena {arena.id} resolved: {arena.outcomes[outcome]} won; {summary}",
            result.signature,
        ),
    )


async def cmd_void(session: Session, args: argparse.Namespace) -> Output:
    arena, decimals = await _arena(session, args.arena)
    result = await session.client.void_arena(arena.id)
    voided = result.event(ev.ArenaVoided)
    return Output(
        {"signature": result.signature, "arena": arena.id, "total_pot": voided.total_pot},
        _done(
            f"arena {arena.id} voided: stakes ({format_amount(voided.total_pot, decimals)}) "
            "are refunded by claim, outcome tokens redeem for 1/n each",
            result.signature,
        ),
    )


async def cmd_claim(session: Session, args: argparse.Namespace) -> Output:
    client = session.client
    arena, decimals = await _arena(session, args.arena)
    result = await client.claim(arena.id)
    claimed = result.event(ev.Claimed)
    balance = await client.token_balance(arena.collateral_mint)
    units = _units(decimals)
    return Output(
        {
            "signature": result.signature,
            "arena": arena.id,
            "amount": claimed.amount,
            "refund": claimed.refund,
            "balance": balance,
        },
        _done(
            f"claimed {units(claimed.amount)}{' (refund)' if claimed.refund else ''} from arena "
            f"{arena.id}; your balance: {units(balance)}",
            result.signature,
        ),
    )


async def cmd_redeem(session: Session, args: argparse.Namespace) -> Output:
    client = session.client
    arena, decimals = await _arena(session, args.arena)
    amounts = None
    if args.amounts is not None:
        amounts = [amount(text, decimals) for text in args.amounts.split(",")]
        if len(amounts) != arena.outcome_count:
            raise CliError(
                f"--amounts needs one amount per outcome ({arena.outcome_count}), "
                f"got {len(amounts)}"
            )
    result = await client.redeem(arena.id, amounts)
    redeemed = result.event(ev.Redeemed)
    units = _units(decimals)
    return Output(
        {
            "signature": result.signature,
            "arena": arena.id,
            "amounts": list(redeemed.amounts),
            "payout": redeemed.payout,
        },
        _done(
            f"redeemed {units(sum(redeemed.amounts))} outcome tokens of arena {arena.id} "
            f"for {units(redeemed.payout)}",
            result.signature,
        ),
    )


# --------------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------------


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        metavar="URL",
        help="JSON-RPC endpoint (default: $BETFUN_RPC_URL or http://127.0.0.1:8899)",
    )
    common.add_argument(
        "--keypair",
        type=Path,
        metavar="FILE",
        help="wallet keypair, Solana CLI format (default: $BETFUN_KEYPAIR or "
        "~/.config/solana/id.json)",
    )
    common.add_argument("--json", action="store_true", help="print JSON for scripts")
    return common


def add_arena_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    arena = commands.add_parser(
        "arena",
        help="prediction markets: create, bet, resolve, claim...",
        description="The arena program: pari-mutuel prediction markets with outcome tokens. "
        "Amounts are in whole units of the collateral (e.g. 10.5); with --json, amounts are "
        "integers in base units.",
    )
    sub = arena.add_subparsers(dest="arena_command", metavar="COMMAND", required=True)
    common = _common_options()

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.set_defaults(handler=handler, needs_keypair=True)
        return parser

    p = command("init-config", cmd_init_config, "create the platform config (admin: your wallet)")
    p.add_argument(
        "--fee-bps",
        type=fee_bps,
        default=DEFAULT_PROTOCOL_FEE_BPS,
        help="protocol fee in basis points (default: %(default)s)",
    )
    p.add_argument(
        "--treasury", type=pubkey, help="wallet receiving protocol fees (default: yours)"
    )

    p = command(
        "faucet",
        cmd_faucet,
        "localnet: mint test collateral (a new test-USDC mint unless --mint is given)",
    )
    p.add_argument("--mint", type=pubkey, help="an existing mint whose authority is your wallet")
    p.add_argument("--amount", default="1000", help="whole units to mint (default: %(default)s)")
    p.add_argument("--to", type=pubkey, help="the receiving wallet (default: yours)")
    p.add_argument(
        "--decimals",
        type=int,
        default=TEST_USDC_DECIMALS,
        help="decimals of a new mint (default: %(default)s)",
    )
    p.add_argument("--sol", metavar="SOL", help="also airdrop this much SOL for fees")

    p = command("create", cmd_create, "open an arena")
    p.add_argument("--title", required=True)
    p.add_argument(
        "--outcome",
        action="append",
        required=True,
        metavar="LABEL",
        help="an outcome label; repeat for each outcome (2 to 8)",
    )
    p.add_argument(
        "--collateral", type=pubkey, required=True, metavar="MINT", help="the collateral token mint"
    )
    p.add_argument(
        "--closes",
        required=True,
        metavar="WHEN",
        help="when betting closes: +30m, +2h, +7d (cluster clock), unix seconds, "
        "or ISO 8601 (UTC unless a zone is given)",
    )
    p.add_argument("--category", default="general", help="(default: %(default)s)")
    p.add_argument(
        "--creator-fee-bps",
        type=fee_bps,
        default=0,
        help="your fee on the pot, basis points (default: %(default)s)",
    )
    p.add_argument("--resolver", type=pubkey, help="who resolves it (default: you)")

    p = command("list", cmd_list, "list arenas")
    p.add_argument("--status", choices=[s.label for s in ArenaStatus])
    p.set_defaults(needs_keypair=False)

    p = command("show", cmd_show, "an arena, its odds, and your position")
    p.add_argument("arena", type=arena_ref, help="arena id or address")
    p.set_defaults(needs_keypair=False)

    p = command("positions", cmd_positions, "a wallet's positions in every arena")
    p.add_argument("--owner", type=pubkey, help="the wallet (default: yours)")
    p.set_defaults(needs_keypair=False)

    p = command("bet", cmd_bet, "stake collateral on an outcome")
    p.add_argument("arena", type=arena_ref, help="arena id or address")
    p.add_argument("outcome", help="outcome index or label")
    p.add_argument("amount", help="whole units of collateral, e.g. 10.5")

    for name, handler, help_text in (
        ("split", cmd_split, "turn collateral into complete sets of outcome tokens"),
        ("merge", cmd_merge, "turn complete sets of outcome tokens back into collateral"),
    ):
        p = command(name, handler, help_text)
        p.add_argument("arena", type=arena_ref, help="arena id or address")
        p.add_argument("amount", help="whole units, e.g. 10.5")

    p = command("resolve", cmd_resolve, "resolver: declare the winning outcome")
    p.add_argument("arena", type=arena_ref, help="arena id or address")
    p.add_argument("outcome", help="winning outcome index or label")

    p = command("void", cmd_void, "resolver: cancel the arena, refunding everyone")
    p.add_argument("arena", type=arena_ref, help="arena id or address")

    p = command("claim", cmd_claim, "collect winnings or refunds of a settled arena")
    p.add_argument("arena", type=arena_ref, help="arena id or address")

    p = command("redeem", cmd_redeem, "burn outcome tokens of a settled arena for collateral")
    p.add_argument("arena", type=arena_ref, help="arena id or address")
    p.add_argument(
        "--amounts",
        metavar="A,B,...",
        help="whole units per outcome (default: every token you hold)",
    )


def wallet_for(args: argparse.Namespace, keypair_path: Path) -> Keypair | None:
    """The user's keypair; None for a read-only command when there is no keypair file."""
    if not args.needs_keypair and not keypair_path.is_file():
        return None
    return load_keypair(keypair_path)


async def run(args: argparse.Namespace, rpc_url: str, wallet: Keypair | None) -> Output:
    """Runs the parsed arena command against ``rpc_url``, signing with ``wallet``."""
    # Read-only commands without a keypair still need a wallet object; it never signs.
    async with ArenaClient.connect(rpc_url, wallet or Keypair()) as client:
        handler: Handler = args.handler
        return await handler(Session(client, has_keypair=wallet is not None), args)
