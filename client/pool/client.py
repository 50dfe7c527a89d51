"""``PoolClient``: the pool program from Python, async end to end.

Like :class:`~betfun.client.arena.ArenaClient`, one client holds an RPC connection and a
wallet that signs and pays. Each action has an ``*_instructions`` method that reads the
state it needs fresh and builds the wallet's instructions (wrap them with
``unsigned_transaction`` for a dApp's wallet to sign), and a method that signs, sends,
confirms and returns the pool's events (in a v0 transaction with lookup tables when a legacy
one cannot name every account). Slippage bounds default to the exact quote: a
trade fails with the program's slippage error if the pool moved in between, unless
``slippage_bps`` widens the bound.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import Transaction
from spl.token.constants import ASSOCIATED_TOKEN_PROGRAM_ID

from betfun.client.arena.accounts import AccountDecodeError, ArenaAccount
from betfun.client.arena.client import ArenaClient, ArenaRef
from betfun.client.arena.pda import arena_address
from betfun.client.errors import AccountNotFoundError
from betfun.client.lookup_tables import create_lookup_table, fits_legacy, send_v0
from betfun.client.pool import instructions, quotes
from betfun.client.pool.accounts import PoolAccount
from betfun.client.pool.events import PoolEvent, parse_events
from betfun.client.pool.pda import pool_address
from betfun.client.pool.program import BPS_DENOMINATOR, PROGRAM_ID
from betfun.client.tokens import mint_supply, token_balances
from betfun.client.transactions import (
    ConfirmedTransaction,
    latest_blockhash,
    send_and_confirm,
    send_signed,
    unsigned_transaction,
)

E = TypeVar("E", bound=PoolEvent)


@dataclass(frozen=True, slots=True)
class PoolTransaction:
    """A confirmed transaction and the pool events it emitted."""

    signature: Signature
    slot: int
    events: tuple[PoolEvent, ...]

    def event(self, kind: type[E]) -> E:
        """The transaction's one event of type ``kind``."""
        found = [event for event in self.events if isinstance(event, kind)]
        if len(found) != 1:
            raise LookupError(f"expected one {kind.__name__} event, found {len(found)}")
        return found[0]

    @classmethod
    def of(cls, confirmed: ConfirmedTransaction) -> PoolTransaction:
        return cls(
            signature=confirmed.signature,
            slot=confirmed.slot,
            events=tuple(parse_events(confirmed.logs)),
        )


@dataclass(frozen=True, slots=True)
class PoolState:
    """A pool, its arena and its LP supply, read together."""

    arena: ArenaAccount
    pool: PoolAccount
    lp_supply: int


def _at_least(amount: int, slippage_bps: int) -> int:
    return amount * (BPS_DENOMINATOR - slippage_bps) // BPS_DENOMINATOR


def _at_most(amount: int, slippage_bps: int) -> int:
    return -(-amount * (BPS_DENOMINATOR + slippage_bps) // BPS_DENOMINATOR)


def _check_slippage(slippage_bps: int) -> None:
    if not 0 <= slippage_bps <= BPS_DENOMINATOR:
        raise ValueError(f"a slippage of {slippage_bps} bps is outside 0..{BPS_DENOMINATOR}")


class PoolClient:
    def __init__(self, connection: AsyncClient, wallet: Keypair) -> None:
        self.connection = connection
        self.wallet = wallet
        self.arenas = ArenaClient(connection, wallet)
        self._tables: list[AddressLookupTableAccount] = []

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, rpc_url: str, wallet: Keypair, *, timeout: float = 30.0
    ) -> AsyncIterator[PoolClient]:
        """A client on a new connection (commitment "confirmed"), closed on exit."""
        async with AsyncClient(rpc_url, commitment=Confirmed, timeout=timeout) as connection:
            yield cls(connection, wallet)

    def with_wallet(self, wallet: Keypair) -> PoolClient:
        """The same connection, another signer."""
        return PoolClient(self.connection, wallet)

    @property
    def address(self) -> Pubkey:
        return self.wallet.pubkey()

    # ----------------------------------------------------------------------------------------
    # Reads
    # ----------------------------------------------------------------------------------------

    async def pool(self, arena: ArenaRef) -> PoolAccount:
        """The pool of ``arena`` (by id or address); AccountNotFoundError if it has none."""
        arena_key = arena_address(arena) if isinstance(arena, int) else arena
        address = pool_address(arena_key)
        info = (await self.connection.get_account_info(address, Confirmed)).value
        if info is None or info.owner != PROGRAM_ID:
            raise AccountNotFoundError(f"arena {arena} has no pool (at {address})", address)
        try:
            return PoolAccount.decode(address, bytes(info.data))
        except AccountDecodeError:
            raise AccountNotFoundError(f"{address} is not a pool", address) from None

    async def state(self, arena: ArenaRef) -> PoolState:
        arena_account = await self.arenas.arena(arena)
        pool = await self.pool(arena_account.address)
        return PoolState(arena_account, pool, await mint_supply(self.connection, pool.lp_mint))

    async def lp_balance(self, pool: PoolAccount, owner: Pubkey | None = None) -> int:
        """``owner``'s (default: the wallet's) LP tokens of ``pool``."""
        return await self.arenas.token_balance(pool.lp_mint, owner)

    async def vault_balances(self, pool: PoolAccount) -> tuple[int, ...]:
        """What the pool's vaults hold, per outcome (equal to ``pool.balances``)."""
        return tuple(await token_balances(self.connection, pool.vaults))

    # ----------------------------------------------------------------------------------------
    # Instructions for a wallet
    # ----------------------------------------------------------------------------------------

    async def unsigned_transaction(
        self, payer: Pubkey, instructions: Sequence[Instruction]
    ) -> Transaction:
        """``instructions`` in a transaction for ``payer`` to sign, on a recent blockhash."""
        return unsigned_transaction(instructions, payer, await latest_blockhash(self.connection))

    async def create_pool_instructions(
        self, arena: ArenaRef, fee_bps: int, creator: Pubkey | None = None
    ) -> list[Instruction]:
        state = await self.arenas.arena(arena)
        return instructions.create_pool(state, creator or self.address, fee_bps)

    async def add_liquidity_instructions(
        self,
        arena: ArenaRef,
        collateral: int,
        *,
        odds: Sequence[int] = (),
        min_lp_out: int | None = None,
        provider: Pubkey | None = None,
    ) -> list[Instruction]:
        """``min_lp_out`` defaults to the quote's LP tokens."""
        state = await self.state(arena)
        if min_lp_out is None:
            min_lp_out = quotes.quote_deposit(
                state.pool, state.lp_supply, collateral, odds
            ).lp_minted
        return instructions.add_liquidity(
            state.arena, state.pool, provider or self.address, collateral, min_lp_out, odds
        )

    async def remove_liquidity_instructions(
        self,
        arena: ArenaRef,
        lp: int,
        *,
        min_amounts: Sequence[int] | None = None,
        provider: Pubkey | None = None,
    ) -> list[Instruction]:
        """``min_amounts`` default to the quote's amounts."""
        state = await self.state(arena)
        if min_amounts is None:
            min_amounts = quotes.quote_withdrawal(state.pool, state.lp_supply, lp).amounts
        return instructions.remove_liquidity(
            state.arena, state.pool, provider or self.address, lp, min_amounts
        )

    async def buy_instructions(
        self,
        arena: ArenaRef,
        outcome: int,
        collateral_in: int,
        *,
        slippage_bps: int = 0,
        trader: Pubkey | None = None,
    ) -> list[Instruction]:
        """The minimum tokens out is the quote less ``slippage_bps``."""
        _check_slippage(slippage_bps)
        state = await self.state(arena)
        quote = quotes.quote_buy(state.pool, outcome, collateral_in)
        return instructions.buy(
            state.arena,
            state.pool,
            trader or self.address,
            outcome,
            collateral_in,
            _at_least(quote.tokens_out, slippage_bps),
        )

    async def sell_instructions(
        self,
        arena: ArenaRef,
        outcome: int,
        collateral_out: int,
        *,
        slippage_bps: int = 0,
        trader: Pubkey | None = None,
    ) -> list[Instruction]:
        """The maximum tokens in is the quote plus ``slippage_bps``."""
        _check_slippage(slippage_bps)
        state = await self.state(arena)
        quote = quotes.quote_sell(state.pool, outcome, collateral_out)
        return instructions.sell(
            state.arena,
            state.pool,
            trader or self.address,
            outcome,
            collateral_out,
            _at_most(quote.tokens_in, slippage_bps),
        )

    # ----------------------------------------------------------------------------------------
    # Sending
    # ----------------------------------------------------------------------------------------

    async def submit(self, transaction: Transaction) -> PoolTransaction:
        """Send a transaction signed elsewhere (by a wallet) and wait for confirmation."""
        return PoolTransaction.of(await send_signed(self.connection, transaction))

    async def send(self, instructions: Sequence[Instruction]) -> PoolTransaction:
        """Sign with the wallet (fee payer), send, wait for confirmation.

        Instructions over too many accounts for a legacy transaction (a deposit into an
        eight-outcome pool) go in a v0 transaction, through lookup tables the wallet creates
        once per client; the token accounts they create go first, in a transaction of their
        own, so that the validator's 10 kB log limit cannot cut the pool's events off.
        """
        if fits_legacy(instructions, self.address):
            confirmed = await send_and_confirm(self.connection, instructions, self.wallet)
            return PoolTransaction.of(confirmed)
        setup = [i for i in instructions if i.program_id == ASSOCIATED_TOKEN_PROGRAM_ID]
        if setup:
            await send_and_confirm(self.connection, setup, self.wallet)
        action = [i for i in instructions if i.program_id != ASSOCIATED_TOKEN_PROGRAM_ID]
        tables = await self._lookup_tables(action)
        return PoolTransaction.of(await send_v0(self.connection, action, self.wallet, tables))

    async def _lookup_tables(
        self, instructions: Sequence[Instruction]
    ) -> list[AddressLookupTableAccount]:
        """The client's tables, with one more for the accounts none of them holds yet."""
        held = {address for table in self._tables for address in table.addresses}
        missing = list(
            dict.fromkeys(
                meta.pubkey
                for instruction in instructions
                for meta in instruction.accounts
                if not meta.is_signer and meta.pubkey not in held
            )
        )
        if missing:
            self._tables.append(await create_lookup_table(self.connection, self.wallet, missing))
        return self._tables

    async def create_pool(self, arena: ArenaRef, fee_bps: int) -> PoolTransaction:
        """Opens the pool of an open arena; the ``PoolCreated`` event carries its accounts."""
        return await self.send(await self.create_pool_instructions(arena, fee_bps))

    async def add_liquidity(
        self,
        arena: ArenaRef,
        collateral: int,
        *,
        odds: Sequence[int] = (),
        min_lp_out: int | None = None,
    ) -> PoolTransaction:
        """Deposits ``collateral``; the first deposit may set the starting ``odds`` (one
        weight per outcome, proportional to its probability)."""
        built = await self.add_liquidity_instructions(
            arena, collateral, odds=odds, min_lp_out=min_lp_out
        )
        return await self.send(built)

    async def remove_liquidity(
        self, arena: ArenaRef, lp: int | None = None, *, min_amounts: Sequence[int] | None = None
    ) -> PoolTransaction:
        """Burns ``lp`` LP tokens (default: all the wallet's) for their share, fees included."""
        if lp is None:
            lp = await self.lp_balance(await self.pool(arena))
        built = await self.remove_liquidity_instructions(arena, lp, min_amounts=min_amounts)
        return await self.send(built)

    async def buy(
        self, arena: ArenaRef, outcome: int, collateral_in: int, *, slippage_bps: int = 0
    ) -> PoolTransaction:
        built = await self.buy_instructions(
            arena, outcome, collateral_in, slippage_bps=slippage_bps
        )
        return await self.send(built)

    async def sell(
        self, arena: ArenaRef, outcome: int, collateral_out: int, *, slippage_bps: int = 0
    ) -> PoolTransaction:
        """Sells for exactly ``collateral_out``, net of the fee."""
        built = await self.sell_instructions(
            arena, outcome, collateral_out, slippage_bps=slippage_bps
        )
        return await self.send(built)

    async def sell_tokens(self, arena: ArenaRef, outcome: int, tokens_in: int) -> PoolTransaction:
        """Sells at most ``tokens_in`` for the most collateral they fetch."""
        state = await self.state(arena)
        quote = quotes.quote_sell_tokens(state.pool, outcome, tokens_in)
        if quote is None:
            raise ValueError(f"{tokens_in} tokens of outcome {outcome} do not fetch one base unit")
        return await self.send(
            instructions.sell(
                state.arena, state.pool, self.address, outcome, quote.collateral_out, tokens_in
            )
        )
