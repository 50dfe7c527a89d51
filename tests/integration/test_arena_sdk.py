"""The arena SDK end to end on a real localnet: config, arenas, bets, complete sets,
resolution, claims, redemption, a void, the dApp's unsigned transactions and typed errors.

Balances are checked to the base unit against the program's formulas, written out here
independently of the SDK's quoting code (which is checked against them too).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import pytest_asyncio
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from betfun.client.arena import (
    ArenaAccount,
    ArenaClient,
    ArenaErrorCode,
    ArenaStatus,
    ConfigAccount,
)
from betfun.client.arena import events as ev
from betfun.client.arena import instructions as ix
from betfun.client.arena.quotes import expected_claim, implied_odds
from betfun.client.errors import AccountNotFoundError, ProgramError
from betfun.client.faucet import airdrop_sol, create_test_mint, mint_test_tokens
from betfun.client.tokens import token_balances
from betfun.client.transactions import transaction_from_base64, transaction_to_base64

from conftest import LAMPORTS_PER_SOL, Localnet, set_clock

pytestmark = pytest.mark.integration

USDC = 1_000_000  # one unit of the 6-decimal test collateral
PROTOCOL_FEE_BPS = 200
CREATOR_FEE_BPS = 150


@dataclass
class Platform:
    """The module's localnet with the arena config initialized and a test USDC."""

    rpc_url: str
    admin: ArenaClient
    treasury: Pubkey
    usdc: Pubkey
    config: ConfigAccount
    init_events: tuple[ev.ArenaEvent, ...]

    async def wallet(self, usdc: int = 1_000 * USDC) -> ArenaClient:
        """A new wallet's client, with SOL for fees and ``usdc`` base units of collateral."""
        keypair = Keypair()
        await airdrop_sol(self.admin.connection, keypair.pubkey(), 10 * LAMPORTS_PER_SOL)
        if usdc:
            await mint_test_tokens(
                self.admin.connection, self.admin.wallet, self.usdc, keypair.pubkey(), usdc
            )
        return self.admin.with_wallet(keypair)

    async def usdc_of(self, owner: Pubkey) -> int:
        return await self.admin.token_balance(self.usdc, owner)

    async def vault_balance(self, arena: ArenaAccount) -> int:
        return (await token_balances(self.admin.connection, [arena.vault]))[0]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def platform(module_localnet: Localnet) -> AsyncIterator[Platform]:
    admin = Keypair()
    treasury = Keypair().pubkey()
    async with ArenaClient.connect(module_localnet.rpc_url, admin) as client:
        await airdrop_sol(client.connection, admin.pubkey(), 100 * LAMPORTS_PER_SOL)
        with pytest.raises(AccountNotFoundError, match="no config yet"):
            await client.config()
        initialized = await client.initialize_config(PROTOCOL_FEE_BPS, treasury)
        usdc = await create_test_mint(client.connection, admin)
        yield Platform(
            rpc_url=module_localnet.rpc_url,
            admin=client,
            treasury=treasury,
            usdc=usdc,
            config=await client.config(),
            init_events=initialized.events,
        )


async def open_arena(
    platform: Platform,
    creator: ArenaClient,
    resolver: Pubkey,
    outcomes: list[str],
    *,
    closes_in: int = 600,
) -> ArenaAccount:
    now = await creator.cluster_time()
    result = await creator.create_arena(
        title="Who takes the derby?",
        category="sports",
        outcomes=outcomes,
        close_ts=now + closes_in,
        collateral_mint=platform.usdc,
        creator_fee_bps=CREATOR_FEE_BPS,
        resolver=resolver,
    )
    created = result.event(ev.ArenaCreated)
    arena = await creator.arena(created.arena_id)
    assert arena.address == created.arena
    return arena


async def test_the_admin_initializes_the_config(platform: Platform) -> None:
    admin = platform.admin.address
    assert platform.init_events == (
        ev.ConfigInitialized(admin=admin, treasury=platform.treasury, protocol_fee_bps=200),
    )
    config = platform.config
    assert (config.admin, config.treasury, config.protocol_fee_bps) == (
        admin,
        platform.treasury,
        PROTOCOL_FEE_BPS,
    )
    assert config.paused is False

    stranger = await platform.wallet(0)
    with pytest.raises(ProgramError) as refused:
        await stranger.update_config(paused=True)
    assert refused.value.code == ArenaErrorCode.NotAdmin
    assert "Only the config's admin may do this" in str(refused.value)

    paused = await platform.admin.update_config(paused=True)
    assert paused.event(ev.ConfigUpdated).paused is True
    resumed = await platform.admin.update_config(paused=False)
    assert resumed.event(ev.ConfigUpdated) == ev.ConfigUpdated(
        admin=admin, treasury=platform.treasury, protocol_fee_bps=PROTOCOL_FEE_BPS, paused=False
    )


async def test_a_resolved_arena_pays_winners_exactly(platform: Platform) -> None:
    creator = await platform.wallet(0)
    resolver = await platform.wallet(0)
    alice, bob, carol = [await platform.wallet() for _ in range(3)]
    arena = await open_arena(platform, creator, resolver.address, ["Red", "Green", "Blue"])
    assert arena.status is ArenaStatus.OPEN
    assert arena.outcomes == ("Red", "Green", "Blue")
    assert arena.protocol_fee_bps == PROTOCOL_FEE_BPS

    # Odd amounts, so that every division below rounds.
    bets = [
        (alice, 0, 100 * USDC + 1),
        (bob, 0, 50 * USDC + 3),
        (bob, 1, 30 * USDC),
        (carol, 2, 200 * USDC + 7),
    ]
    for wallet, outcome, amount in bets:
        placed = (await wallet.place_bet(arena.id, outcome, amount)).event(ev.BetPlaced)
        assert (placed.bettor, placed.outcome, placed.amount) == (wallet.address, outcome, amount)
    arena = await creator.arena(arena.address)
    red, green, blue = 150 * USDC + 4, 30 * USDC, 200 * USDC + 7
    total = red + green + blue
    assert arena.pots == (red, green, blue)
    assert arena.total_pot == total
    odds = implied_odds(arena)
    assert odds[0].probability is not None
    assert odds[0].probability * total == red

    bob_position = await bob.position(arena.id)
    assert bob_position is not None
    assert bob_position.stakes[:3] == (50 * USDC + 3, 30 * USDC, 0)
    assert [p.arena for p in await bob.positions()] == [arena.address]

    # Complete sets: 40 in, 15 back out.
    before = await platform.usdc_of(alice.address)
    split = (await alice.split(arena.id, 40 * USDC)).event(ev.SetsSplit)
    assert (split.amount, split.set_collateral) == (40 * USDC, 40 * USDC)
    assert await alice.outcome_balances(arena) == (40 * USDC,) * 3
    merged = (await alice.merge(arena.id, 15 * USDC)).event(ev.SetsMerged)
    assert merged.set_collateral == 25 * USDC
    assert await alice.outcome_balances(arena) == (25 * USDC,) * 3
    assert await platform.usdc_of(alice.address) == before - 25 * USDC

    # The resolver can't resolve before the close, nor anyone else after it.
    with pytest.raises(ProgramError) as early:
        await resolver.resolve(arena.id, 0)
    assert early.value.code == ArenaErrorCode.TooEarlyToResolve
    await set_clock(platform.rpc_url, arena.close_ts)
    with pytest.raises(ProgramError) as closed:
        await carol.place_bet(arena.id, 2, USDC)
    assert closed.value.code == ArenaErrorCode.BettingClosed
    assert closed.value.name == "BettingClosed"
    assert "Betting on this arena has closed" in str(closed.value)
    with pytest.raises(ProgramError) as intruder:
        await carol.resolve(arena.id, 2)
    assert intruder.value.code == ArenaErrorCode.NotResolver

    # Red wins. Fees: floor(total * bps / 10,000) each.
    protocol_fee = total * PROTOCOL_FEE_BPS // 10_000
    creator_fee = total * CREATOR_FEE_BPS // 10_000
    pool = total - protocol_fee - creator_fee
    resolved = (await resolver.resolve(arena.id, 0)).event(ev.ArenaResolved)
    assert resolved == ev.ArenaResolved(
        arena=arena.address,
        resolver=resolver.address,
        winning_outcome=0,
        total_pot=total,
        winning_pot=red,
        protocol_fee=protocol_fee,
        creator_fee=creator_fee,
        payout_pool=pool,
        ts=resolved.ts,
    )
    assert await platform.usdc_of(platform.treasury) == protocol_fee
    assert await platform.usdc_of(creator.address) == creator_fee
    arena = await creator.arena(arena.id)
    assert (arena.status, arena.winning_outcome, arena.payout_pool) == (
        ArenaStatus.RESOLVED,
        0,
        pool,
    )
    assert [a.id for a in await creator.arenas(ArenaStatus.RESOLVED)] == [arena.id]
    assert arena.id not in [a.id for a in await creator.arenas(ArenaStatus.OPEN)]

    # Winners: floor(stake * pool / winning pot).
    for wallet, stake in ((alice, 100 * USDC + 1), (bob, 50 * USDC + 3)):
        position = await wallet.position(arena.id)
        assert position is not None
        owed = stake * pool // red
        assert expected_claim(arena, position).amount == owed
        before = await platform.usdc_of(wallet.address)
        claimed = (await wallet.claim(arena.id)).event(ev.Claimed)
        assert (claimed.amount, claimed.refund) == (owed, False)
        assert await platform.usdc_of(wallet.address) == before + owed
    with pytest.raises(ProgramError) as twice:
        await alice.claim(arena.id)
    assert twice.value.code == ArenaErrorCode.AlreadyClaimed
    with pytest.raises(ProgramError) as loser:
        await carol.claim(arena.id)
    assert loser.value.code == ArenaErrorCode.NothingToClaim

    # Alice's 25 complete sets: the 25 Red tokens pay 25, the others burn for nothing.
    before = await platform.usdc_of(alice.address)
    redeemed = (await alice.redeem(arena.id)).event(ev.Redeemed)
    assert (redeemed.amounts, redeemed.payout) == ((25 * USDC,) * 3, 25 * USDC)
    assert await alice.outcome_balances(arena) == (0, 0, 0)
    assert await platform.usdc_of(alice.address) == before + 25 * USDC

    # What rounding left behind stays in the vault, which holds exactly what is owed.
    arena = await creator.arena(arena.id)
    paid = sum(stake * pool // red for stake in (100 * USDC + 1, 50 * USDC + 3))
    assert arena.pot_unclaimed == pool - paid
    assert arena.set_collateral == 0
    assert await platform.vault_balance(arena) == arena.pot_unclaimed


async def test_a_voided_arena_refunds_everyone(platform: Platform) -> None:
    creator = await platform.wallet(0)
    alice, bob = await platform.wallet(), await platform.wallet()
    arena = await open_arena(platform, creator, creator.address, ["Yes", "No", "Maybe"])
    await alice.place_bet(arena.id, 0, 70 * USDC)
    await alice.place_bet(arena.id, 2, 5 * USDC)
    await bob.place_bet(arena.id, 1, 30 * USDC + 1)
    await alice.split(arena.id, 9 * USDC)

    # A resolver may void before the close: the question can no longer be answered.
    voided = (await creator.void_arena(arena.id)).event(ev.ArenaVoided)
    assert voided.total_pot == 105 * USDC + 1
    arena = await creator.arena(arena.id)
    assert (arena.status, arena.winning_outcome) == (ArenaStatus.VOIDED, None)
    with pytest.raises(ProgramError) as again:
        await creator.resolve(arena.id, 0)
    assert again.value.code == ArenaErrorCode.ArenaNotOpen

    for wallet, staked in ((alice, 75 * USDC), (bob, 30 * USDC + 1)):
        before = await platform.usdc_of(wallet.address)
        claimed = (await wallet.claim(arena.id)).event(ev.Claimed)
        assert (claimed.amount, claimed.refund) == (staked, True)
        assert await platform.usdc_of(wallet.address) == before + staked

    # Each token redeems for 1/3 of a unit: a complete set for one unit.
    before = await platform.usdc_of(alice.address)
    redeemed = (await alice.redeem(arena.id)).event(ev.Redeemed)
    assert redeemed.payout == 9 * USDC
    assert await platform.usdc_of(alice.address) == before + 9 * USDC
    assert await platform.usdc_of(creator.address) == 0  # a void takes no fee
    assert await platform.vault_balance(arena) == 0


async def test_a_wallet_signs_a_transaction_built_for_it(platform: Platform) -> None:
    """The dApp path: the server builds an unsigned transaction for a wallet address; the
    wallet signs it elsewhere and sends the raw bytes."""
    creator = await platform.wallet(0)
    wallet = Keypair()
    await airdrop_sol(platform.admin.connection, wallet.pubkey(), LAMPORTS_PER_SOL)
    await mint_test_tokens(
        platform.admin.connection, platform.admin.wallet, platform.usdc, wallet.pubkey(), 20 * USDC
    )
    arena = await open_arena(platform, creator, creator.address, ["Up", "Down"])

    server = platform.admin  # any client: it never signs for the wallet
    unsigned = await server.unsigned_transaction(
        wallet.pubkey(), ix.place_bet(arena, wallet.pubkey(), 1, 12 * USDC)
    )
    assert unsigned.signatures == [Signature.default()]
    assert unsigned.message.account_keys[0] == wallet.pubkey()
    shipped = transaction_to_base64(unsigned)

    received = transaction_from_base64(shipped)
    received.sign([wallet], received.message.recent_blockhash)
    sent = await server.submit(received)
    assert sent.signature == received.signatures[0]
    placed = sent.event(ev.BetPlaced)
    assert (placed.bettor, placed.outcome, placed.amount) == (wallet.pubkey(), 1, 12 * USDC)
    assert await platform.usdc_of(wallet.pubkey()) == 8 * USDC
    position = await server.position(arena.id, wallet.pubkey())
    assert position is not None
    assert position.stakes[:2] == (0, 12 * USDC)

    # Split for the wallet: its outcome token accounts are created in the same transaction.
    unsigned = await server.unsigned_transaction(
        wallet.pubkey(), ix.split(arena, wallet.pubkey(), 3 * USDC)
    )
    unsigned.sign([wallet], unsigned.message.recent_blockhash)
    await server.submit(unsigned)
    assert await server.outcome_balances(arena, wallet.pubkey()) == (3 * USDC, 3 * USDC)


async def test_unknown_arenas_and_bad_inputs(platform: Platform) -> None:
    with pytest.raises(AccountNotFoundError, match="no arena 9999"):
        await platform.admin.arena(9999)
    with pytest.raises(AccountNotFoundError, match="is not an arena"):
        await platform.admin.arena(platform.config.address)
    bettor = await platform.wallet(5 * USDC)
    creator = await platform.wallet(0)
    arena = await open_arena(platform, creator, creator.address, ["A", "B"])
    with pytest.raises(ValueError, match="out of range"):
        await bettor.place_bet(arena.id, 2, USDC)
    with pytest.raises(ProgramError) as zero:
        await bettor.place_bet(arena.id, 0, 0)
    assert zero.value.code == ArenaErrorCode.ZeroAmount
    with pytest.raises(ProgramError, match="insufficient funds"):
        await bettor.place_bet(arena.id, 0, 6 * USDC)
    with pytest.raises(ProgramError) as past:
        await creator.create_arena(
            title="Too late",
            outcomes=["A", "B"],
            close_ts=await creator.cluster_time() - 1,
            collateral_mint=platform.usdc,
        )
    assert past.value.code == ArenaErrorCode.CloseTimeInPast
