"""Unsigned transactions for a dApp's wallet: the API reads the arena's current state from
the RPC node (the chain, not the index, so a transaction is never built from stale
accounts), checks what would make the program refuse it, and returns the transaction for
the wallet to sign and send."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import httpx
from solana.exceptions import SolanaRpcException
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from betfun.api.service.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    UpstreamError,
)
from betfun.api.service.models import UnsignedTransaction
from betfun.client.arena import instructions
from betfun.client.arena.accounts import (
    AccountDecodeError,
    ArenaAccount,
    ArenaStatus,
    ConfigAccount,
)
from betfun.client.arena.pda import arena_address, config_address, position_address
from betfun.client.arena.program import PROGRAM_ID
from betfun.client.transactions import transaction_to_base64, unsigned_transaction


class TransactionBuilder:
    def __init__(self, rpc: AsyncClient) -> None:
        self._rpc = rpc

    async def _account(self, address: Pubkey) -> bytes | None:
        try:
            info = (await self._rpc.get_account_info(address, Confirmed)).value
        except (SolanaRpcException, RPCException, httpx.HTTPError) as exc:
            raise UpstreamError(f"the RPC node failed: {exc}") from exc
        if info is None or info.owner != PROGRAM_ID:
            return None
        return bytes(info.data)

    async def _arena(self, address: Pubkey) -> ArenaAccount:
        data = await self._account(address)
        try:
            if data is not None:
                return ArenaAccount.decode(address, data)
        except AccountDecodeError:
            pass
        raise NotFoundError(f"no arena at {address}", field="arena")

    async def _config(self) -> ConfigAccount:
        data = await self._account(config_address())
        if data is None:
            raise ConflictError("the arena program has no config yet: an admin must create it")
        return ConfigAccount.decode(config_address(), data)

    async def _open_arena(self, address: Pubkey, action: str) -> ArenaAccount:
        arena = await self._arena(address)
        if arena.status is not ArenaStatus.OPEN:
            raise ConflictError(
                f"arena {arena.id} is {arena.status.label}: no more {action}", field="arena"
            )
        return arena

    async def _transaction(
        self, payer: Pubkey, built: Sequence[Instruction], arena: Pubkey | None
    ) -> UnsignedTransaction:
        try:
            latest = (await self._rpc.get_latest_blockhash(Confirmed)).value
        except (SolanaRpcException, RPCException, httpx.HTTPError) as exc:
            raise UpstreamError(f"the RPC node failed: {exc}") from exc
        transaction = unsigned_transaction(built, payer, latest.blockhash)
        return UnsignedTransaction(
            transaction=transaction_to_base64(transaction),
            blockhash=str(latest.blockhash),
            last_valid_block_height=latest.last_valid_block_height,
            fee_payer=str(payer),
            arena=None if arena is None else str(arena),
        )

    async def create_arena(
        self,
        wallet: Pubkey,
        *,
        title: str,
        category: str,
        outcomes: Sequence[str],
        close_time: datetime,
        collateral_mint: Pubkey,
        creator_fee_bps: int,
        resolver: Pubkey | None,
    ) -> UnsignedTransaction:
        """The arena takes the config's next id: if another creation lands first, the
        transaction fails its seeds check and must be rebuilt."""
        config = await self._config()
        if config.paused:
            raise ConflictError("the platform is paused: no new arenas")
        built = instructions.create_arena(
            config,
            wallet,
            collateral_mint=collateral_mint,
            title=title,
            category=category,
            outcomes=outcomes,
            close_ts=int(close_time.timestamp()),
            creator_fee_bps=creator_fee_bps,
            resolver=resolver or wallet,
        )
        return await self._transaction(wallet, built, arena_address(config.arena_count))

    async def place_bet(
        self, wallet: Pubkey, arena: Pubkey, outcome: int, amount: int
    ) -> UnsignedTransaction:
        state = await self._open_arena(arena, "bets")
        _check_outcome(state, outcome, "outcome")
        return await self._transaction(
            wallet, instructions.place_bet(state, wallet, outcome, amount), arena
        )

    async def split(self, wallet: Pubkey, arena: Pubkey, amount: int) -> UnsignedTransaction:
        state = await self._open_arena(arena, "splits")
        return await self._transaction(wallet, instructions.split(state, wallet, amount), arena)

    async def merge(self, wallet: Pubkey, arena: Pubkey, amount: int) -> UnsignedTransaction:
        state = await self._arena(arena)
        return await self._transaction(wallet, instructions.merge(state, wallet, amount), arena)

    async def resolve(
        self, wallet: Pubkey, arena: Pubkey, winning_outcome: int
    ) -> UnsignedTransaction:
        state = await self._open_arena(arena, "resolution")
        _check_resolver(state, wallet)
        _check_outcome(state, winning_outcome, "winning_outcome")
        config = await self._config()
        built = instructions.resolve(state, config, wallet, winning_outcome)
        return await self._transaction(wallet, built, arena)

    async def void(self, wallet: Pubkey, arena: Pubkey) -> UnsignedTransaction:
        state = await self._open_arena(arena, "voiding")
        _check_resolver(state, wallet)
        return await self._transaction(wallet, instructions.void_arena(state, wallet), arena)

    async def claim(self, wallet: Pubkey, arena: Pubkey) -> UnsignedTransaction:
        state = await self._arena(arena)
        if state.status is ArenaStatus.OPEN:
            raise ConflictError(f"arena {state.id} is not settled yet: nothing to claim")
        if await self._account(position_address(arena, wallet)) is None:
            raise ConflictError(
                f"{wallet} has no position in arena {state.id}: nothing to claim",
                field="wallet",
            )
        return await self._transaction(wallet, instructions.claim(state, wallet), arena)

    async def redeem(
        self, wallet: Pubkey, arena: Pubkey, amounts: Sequence[int]
    ) -> UnsignedTransaction:
        state = await self._arena(arena)
        if state.status is ArenaStatus.OPEN:
            raise ConflictError(f"arena {state.id} is not settled yet: tokens redeem after")
        if len(amounts) != state.outcome_count:
            raise InvalidInputError(
                f"give one amount per outcome ({state.outcome_count}), got {len(amounts)}",
                field="amounts",
            )
        return await self._transaction(wallet, instructions.redeem(state, wallet, amounts), arena)


def _check_outcome(arena: ArenaAccount, outcome: int, field: str) -> None:
    if not 0 <= outcome < arena.outcome_count:
        raise InvalidInputError(
            f"arena {arena.id} has outcomes 0 to {arena.outcome_count - 1}, got {outcome}",
            field=field,
        )


def _check_resolver(arena: ArenaAccount, wallet: Pubkey) -> None:
    if wallet != arena.resolver:
        raise ConflictError(
            f"{wallet} is not the resolver of arena {arena.id} ({arena.resolver})",
            field="wallet",
        )
