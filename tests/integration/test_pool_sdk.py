"""The pool SDK end to end on a real localnet: a provider funds a three-outcome pool with
starting odds, traders buy and sell, the provider withdraws with the fees.

Every execution is checked against the SDK's quote made just before it, to the base unit;
every event's prices against the SDK's prices of the pool read back from the chain.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from math import prod

import pytest
import pytest_asyncio
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from betfun.client.arena import ArenaAccount, ArenaClient
from betfun.client.arena import events as arena_events
from betfun.client.errors import ProgramError
from betfun.client.faucet import airdrop_sol, create_test_mint, mint_test_tokens
from betfun.client.lookup_tables import fits_legacy
from betfun.client.pool import PoolClient, PoolErrorCode, PoolState, math, quotes
from betfun.client.pool import events as ev
from betfun.client.pool import instructions as ix
from betfun.client.pool.pda import collateral_address, lp_mint_address, pool_address, vault_address
from betfun.client.transactions import transaction_from_base64, transaction_to_base64

from conftest import LAMPORTS_PER_SOL, Localnet

pytestmark = pytest.mark.integration

USDC = 1_000_000
FEE_BPS = 100
ODDS = (50, 30, 20)


@dataclass
class Market:
    """The module's localnet with an open three-outcome arena and its (empty) pool."""

    admin: PoolClient
    usdc: Pubkey
    arena: ArenaAccount
    created: ev.PoolCreated

    async def wallet(self, usdc: int) -> PoolClient:
        keypair = Keypair()
        await airdrop_sol(self.admin.connection, keypair.pubkey(), 10 * LAMPORTS_PER_SOL)
        await mint_test_tokens(
            self.admin.connection, self.admin.wallet, self.usdc, keypair.pubkey(), usdc
        )
        return self.admin.with_wallet(keypair)

    async def usdc_of(self, client: PoolClient) -> int:
        return await client.arenas.token_balance(self.usdc)

    async def state(self) -> PoolState:
        return await self.admin.state(self.arena.id)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def market(module_localnet: Localnet) -> AsyncIterator[Market]:
    admin = Keypair()
    async with ArenaClient.connect(module_localnet.rpc_url, admin) as arenas:
        await airdrop_sol(arenas.connection, admin.pubkey(), 100 * LAMPORTS_PER_SOL)
        await arenas.initialize_config(0)
        usdc = await create_test_mint(arenas.connection, admin)
        opened = await arenas.create_arena(
            title="Who wins the final?",
            outcomes=["home", "draw", "away"],
            close_ts=await arenas.cluster_time() + 3_600,
            collateral_mint=usdc,
        )
        arena = await arenas.arena(opened.event(arena_events.ArenaCreated).arena_id)
        pools = PoolClient(arenas.connection, admin)
        created = (await pools.create_pool(arena.id, FEE_BPS)).event(ev.PoolCreated)
        yield Market(admin=pools, usdc=usdc, arena=arena, created=created)


def assert_books(state: PoolState, vaults: tuple[int, ...], prices: tuple[int, ...]) -> None:
    """The pool's recorded balances are its vaults', and the event's prices are the SDK's."""
    assert state.pool.balances == vaults
    assert math.prices(state.pool.balances) == prices


async def test_the_three_outcome_flow(market: Market) -> None:
    pool = pool_address(market.arena.address)
    assert market.created.pool == pool
    assert market.created.lp_mint == lp_mint_address(pool)
    assert market.created.collateral == collateral_address(pool)
    assert market.created.vaults == tuple(vault_address(pool, i) for i in range(3))
    assert market.created.fee_bps == FEE_BPS

    # The provider funds the pool at 50/30/20.
    provider = await market.wallet(1_000 * USDC)
    before = await market.state()
    assert (before.pool.balances, before.lp_supply) == ((0, 0, 0), 0)
    deposit = quotes.quote_deposit(before.pool, before.lp_supply, 1_000 * USDC, ODDS)
    added = (await provider.add_liquidity(market.arena.id, 1_000 * USDC, odds=ODDS)).event(
        ev.LiquidityAdded
    )
    assert (added.lp_minted, added.added, added.returned, added.balances) == (
        deposit.lp_minted,
        deposit.added,
        deposit.returned,
        deposit.balances,
    )
    state = await market.state()
    assert_books(state, await provider.vault_balances(state.pool), added.prices)
    assert state.lp_supply == added.lp_supply == await provider.lp_balance(state.pool)
    assert await provider.arenas.outcome_balances(market.arena) == deposit.returned
    assert await market.usdc_of(provider) == 0
    probabilities = quotes.implied_probabilities(state.pool.balances)
    assert [round(float(p), 4) for p in probabilities] == [0.5, 0.3, 0.2]

    # Traders buy and sell; each execution is its quote.
    alice, bob = await market.wallet(500 * USDC), await market.wallet(500 * USDC)
    fees = 0
    for trader, outcome, collateral in ((alice, 2, 80 * USDC), (bob, 0, 150 * USDC)):
        state = await market.state()
        quote = quotes.quote_buy(state.pool, outcome, collateral)
        paid_before = await market.usdc_of(trader)
        bought = (await trader.buy(market.arena.id, outcome, collateral)).event(ev.SharesBought)
        assert (bought.fee, bought.tokens_out, bought.balances, bought.prices) == (
            quote.fee,
            quote.tokens_out,
            quote.balances_after,
            quote.prices_after,
        )
        assert quote.price_impact > 0
        assert await market.usdc_of(trader) == paid_before - collateral
        assert (await trader.arenas.outcome_balances(market.arena))[outcome] == quote.tokens_out
        state = await market.state()
        assert_books(state, await trader.vault_balances(state.pool), bought.prices)
        fees += bought.fee

    # Alice sells half her tokens for what they fetch.
    held = (await alice.arenas.outcome_balances(market.arena))[2]
    state = await market.state()
    tokens_quote = quotes.quote_sell_tokens(state.pool, 2, held // 2)
    assert tokens_quote is not None
    sold = (await alice.sell_tokens(market.arena.id, 2, held // 2)).event(ev.SharesSold)
    assert (sold.collateral_out, sold.fee, sold.tokens_in, sold.balances, sold.prices) == (
        tokens_quote.collateral_out,
        tokens_quote.fee,
        tokens_quote.tokens_in,
        tokens_quote.balances_after,
        tokens_quote.prices_after,
    )
    assert await market.usdc_of(alice) == 420 * USDC + sold.collateral_out
    fees += sold.fee

    # Bob sells for exactly 40 USDC, through an unsigned transaction his wallet signs.
    state = await market.state()
    sell_quote = quotes.quote_sell(state.pool, 0, 40 * USDC)
    built = await bob.sell_instructions(market.arena.id, 0, 40 * USDC)
    unsigned = await market.admin.unsigned_transaction(bob.address, built)
    received = transaction_from_base64(transaction_to_base64(unsigned))
    received.sign([bob.wallet], received.message.recent_blockhash)
    sold = (await market.admin.submit(received)).event(ev.SharesSold)
    assert (sold.trader, sold.collateral_out, sold.tokens_in, sold.balances, sold.prices) == (
        bob.address,
        40 * USDC,
        sell_quote.tokens_in,
        sell_quote.balances_after,
        sell_quote.prices_after,
    )
    assert await market.usdc_of(bob) == 350 * USDC + 40 * USDC
    fees += sold.fee

    # Slippage bounds are hard limits.
    state = await market.state()
    quote = quotes.quote_buy(state.pool, 1, 10 * USDC)
    too_greedy = ix.buy(market.arena, state.pool, bob.address, 1, 10 * USDC, quote.tokens_out + 1)
    with pytest.raises(ProgramError) as refused:
        await bob.send(too_greedy)
    assert refused.value.code == PoolErrorCode.TokensOutBelowMinimum

    # The provider withdraws everything, fees included.
    state = await market.state()
    assert state.pool.fees_collected == fees > 0
    position = quotes.lp_position(state.pool, state.lp_supply, state.lp_supply)
    assert position.amounts == state.pool.balances
    loss = quotes.impermanent_loss(deposit.added, position, state.pool.balances)
    removed = (await provider.remove_liquidity(market.arena.id)).event(ev.LiquidityRemoved)
    assert removed.amounts == position.amounts
    assert (removed.balances, removed.lp_supply, removed.prices) == ((0, 0, 0), 0, (0, 0, 0))
    held_now = await provider.arenas.outcome_balances(market.arena)
    assert held_now == tuple(r + a for r, a in zip(deposit.returned, position.amounts, strict=True))
    # The fees stayed in the pool as complete sets: the product of its balances grew past
    # that of the same trades without fees, which only keep it (up to rounding).
    no_fee = deposit.balances
    no_fee = math.buy(no_fee, 2, 80 * USDC, 0).balances
    no_fee = math.buy(no_fee, 0, 150 * USDC, 0).balances
    no_fee = math.sell(no_fee, 2, tokens_quote.collateral_out, 0).balances
    no_fee = math.sell(no_fee, 0, 40 * USDC, 0).balances
    assert prod(position.amounts) > prod(no_fee) >= prod(deposit.balances)
    # Against holding the tokens it deposited, the position lost less than it would have.
    fee_less = quotes.LpPosition(
        lp=0, amounts=no_fee, value=quotes.value_at_prices(no_fee, no_fee), sets=min(no_fee)
    )
    assert loss > quotes.impermanent_loss(deposit.added, fee_less, no_fee)


async def test_an_eight_outcome_pool_through_lookup_tables(market: Market) -> None:
    opened = await market.admin.arenas.create_arena(
        title="Which lane wins?",
        outcomes=[f"lane {lane}" for lane in range(1, 9)],
        close_ts=await market.admin.arenas.cluster_time() + 3_600,
        collateral_mint=market.usdc,
    )
    arena_id = opened.event(arena_events.ArenaCreated).arena_id
    await market.admin.create_pool(arena_id, FEE_BPS)
    odds = (30, 20, 15, 10, 10, 5, 5, 5)

    # The deposit names 35 accounts: too many for a legacy transaction.
    provider = await market.wallet(1_000 * USDC)
    state = await provider.state(arena_id)
    deposit = quotes.quote_deposit(state.pool, 0, 800 * USDC, odds)
    built = await provider.add_liquidity_instructions(arena_id, 800 * USDC, odds=odds)
    assert not fits_legacy(built, provider.address)
    sent = await provider.add_liquidity(arena_id, 800 * USDC, odds=odds)
    added = sent.event(ev.LiquidityAdded)
    fetched = await provider.connection.get_transaction(
        sent.signature, max_supported_transaction_version=0
    )
    assert fetched.value is not None
    assert fetched.value.transaction.version == 0
    assert (added.lp_minted, added.added, added.returned) == (
        deposit.lp_minted,
        deposit.added,
        deposit.returned,
    )
    state = await provider.state(arena_id)
    assert_books(state, await provider.vault_balances(state.pool), added.prices)
    assert await provider.arenas.outcome_balances(state.arena) == deposit.returned

    trader = await market.wallet(100 * USDC)
    quote = quotes.quote_buy(state.pool, 7, 25 * USDC)
    bought = (await trader.buy(arena_id, 7, 25 * USDC)).event(ev.SharesBought)
    assert (bought.tokens_out, bought.balances, bought.prices) == (
        quote.tokens_out,
        quote.balances_after,
        quote.prices_after,
    )
    state = await trader.state(arena_id)
    sale = quotes.quote_sell(state.pool, 7, 10 * USDC)
    sold = (await trader.sell(arena_id, 7, 10 * USDC)).event(ev.SharesSold)
    assert (sold.tokens_in, sold.balances, sold.prices) == (
        sale.tokens_in,
        sale.balances_after,
        sale.prices_after,
    )

    state = await provider.state(arena_id)
    withdrawal = quotes.quote_withdrawal(state.pool, state.lp_supply, state.lp_supply)
    removed = (await provider.remove_liquidity(arena_id)).event(ev.LiquidityRemoved)
    assert removed.amounts == withdrawal.amounts
    assert removed.balances == (0,) * 8
