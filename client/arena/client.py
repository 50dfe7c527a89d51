"""``ArenaClient``: the arena program from Python, async end to end.

One client holds an RPC connection and a wallet, which signs and pays for every transaction
it sends; ``with_wallet`` gives another wallet's client on the same connection. Writes read
the state they need fresh from the chain, build the instructions with
:mod:`betfun.client.arena.instructions` (the same builders a dApp uses to get unsigned
transactions), send with preflight, wait for confirmation and return the program's events.
A refusal raises :class:`~betfun.client.errors.ProgramError` with the program's message.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import base58
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import MemcmpOpts
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.sysvar import CLOCK
from solders.transaction import Transaction
from spl.token.instructions import get_associated_token_address

from betfun.client.arena import instructions
from betfun.client.arena.accounts import (
    AccountDecodeError,
    ArenaAccount,
    ArenaStatus,
    ConfigAccount,
    PositionAccount,
)
from betfun.client.arena.events import ArenaEvent, parse_events
from betfun.client.arena.pda import arena_address, config_address, position_address
from betfun.client.arena.program import PROGRAM_ID, coder
from betfun.client.errors import AccountNotFoundError
from betfun.client.tokens import mint_decimals, token_balances
from betfun.client.transactions import (
    ConfirmedTransaction,
    latest_blockhash,
    send_and_confirm,
    send_signed,
    unsigned_transaction,
)

E = TypeVar("E", bound=ArenaEvent)

# An arena by id (what people say) or by address (what other programs and indexers say).
ArenaRef = int | Pubkey


@dataclass(frozen=True, slots=True)
class ArenaTransaction:
    """A confirmed transaction and the arena events it emitted."""

    signature: Signature
    slot: int
    events: tuple[ArenaEvent, ...]

    def event(self, kind: type[E]) -> E:
        """The transaction's one event of type ``kind``."""
        found = [event for event in self.events if isinstance(event, kind)]
        if len(found) != 1:
            raise LookupError(f"expected one {kind.__name__} event, found {len(found)}")
        return found[0]

    @classmethod
    def of(cls, confirmed: ConfirmedTransaction) -> ArenaTransaction:
        return cls(
            signature=confirmed.signature,
            slot=confirmed.slot,
            events=tuple(parse_events(confirmed.logs)),
        )


def _memcmp(offset: int, data: bytes) -> MemcmpOpts:
    return MemcmpOpts(offset=offset, bytes=base58.b58encode(data).decode())


def _discriminator(account: str) -> bytes:
    return coder().accounts.acc_name_to_discriminator[account]


class ArenaClient:
    def __init__(self, connection: AsyncClient, wallet: Keypair) -> None:
        self.connection = connection
        self.wallet = wallet

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, rpc_url: str, wallet: Keypair, *, timeout: float = 30.0
    ) -> AsyncIterator[ArenaClient]:
        """A client on a new connection (commitment "confirmed"), closed on exit."""
        async with AsyncClient(rpc_url, commitment=Confirmed, timeout=timeout) as connection:
            yield cls(connection, wallet)

    def with_wallet(self, wallet: Keypair) -> ArenaClient:
        """The same connection, another signer."""
        return ArenaClient(self.connection, wallet)

    @property
    def address(self) -> Pubkey:
        """The wallet's public key."""
        return self.wallet.pubkey()

    # ----------------------------------------------------------------------------------------
    # Reads
    # ----------------------------------------------------------------------------------------

    async def _account_data(self, address: Pubkey, what: str) -> bytes:
        info = (await self.connection.get_account_info(address, Confirmed)).value
        if info is None:
            raise AccountNotFoundError(f"no {what} at {address}", address)
        if info.owner != PROGRAM_ID:
            raise AccountNotFoundError(f"{address} is not an arena program {what}", address)
        return bytes(info.data)

    async def config(self) -> ConfigAccount:
        """The platform's config; AccountNotFoundError until an admin initializes it."""
        address = config_address()
        try:
            data = await self._account_data(address, "config")
        except AccountNotFoundError:
            raise AccountNotFoundError(
                "the arena program has no config yet: an admin must initialize it "
                "(`betfun arena init-config`)",
                address,
            ) from None
        return ConfigAccount.decode(address, data)

    async def arena(self, arena: ArenaRef) -> ArenaAccount:
        """One arena, by id or address; AccountNotFoundError for an unknown one."""
        address = arena_address(arena) if isinstance(arena, int) else arena
        try:
            data = await self._account_data(address, "arena")
            return ArenaAccount.decode(address, data)
        except AccountNotFoundError:
            what = f"arena {arena}" if isinstance(arena, int) else f"arena at {address}"
            raise AccountNotFoundError(f"no {what}", address) from None
        except AccountDecodeError:
            raise AccountNotFoundError(f"{address} is not an arena", address) from None

    async def arenas(self, status: ArenaStatus | None = None) -> list[ArenaAccount]:
        """Every arena, or those in ``status``, by id."""
        filters = [_memcmp(0, _discriminator("Arena"))]
        if status is not None:
            filters.append(_memcmp(ArenaAccount.STATUS_OFFSET, bytes([status.value])))
        records = (
            await self.connection.get_program_accounts(
                PROGRAM_ID, Confirmed, encoding="base64", filters=filters
            )
        ).value
        arenas = [ArenaAccount.decode(r.pubkey, bytes(r.account.data)) for r in records]
        return sorted(arenas, key=lambda arena: arena.id)

    async def position(
        self, arena: ArenaRef, owner: Pubkey | None = None
    ) -> PositionAccount | None:
        """``owner``'s (default: the wallet's) position in ``arena``; None before any bet."""
        arena_key = arena_address(arena) if isinstance(arena, int) else arena
        address = position_address(arena_key, owner or self.address)
        info = (await self.connection.get_account_info(address, Confirmed)).value
        if info is None:
            return None
        return PositionAccount.decode(address, bytes(info.data))

    async def positions(self, owner: Pubkey | None = None) -> list[PositionAccount]:
        """Every position of ``owner`` (default: the wallet), in any arena."""
        filters = [
            _memcmp(0, _discriminator("Position")),
            _memcmp(PositionAccount.OWNER_OFFSET, bytes(owner or self.address)),
        ]
        records = (
            await self.connection.get_program_accounts(
                PROGRAM_ID, Confirmed, encoding="base64", filters=filters
            )
        ).value
        return [PositionAccount.decode(r.pubkey, bytes(r.account.data)) for r in records]

    async def token_balance(self, mint: Pubkey, owner: Pubkey | None = None) -> int:
        """Base units of ``mint`` in ``owner``'s (default: the wallet's) associated account."""
        account = get_associated_token_address(owner or self.address, mint)
        return (await token_balances(self.connection, [account]))[0]

    async def outcome_balances(
        self, arena: ArenaAccount, owner: Pubkey | None = None
    ) -> tuple[int, ...]:
        """``owner``'s (default: the wallet's) outcome tokens of ``arena``, per outcome."""
        holder = owner or self.address
        accounts = [get_associated_token_address(holder, mint) for mint in arena.outcome_mints]
        return tuple(await token_balances(self.connection, accounts))

    async def mint_decimals(self, mint: Pubkey) -> int:
        return await mint_decimals(self.connection, mint)

    async def cluster_time(self) -> int:
        """The cluster's Clock ``unix_timestamp``: the time the program compares close
        times with (on a localnet, tests move it away from the wall clock)."""
        info = (await self.connection.get_account_info(CLOCK, Confirmed)).value
        if info is None:
            raise AccountNotFoundError("the cluster has no Clock sysvar", CLOCK)
        # Clock: slot u64, epoch_start_timestamp i64, epoch u64, leader_schedule_epoch u64,
        # unix_timestamp i64.
        return int.from_bytes(bytes(info.data)[32:40], "little", signed=True)

    # ----------------------------------------------------------------------------------------
    # Sending
    # ----------------------------------------------------------------------------------------

    async def unsigned_transaction(
        self, payer: Pubkey, instructions: Sequence[Instruction]
    ) -> Transaction:
        """``instructions`` in a transaction for ``payer`` to sign, on a recent blockhash."""
        return unsigned_transaction(instructions, payer, await latest_blockhash(self.connection))

    async def submit(self, transaction: Transaction) -> ArenaTransaction:
        """Send a transaction signed elsewhere (by a wallet) and wait for confirmation."""
        return ArenaTransaction.of(await send_signed(self.connection, transaction))

    async def send(
        self, instructions: Sequence[Instruction], *signers: Keypair
    ) -> ArenaTransaction:
        """Sign with the wallet (fee payer) and ``signers``, send, wait for confirmation."""
        confirmed = await send_and_confirm(self.connection, instructions, self.wallet, *signers)
        return ArenaTransaction.of(confirmed)

    # ----------------------------------------------------------------------------------------
    # Instructions
    # ----------------------------------------------------------------------------------------

    async def initialize_config(
        self, protocol_fee_bps: int, treasury: Pubkey | None = None
    ) -> ArenaTransaction:
        """Creates the config with the wallet as admin; ``treasury`` (default: the wallet)
        receives the protocol fees."""
        return await self.send(
            instructions.initialize_config(self.address, treasury or self.address, protocol_fee_bps)
        )

    async def update_config(
        self,
        *,
        new_admin: Pubkey | None = None,
        treasury: Pubkey | None = None,
        protocol_fee_bps: int | None = None,
        paused: bool | None = None,
    ) -> ArenaTransaction:
        return await self.send(
            instructions.update_config(
                self.address,
                new_admin=new_admin,
                treasury=treasury,
                protocol_fee_bps=protocol_fee_bps,
                paused=paused,
            )
        )

    async def create_arena(
        self,
        *,
        title: str,
        outcomes: Sequence[str],
        close_ts: int,
        collateral_mint: Pubkey,
        category: str = "general",
        creator_fee_bps: int = 0,
        resolver: Pubkey | None = None,
    ) -> ArenaTransaction:
        """Opens an arena created by the wallet; ``resolver`` defaults to the wallet. The
        ``ArenaCreated`` event carries its id and address."""
        config = await self.config()
        return await self.send(
            instructions.create_arena(
                config,
                self.address,
                collateral_mint=collateral_mint,
                title=title,
                category=category,
                outcomes=outcomes,
                close_ts=close_ts,
                creator_fee_bps=creator_fee_bps,
                resolver=resolver or self.address,
            )
        )

    async def place_bet(self, arena: ArenaRef, outcome: int, amount: int) -> ArenaTransaction:
        state = await self.arena(arena)
        return await self.send(instructions.place_bet(state, self.address, outcome, amount))

    async def split(self, arena: ArenaRef, amount: int) -> ArenaTransaction:
        state = await self.arena(arena)
        return await self.send(instructions.split(state, self.address, amount))

    async def merge(self, arena: ArenaRef, amount: int) -> ArenaTransaction:
        state = await self.arena(arena)
        return await self.send(instructions.merge(state, self.address, amount))

    async def resolve(self, arena: ArenaRef, winning_outcome: int) -> ArenaTransaction:
        state, config = await self.arena(arena), await self.config()
        return await self.send(instructions.resolve(state, config, self.address, winning_outcome))

    async def void_arena(self, arena: ArenaRef) -> ArenaTransaction:
        state = await self.arena(arena)
        return await self.send(instructions.void_arena(state, self.address))

    async def claim(self, arena: ArenaRef) -> ArenaTransaction:
        state = await self.arena(arena)
        # Without this check the program answers with Anchor's AccountNotInitialized.
        if await self.position(state.address) is None:
            raise AccountNotFoundError(
                f"{self.address} has no position in arena {state.id}: nothing to claim",
                position_address(state.address, self.address),
            )
        return await self.send(instructions.claim(state, self.address))

    async def redeem(
        self, arena: ArenaRef, amounts: Sequence[int] | None = None
    ) -> ArenaTransaction:
        """Burns ``amounts`` of each outcome token (default: every one the wallet holds)."""
        state = await self.arena(arena)
        if amounts is None:
            amounts = await self.outcome_balances(state)
        return await self.send(instructions.redeem(state, self.address, amounts))
