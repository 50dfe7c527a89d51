"""The order book SDK end to end on a real localnet: an arena with test collateral, outcome
tokens from complete sets, a market for outcome 0, two market makers quoting, a taker
crossing both sides, and everyone withdrawing once the arena is resolved.

Every balance (seats, wallets, vaults, fees) is checked to the base unit against amounts
worked out here by hand from the program's rules: a trade's quote is lots * ticks *
tick_size; the taker's fee is rounded up per fill; the maker's fee is rounded down on the
whole resting order and charged fill by fill; a resting bid locks its quote and maker fee.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
import pytest_asyncio
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from betfun.client.arena import ArenaAccount, ArenaClient
from betfun.client.arena import events as arena_events
from betfun.client.errors import ProgramError
from betfun.client.faucet import airdrop_sol, create_test_mint, mint_test_tokens
from betfun.client.orderbook import (
    PROGRAM_ID,
    Level,
    MarketAccount,
    OrderBookClient,
    OrderbookErrorCode,
    OrderbookTransaction,
    OrderParams,
    OrderType,
    RemoveReason,
    Seat,
    Side,
)
from betfun.client.orderbook import events as ev
from betfun.client.orderbook import instructions as ix
from betfun.client.orderbook.program import MARKET_SPACE
from betfun.client.tokens import token_balances

from conftest import LAMPORTS_PER_SOL, Localnet, set_clock

pytestmark = pytest.mark.integration

USDC = 1_000_000  # one unit of the 6-decimal test collateral (and of an outcome token)
SPLIT = 100 * USDC
TICK_SIZE = 100  # quote units per lot per tick: a tick is 0.01 collateral per share
LOT_SIZE = 10_000  # base units per lot: a lot is 0.01 share
MAKER_FEE_BPS = 20
TAKER_FEE_BPS = 50


@dataclass
class Trader:
    arena: ArenaClient
    book: OrderBookClient

    @property
    def address(self) -> Pubkey:
        return self.book.address


@dataclass
class Setup:
    rpc_url: str
    admin: ArenaClient
    treasury: Pubkey
    usdc: Pubkey
    arena: ArenaAccount
    market: MarketAccount

    async def trader(self) -> Trader:
        """A wallet with SOL, 1,000 test USDC, 100 of which split into outcome tokens."""
        keypair = Keypair()
        connection = self.admin.connection
        await airdrop_sol(connection, keypair.pubkey(), 10 * LAMPORTS_PER_SOL)
        await mint_test_tokens(
            connection, self.admin.wallet, self.usdc, keypair.pubkey(), 1_000 * USDC
        )
        arena = self.admin.with_wallet(keypair)
        await arena.split(self.arena.id, SPLIT)
        return Trader(arena, OrderBookClient(connection, keypair))

    async def wallet(self, owner: Pubkey) -> tuple[int, int]:
        """``owner``'s outcome-0 tokens and USDC outside the market."""
        book = OrderBookClient(self.admin.connection, self.admin.wallet)
        return await book.wallet_balances(self.market, owner)

    async def vaults(self) -> tuple[int, int]:
        base, quote = await token_balances(
            self.admin.connection, [self.market.base_vault, self.market.quote_vault]
        )
        return base, quote


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def setup(module_localnet: Localnet) -> AsyncIterator[Setup]:
    admin = Keypair()
    treasury = Keypair().pubkey()
    async with ArenaClient.connect(module_localnet.rpc_url, admin) as client:
        await airdrop_sol(client.connection, admin.pubkey(), 100 * LAMPORTS_PER_SOL)
        await client.initialize_config(0, treasury)
        usdc = await create_test_mint(client.connection, admin)
        now = await client.cluster_time()
        created = await client.create_arena(
            title="Does it rain on Sunday?",
            outcomes=["yes", "no"],
            close_ts=now + 600,
            collateral_mint=usdc,
        )
        arena = await client.arena(created.event(arena_events.ArenaCreated).arena_id)

        book = OrderBookClient(client.connection, admin)
        result = await book.create_market(
            arena.id,
            0,
            tick_size=TICK_SIZE,
            lot_size=LOT_SIZE,
            maker_fee_bps=MAKER_FEE_BPS,
            taker_fee_bps=TAKER_FEE_BPS,
        )
        event = result.event(ev.MarketCreated)
        assert await book.market_address(arena.address, 0) == event.market
        market = await book.market((arena.address, 0))
        info = (await client.connection.get_account_info(market.address)).value
        assert info is not None
        assert (info.owner, len(info.data)) == (PROGRAM_ID, MARKET_SPACE)
        yield Setup(
            rpc_url=module_localnet.rpc_url,
            admin=client,
            treasury=treasury,
            usdc=usdc,
            arena=arena,
            market=market,
        )


async def test_the_market_is_created_for_the_outcome(setup: Setup) -> None:
    market, arena = setup.market, setup.arena
    assert (market.arena, market.outcome, market.creator) == (arena.address, 0, setup.admin.address)
    assert (market.base_mint, market.quote_mint) == (arena.outcome_mints[0], setup.usdc)
    assert (market.tick_size, market.lot_size) == (TICK_SIZE, LOT_SIZE)
    assert (market.maker_fee_bps, market.taker_fee_bps) == (MAKER_FEE_BPS, TAKER_FEE_BPS)
    assert (market.bids, market.asks, market.seats) == ((), (), ())
    assert market.next_order_id == 1
    book = OrderBookClient(setup.admin.connection, setup.admin.wallet)
    assert [m.address for m in await book.markets(arena.address)] == [market.address]
    units = await book.units(market)
    assert units.price_to_ticks("0.58") == 58
    assert units.lots_to_shares(400) == Decimal(4)

    # One market per (arena, outcome): the authority PDA is taken.
    with pytest.raises(ProgramError):
        await book.create_market(arena.id, 0, tick_size=TICK_SIZE, lot_size=LOT_SIZE)


async def test_a_wallet_signs_unsigned_transactions(setup: Setup) -> None:
    """The dApp path: the server builds, the wallet signs, the server submits."""
    carol = await setup.trader()
    market = await carol.book.market(setup.market.address)
    server = OrderBookClient(setup.admin.connection, setup.admin.wallet)

    async def sign_and_submit(instructions: list[Instruction]) -> OrderbookTransaction:
        unsigned = await server.unsigned_transaction(carol.address, instructions)
        unsigned.sign([carol.book.wallet], unsigned.message.recent_blockhash)
        return await server.submit(unsigned)

    order = OrderParams(Side.ASK, 70, 100, order_type=OrderType.POST_ONLY, client_order_id=5)
    placed = await sign_and_submit(ix.place_order(market, carol.address, order))
    order_id = placed.event(ev.OrderPlaced).order_id
    assert placed.event(ev.OrderPlaced).base_deposited == USDC
    assert (await server.market(market.address)).levels(Side.ASK) == [Level(70, 100, 1)]

    cancelled = await sign_and_submit(ix.cancel_order(market.address, carol.address, order_id))
    assert cancelled.event(ev.OrderCancelled).order_id == order_id
    assert (await server.seat(market.address, carol.address)) == Seat(
        carol.address, USDC, 0, 0, 0, 0
    )
    withdrawn = await sign_and_submit(ix.withdraw(market, carol.address, USDC, 0))
    assert (withdrawn.event(ev.Withdrawn).base_free, withdrawn.event(ev.Withdrawn).quote_free) == (
        0,
        0,
    )
    assert (await server.market(market.address)).seats == ()
    assert await setup.wallet(carol.address) == (SPLIT, 900 * USDC)


async def test_two_makers_quote_a_taker_crosses_and_everyone_withdraws(setup: Setup) -> None:
    market = setup.market.address
    alice, bob, taker = await setup.trader(), await setup.trader(), await setup.trader()

    # Bob deposits first and quotes from his free balances; Alice quotes straight from her
    # wallet (the program transfers what the order locks).
    deposited = (await bob.book.deposit(market, 10 * USDC, 50 * USDC)).event(ev.Deposited)
    assert (deposited.base_free, deposited.quote_free) == (10 * USDC, 50 * USDC)

    async def quote(trader: Trader, side: Side, price: int, lots: int, cid: int = 0) -> int:
        order = OrderParams(side=side, price=price, lots=lots, client_order_id=cid)
        placed = (await trader.book.place_order(market, order)).event(ev.OrderPlaced)
        assert (placed.filled_lots, placed.posted_lots) == (0, lots)
        return placed.order_id

    await quote(bob, Side.BID, 42, 300)
    await quote(bob, Side.BID, 40, 100, cid=7)
    await quote(bob, Side.ASK, 58, 400)
    alice_bid = await quote(alice, Side.BID, 40, 500)
    await quote(alice, Side.ASK, 60, 500)
    # A PostOnly order that would take is refused, and changes nothing.
    with pytest.raises(ProgramError) as refused:
        await alice.book.place_order(
            market, OrderParams(Side.BID, 58, 10, order_type=OrderType.POST_ONLY)
        )
    assert (refused.value.program_id, refused.value.code) == (
        PROGRAM_ID,
        OrderbookErrorCode.PostOnlyWouldTake,
    )

    book = await bob.book.market(market)
    assert book.levels(Side.BID) == [Level(42, 300, 1), Level(40, 600, 2)]
    assert book.levels(Side.ASK) == [Level(58, 400, 1), Level(60, 500, 1)]
    assert book.levels(Side.BID, depth=1) == [Level(42, 300, 1)]
    # Equal prices keep time priority: Bob's bid at 40 came first.
    assert [o.owner for o in book.bids] == [bob.address, bob.address, alice.address]
    assert [o.client_order_id for o in book.open_orders(bob.address)] == [0, 7, 0]
    # Alice's orders locked 500 * 40 * 100 quote + the 0.2% maker fee on it, and 500 lots.
    assert book.seat(alice.address) == Seat(alice.address, 0, 5 * USDC, 0, 2_004_000, 2)
    assert await setup.wallet(alice.address) == (SPLIT - 5 * USDC, 900 * USDC - 2_004_000)

    # Bob takes back his bid at 40 by its client id.
    cancelled = await bob.book.cancel_order_by_client_id(market, 7)
    assert cancelled.event(ev.OrderCancelled).reason is RemoveReason.CANCELLED
    assert cancelled.event(ev.OrderCancelled).lots == 100

    # The taker buys 600 lots up to 60: Bob's 400 at 58, then 200 of Alice's 500 at 60.
    bought = await taker.book.place_order(
        market, OrderParams(Side.BID, 60, 600, order_type=OrderType.IMMEDIATE_OR_CANCEL)
    )
    fills = bought.events_of(ev.OrderFilled)
    assert [(f.maker, f.price, f.lots) for f in fills] == [
        (bob.address, 58, 400),
        (alice.address, 60, 200),
    ]
    assert [(f.quote_amount, f.taker_fee, f.maker_fee) for f in fills] == [
        (2_320_000, 11_600, 4_640),
        # Alice's fee: floor(0.2% of 500 lots at 60) - floor(0.2% of the 300 left).
        (1_200_000, 6_000, 6_000 - 3_600),
    ]
    placed = bought.event(ev.OrderPlaced)
    assert (placed.filled_lots, placed.posted_lots) == (600, 0)
    assert placed.quote_deposited == 3_520_000 + 17_600

    # It sells 400 lots with a market order bounded at 41: Bob's 300 at 42 only.
    sold = await taker.book.place_order(
        market, OrderParams(Side.ASK, 41, 400, order_type=OrderType.MARKET)
    )
    (fill,) = sold.events_of(ev.OrderFilled)
    assert (fill.maker, fill.price, fill.lots, fill.quote_amount) == (
        bob.address,
        42,
        300,
        1_260_000,
    )
    assert (fill.taker_fee, fill.maker_fee) == (6_300, 2_520)
    assert (sold.event(ev.OrderPlaced).filled_lots, sold.event(ev.OrderPlaced).posted_lots) == (
        300,
        0,
    )

    book = await bob.book.market(market)
    assert book.levels(Side.BID) == [Level(40, 500, 1)]
    assert book.levels(Side.ASK) == [Level(60, 300, 1)]
    assert [o.order_id for o in book.open_orders(alice.address)] == [alice_bid, alice_bid + 1]
    assert book.seat(alice.address) == Seat(
        alice.address, 0, 3 * USDC, 1_200_000 - 2_400, 2_004_000, 2
    )
    assert book.seat(bob.address) == Seat(
        bob.address,
        10 * USDC - 4 * USDC + 3 * USDC,
        0,
        50 * USDC - 1_262_520 + 2_320_000 - 4_640,
        0,
        0,
    )
    assert book.seat(taker.address) == Seat(taker.address, 3 * USDC, 0, 1_253_700, 0, 0)
    fees = 11_600 + 4_640 + 6_000 + 2_400 + 6_300 + 2_520
    assert book.fees_accrued == fees
    assert await setup.wallet(taker.address) == (SPLIT, 900 * USDC - 3_537_600)
    # The vaults hold exactly the seats and the fees.
    base_vault, quote_vault = await setup.vaults()
    seats = book.seats
    assert base_vault == sum(s.base_free + s.base_locked for s in seats) == 15 * USDC
    assert quote_vault == sum(s.quote_free + s.quote_locked for s in seats) + fees

    # The arena resolves: trading stops, cancels and withdrawals go on.
    await set_clock(setup.rpc_url, setup.arena.close_ts)
    await setup.admin.resolve(setup.arena.id, 0)
    with pytest.raises(ProgramError) as closed:
        await taker.book.place_order(market, OrderParams(Side.BID, 60, 1))
    assert closed.value.code == OrderbookErrorCode.TradingClosed
    cancelled_all = await alice.book.cancel_all_orders(market)
    assert len(cancelled_all.events_of(ev.OrderCancelled)) == 2
    for trader in (alice, bob, taker):
        await trader.book.withdraw(market)

    book = await bob.book.market(market)
    assert (book.bids, book.asks, book.seats) == ((), (), ())
    assert await setup.wallet(alice.address) == (SPLIT - 2 * USDC, 900 * USDC + 1_197_600)
    assert await setup.wallet(bob.address) == (
        SPLIT - USDC,
        900 * USDC - 50 * USDC + 51_052_840,
    )
    assert await setup.wallet(taker.address) == (
        SPLIT + 3 * USDC,
        900 * USDC - 3_537_600 + 1_253_700,
    )
    assert await setup.vaults() == (0, fees)

    # The fees go to the config's treasury.
    swept = (await alice.book.sweep_fees(market)).event(ev.FeesSwept)
    assert (swept.amount, swept.total_swept) == (fees, fees)
    assert await setup.wallet(setup.treasury) == (0, fees)
    assert await setup.vaults() == (0, 0)
