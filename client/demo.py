"""``betfun up --demo``: arenas and simulated wallets that bet on them, so the feeds move.

Run by the supervisor (client/stack.py) as ``python -m betfun.client.demo --state-dir DIR``
once the stack is up, with ``BETFUN_RPC_URL`` and ``BETFUN_KEYPAIR`` in its environment. It

- initializes the arena config if the cluster has none (your keypair becomes the admin);
- creates a test-USDC mint (its authority: your keypair), remembered in ``DIR/demo/demo.json``
  and reused while the ledger still holds it;
- keeps a few demo arenas open (realistic questions, several categories), creating them from
  your keypair as needed;
- runs a few wallets (keypairs kept in ``DIR/demo/``), topped up with SOL and test USDC, each
  placing a random bet every second or two, each with its own leanings, so odds drift.

Every failure is logged and retried later: the demo never stops the stack.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
from solana.exceptions import SolanaRpcException
from solana.rpc.core import RPCException
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from betfun.client.arena import ArenaAccount, ArenaClient, ArenaStatus
from betfun.client.config import Config
from betfun.client.errors import AccountNotFoundError, BetfunError
from betfun.client.faucet import TEST_USDC_DECIMALS, airdrop_sol, create_test_mint, mint_test_tokens
from betfun.client.keypair import KeypairFileError, load_keypair, load_or_create_keypair

log = logging.getLogger("betfun.demo")

USDC = 10**TEST_USDC_DECIMALS
LAMPORTS_PER_SOL = 1_000_000_000
PROTOCOL_FEE_BPS = 200
CREATOR_FEE_BPS = 100
OPEN_ARENAS = 5
WALLETS = 4
# Wallets are topped up when they fall below the low mark.
SOL_LOW = LAMPORTS_PER_SOL // 2
SOL_TOP_UP = 5 * LAMPORTS_PER_SOL
USDC_LOW = 200 * USDC
USDC_TOP_UP = 5_000 * USDC
# How long a demo arena stays open, and when one closing soon gets a successor.
OPEN_FOR_S = (2 * 86_400, 14 * 86_400)
MIN_REMAINING_S = 600
REFRESH_S = 30.0
# Seconds between one wallet's bets, and the bets' sizes in whole USDC.
PAUSE_S = (0.8, 2.5)
BET_USDC = (1, 60)
# A failure pauses the failing loop this long, then it tries again.
RETRY_S = 3.0

_TRANSIENT = (
    BetfunError,
    SolanaRpcException,
    RPCException,
    httpx.HTTPError,
    OSError,
    TimeoutError,
)


@dataclass(frozen=True, slots=True)
class Question:
    title: str
    category: str
    outcomes: tuple[str, ...]


QUESTIONS: tuple[Question, ...] = (
    Question("Who wins the Champions League final?", "sports", ("Real Madrid", "Arsenal")),
    Question("Will BTC close the month above $120k?", "crypto", ("Yes", "No")),
    Question(
        "Which layer 1 has the most daily active addresses next month?",
        "crypto",
        ("Solana", "Ethereum", "BNB Chain", "Tron"),
    ),
    Question(
        "Who takes the Monaco Grand Prix?",
        "sports",
        ("Verstappen", "Leclerc", "Norris", "Hamilton", "Someone else"),
    ),
    Question("Will the Fed cut rates at the next meeting?", "economy", ("Cut", "Hold", "Hike")),
    Question("Best Picture at the next Oscars?", "culture", ("Drama", "Comedy", "Animated")),
    Question("Will SOL flip ETH in DEX volume this week?", "crypto", ("Yes", "No")),
    Question("NBA Finals: how many games?", "sports", ("4 games", "5 games", "6 games", "7 games")),
    Question("Will it rain in London on Saturday?", "weather", ("Rain", "Dry")),
    Question(
        "Which team wins the World Cup qualifier tonight?", "sports", ("Home", "Draw", "Away")
    ),
)


# --------------------------------------------------------------------------------------------
# State kept between runs
# --------------------------------------------------------------------------------------------


class DemoState:
    """``DIR/demo``: the test-USDC mint and the wallets' keypairs."""

    def __init__(self, state_dir: Path) -> None:
        self.root = state_dir / "demo"
        self.root.mkdir(parents=True, exist_ok=True)
        self.file = self.root / "demo.json"

    def mint(self) -> Pubkey | None:
        try:
            data = json.loads(self.file.read_text())
            return Pubkey.from_string(str(data["mint"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save_mint(self, mint: Pubkey) -> None:
        self.file.write_text(json.dumps({"mint": str(mint)}) + "\n")

    def wallets(self, count: int) -> list[Keypair]:
        return [load_or_create_keypair(self.root / f"wallet-{i}.json")[0] for i in range(count)]


# --------------------------------------------------------------------------------------------
# Setup
# --------------------------------------------------------------------------------------------


async def ensure_config(admin: ArenaClient) -> None:
    try:
        config = await admin.config()
    except AccountNotFoundError:
        await admin.initialize_config(PROTOCOL_FEE_BPS)
        log.info("initialized the arena config: admin and treasury %s", admin.address)
        return
    if config.paused:
        log.warning("the arena program is paused: bets will be refused until it is unpaused")


async def ensure_mint(admin: ArenaClient, state: DemoState) -> Pubkey:
    """The demo's test USDC: the remembered mint if the ledger still has it, else a new one."""
    mint = state.mint()
    if mint is not None:
        info = (await admin.connection.get_account_info(mint)).value
        if info is not None:
            return mint
        log.info("the ledger no longer has the test-USDC mint %s: creating another", mint)
    mint = await create_test_mint(admin.connection, admin.wallet)
    state.save_mint(mint)
    log.info("created the test-USDC mint %s", mint)
    return mint


async def fund(admin: ArenaClient, mint: Pubkey, owner: Pubkey) -> None:
    """Tops ``owner`` up with SOL for fees and test USDC to bet with."""
    lamports = (await admin.connection.get_balance(owner)).value
    if lamports < SOL_LOW:
        await airdrop_sol(admin.connection, owner, SOL_TOP_UP)
    if await admin.token_balance(mint, owner) < USDC_LOW:
        await mint_test_tokens(admin.connection, admin.wallet, mint, owner, USDC_TOP_UP)
        log.info("funded %s with %d test USDC", owner, USDC_TOP_UP // USDC)


async def open_demo_arenas(
    admin: ArenaClient, mint: Pubkey, rng: random.Random
) -> list[ArenaAccount]:
    """The open arenas on the demo's mint with time left, topped up to OPEN_ARENAS."""
    now = await admin.cluster_time()

    def betting(arena: ArenaAccount) -> bool:
        return arena.collateral_mint == mint and arena.close_ts - now > MIN_REMAINING_S

    arenas = [arena for arena in await admin.arenas(ArenaStatus.OPEN) if betting(arena)]
    titles = {arena.title for arena in arenas}
    fresh = [question for question in QUESTIONS if question.title not in titles]
    rng.shuffle(fresh)
    for question in fresh[: max(0, OPEN_ARENAS - len(arenas))]:
        created = await admin.create_arena(
            title=question.title,
            category=question.category,
            outcomes=question.outcomes,
            close_ts=now + rng.randint(*OPEN_FOR_S),
            collateral_mint=mint,
            creator_fee_bps=CREATOR_FEE_BPS,
        )
        log.info("created arena %r (%s)", question.title, created.signature)
    if fresh[: max(0, OPEN_ARENAS - len(arenas))]:
        arenas = [arena for arena in await admin.arenas(ArenaStatus.OPEN) if betting(arena)]
    return arenas


# --------------------------------------------------------------------------------------------
# Betting
# --------------------------------------------------------------------------------------------


class Bettor:
    """One simulated wallet: it favours some outcomes of each arena, and bets now and then."""

    def __init__(self, name: str, client: ArenaClient, rng: random.Random) -> None:
        self.name = name
        self.client = client
        self.rng = rng
        self.leanings: dict[Pubkey, list[float]] = {}

    def pick(self, arena: ArenaAccount) -> int:
        weights = self.leanings.get(arena.address)
        if weights is None or len(weights) != arena.outcome_count:
            weights = [self.rng.uniform(0.2, 1.0) ** 2 for _ in arena.outcomes]
            self.leanings[arena.address] = weights
        return self.rng.choices(range(arena.outcome_count), weights=weights)[0]

    async def bet_once(self, arena: ArenaAccount) -> None:
        outcome = self.pick(arena)
        whole = self.rng.randint(*BET_USDC)
        amount = whole * USDC + self.rng.choice((0, USDC // 2))
        await self.client.place_bet(arena.address, outcome, amount)
        log.info(
            "%s bet %s USDC on %r in %r",
            self.name,
            f"{amount / USDC:g}",
            arena.outcomes[outcome],
            arena.title,
        )


class Demo:
    def __init__(self, admin: ArenaClient, state: DemoState, rng: random.Random) -> None:
        self.admin = admin
        self.state = state
        self.rng = rng
        self.mint: Pubkey | None = None
        self.arenas: list[ArenaAccount] = []

    async def setup(self) -> Pubkey:
        """Config, mint and arenas, retried until they succeed."""
        while True:
            try:
                await ensure_config(self.admin)
                mint = await ensure_mint(self.admin, self.state)
                self.arenas = await open_demo_arenas(self.admin, mint, self.rng)
                self.mint = mint
                return mint
            except _TRANSIENT as exc:
                log.warning("demo setup failed (%s); retrying in %.0f s", exc, RETRY_S)
                await asyncio.sleep(RETRY_S)

    async def keep_arenas_open(self, mint: Pubkey) -> None:
        while True:
            await asyncio.sleep(REFRESH_S)
            try:
                self.arenas = await open_demo_arenas(self.admin, mint, self.rng)
            except _TRANSIENT as exc:
                log.warning("could not refresh the demo arenas: %s", exc)

    async def run_bettor(self, bettor: Bettor, mint: Pubkey) -> None:
        funded = False
        while True:
            try:
                if not funded:
                    await fund(self.admin, mint, bettor.client.address)
                    funded = True
                await asyncio.sleep(self.rng.uniform(*PAUSE_S))
                if self.arenas:
                    await bettor.bet_once(self.rng.choice(self.arenas))
            except _TRANSIENT as exc:
                log.warning("%s: %s", bettor.name, exc)
                # Perhaps out of funds, perhaps the arena closed: check both next time.
                funded = False
                await asyncio.sleep(RETRY_S)

    async def run(self, wallets: Sequence[Keypair]) -> None:
        mint = await self.setup()
        log.info("%d open demo arenas; %d wallets start betting", len(self.arenas), len(wallets))
        async with asyncio.TaskGroup() as group:
            group.create_task(self.keep_arenas_open(mint), name="demo-arenas")
            for i, wallet in enumerate(wallets):
                bettor = Bettor(f"wallet-{i}", self.admin.with_wallet(wallet), self.rng)
                group.create_task(self.run_bettor(bettor, mint), name=f"demo-{bettor.name}")


async def run_demo(rpc_url: str, admin_keypair: Keypair, state_dir: Path) -> None:
    state = DemoState(state_dir)
    wallets = state.wallets(WALLETS)
    async with ArenaClient.connect(rpc_url, admin_keypair) as admin:
        # Simulated bettors: no secret depends on this generator.
        rng = random.Random()  # noqa: S311
        await Demo(admin, state, rng).run(wallets)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m betfun.client.demo",
        description="Demo arenas and simulated wallets betting on them (betfun up --demo).",
        epilog="environment: BETFUN_RPC_URL, BETFUN_KEYPAIR (the admin and arenas' creator)",
    )
    parser.add_argument("--state-dir", type=Path, default=Path(".betfun"), metavar="DIR")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    config = Config.from_env()
    try:
        admin = load_keypair(config.keypair_path)
    except KeypairFileError as exc:
        log.error("%s", exc)
        return 1
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_demo(config.rpc_url, admin, args.state_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
