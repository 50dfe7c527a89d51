"""``OrderBookClient``: the order book program from Python, async end to end.

Built like :class:`~betfun.client.arena.ArenaClient`: one client holds an RPC connection and
a wallet that signs and pays; writes read the market fresh, build the instructions with
:mod:`betfun.client.orderbook.instructions` (the builders a dApp uses for unsigned
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
from solders.transaction import Transaction
from spl.token.instructions import get_associated_token_address

from betfun.client.arena.accounts import ArenaAccount, ConfigAccount
from betfun.client.arena.pda import arena_address, config_address
from betfun.client.arena.program import PROGRAM_ID as ARENA_PROGRAM_ID
from betfun.client.errors import AccountNotFoundError
from betfun.client.orderbook import instructions
from betfun.client.orderbook.accounts import (
    AccountDecodeError,
    MarketAccount,
    MarketAuthorityAccount,
    Seat,
)
from betfun.client.orderbook.events import OrderbookEvent, parse_events
from betfun.client.orderbook.instructions import OrderParams
from betfun.client.orderbook.pda import market_authority_address
from betfun.client.orderbook.program import MARKET_SPACE, PROGRAM_ID, coder
from betfun.client.orderbook.units import MarketUnits
from betfun.client.tokens import mint_decimals, token_balances
from betfun.client.transactions import (
    ConfirmedTransaction,
    latest_blockhash,
    send_and_confirm,
    send_signed,
    unsigned_transaction,
)

E = TypeVar("E", bound=OrderbookEvent)

# Offset of the arena in the market account, after the discriminator: memcmp filters on it.
_ARENA_OFFSET = 8


@dataclass(frozen=True, slots=True)
class OrderbookTransaction:
    """A confirmed transaction and the order book events it emitted."""

    signature: Signature
    slot: int
    events: tuple[OrderbookEvent, ...]

    def event(self, kind: type[E]) -> E:
        """The transaction's one event of type ``kind``."""
        found = self.events_of(kind)
        if len(found) != 1:
            raise LookupError(f"expected one {kind.__name__} event, found {len(found)}")
        return found[0]

    def events_of(self, kind: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, kind)]

    @classmethod
    def of(cls, confirmed: ConfirmedTransaction) -> OrderbookTransaction:
        return cls(
            signature=confirmed.signature,
            slot=confirmed.slot,
            events=tuple(parse_events(confirmed.logs)),
        )


# A market by address, or by the (arena, outcome) it trades.
MarketRef = Pubkey | tuple[Pubkey, int]
# An arena by id or address.
ArenaRef = int | Pubkey


class OrderBookClient:
    def __init__(self, connection: AsyncClient, wallet: Keypair) -> None:
        self.connection = connection
        self.wallet = wallet

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, rpc_url: str, wallet: Keypair, *, timeout: float = 30.0
    ) -> AsyncIterator[OrderBookClient]:
        """A client on a new connection (commitment "confirmed"), closed on exit."""
        async with AsyncClient(rpc_url, commitment=Confirmed, timeout=timeout) as connection:
            yield cls(connection, wallet)

    def with_wallet(self, wallet: Keypair) -> OrderBookClient:
        """The same connection, another signer."""
        return OrderBookClient(self.connection, wallet)

    @property
    def address(self) -> Pubkey:
        return self.wallet.pubkey()

    # ----------------------------------------------------------------------------------------
    # Reads
    # ----------------------------------------------------------------------------------------

    async def _account_data(self, address: Pubkey, what: str) -> bytes:
        info = (await self.connection.get_account_info(address, Confirmed)).value
        if info is None:
            raise AccountNotFoundError(f"no {what} at {address}", address)
        if info.owner != PROGRAM_ID:
            raise AccountNotFoundError(f"{address} is not an order book {what}", address)
        return bytes(info.data)

    async def _arena_program_data(self, address: Pubkey, what: str) -> bytes:
        info = (await self.connection.get_account_info(address, Confirmed)).value
        if info is None or info.owner != ARENA_PROGRAM_ID:
            raise AccountNotFoundError(f"no {what} at {address}", address)
        return bytes(info.data)

    async def arena(self, arena: ArenaRef) -> ArenaAccount:
        address = arena_address(arena) if isinstance(arena, int) else arena
        return ArenaAccount.decode(address, await self._arena_program_data(address, "arena"))

    async def arena_config(self) -> ConfigAccount:
        address = config_address()
        return ConfigAccount.decode(address, await self._arena_program_data(address, "config"))

    async def market_address(self, arena: Pubkey, outcome: int) -> Pubkey:
        """The market of ``arena``'s outcome ``outcome``, found through its authority PDA."""
        authority = market_authority_address(arena, outcome)
        try:
            data = await self._account_data(authority, "market authority")
        except AccountNotFoundError:
            raise AccountNotFoundError(
                f"arena {arena} has no market for outcome {outcome}", authority
            ) from None
        return MarketAuthorityAccount.decode(authority, data).market

    async def market(self, market: MarketRef) -> MarketAccount:
        """One market with its book and seats, by address or by (arena, outcome)."""
        address = market if isinstance(market, Pubkey) else await self.market_address(*market)
        data = await self._account_data(address, "market")
        try:
            return MarketAccount.decode(address, data)
        except AccountDecodeError:
            raise AccountNotFoundError(f"{address} is not a market", address) from None

    async def markets(self, arena: Pubkey | None = None) -> list[MarketAccount]:
        """Every market, or those of ``arena``, by outcome."""
        discriminator = coder().accounts.acc_name_to_discriminator["Market"]
        filters = [MemcmpOpts(offset=0, bytes=base58.b58encode(discriminator).decode())]
        if arena is not None:
            filters.append(
                MemcmpOpts(offset=_ARENA_OFFSET, bytes=base58.b58encode(bytes(arena)).decode())
            )
        records = (
            await self.connection.get_program_accounts(
                PROGRAM_ID, Confirmed, encoding="base64", filters=filters
            )
        ).value
        markets = [MarketAccount.decode(r.pubkey, bytes(r.account.data)) for r in records]
        return sorted(markets, key=lambda m: (bytes(m.arena), m.outcome))

    async def units(self, market: MarketAccount) -> MarketUnits:
        """The market's ticks and lots with its mints' decimals, for decimal prices."""
        return MarketUnits(
            tick_size=market.tick_size,
            lot_size=market.lot_size,
            base_decimals=await mint_decimals(self.connection, market.base_mint),
            quote_decimals=await mint_decimals(self.connection, market.quote_mint),
        )

    async def seat(self, market: MarketRef, owner: Pubkey | None = None) -> Seat:
        """``owner``'s (default: the wallet's) balances in ``market``."""
        return (await self.market(market)).seat(owner or self.address)

    async def wallet_balances(
        self, market: MarketAccount, owner: Pubkey | None = None
    ) -> tuple[int, int]:
        """``owner``'s (default: the wallet's) base and quote tokens outside the market."""
        holder = owner or self.address
        accounts = [
            get_associated_token_address(holder, market.base_mint),
            get_associated_token_address(holder, market.quote_mint),
        ]
        base, quote = await token_balances(self.connection, accounts)
        return base, quote

    # ----------------------------------------------------------------------------------------
    # Sending
    # ----------------------------------------------------------------------------------------

    async def unsigned_transaction(
        self, payer: Pubkey, instructions: Sequence[Instruction]
    ) -> Transaction:
        """``instructions`` in a transaction for ``payer`` to sign, on a recent blockhash."""
        return unsigned_transaction(instructions, payer, await latest_blockhash(self.connection))

    async def submit(self, transaction: Transaction) -> OrderbookTransaction:
        """Send a transaction signed elsewhere (by a wallet) and wait for confirmation."""
        return OrderbookTransaction.of(await send_signed(self.connection, transaction))

    async def send(
        self, instructions: Sequence[Instruction], *signers: Keypair
    ) -> OrderbookTransaction:
        """Sign with the wallet (fee payer) and ``signers``, send, wait for confirmation."""
        confirmed = await send_and_confirm(self.connection, instructions, self.wallet, *signers)
        return OrderbookTransaction.of(confirmed)

    # ----------------------------------------------------------------------------------------
    # Instructions
    # ----------------------------------------------------------------------------------------

    async def create_market(
        self,
        arena: ArenaRef,
        outcome: int,
        *,
        tick_size: int,
        lot_size: int,
        maker_fee_bps: int = 0,
        taker_fee_bps: int = 0,
    ) -> OrderbookTransaction:
        """Creates the market of ``arena``'s ``outcome`` (the wallet must be the arena's
        creator or the config's admin): a new account allocated and initialized in one
        transaction. The ``MarketCreated`` event carries its address."""
        state = await self.arena(arena)
        market = Keypair()
        rent = await self.connection.get_minimum_balance_for_rent_exemption(MARKET_SPACE, Confirmed)
        return await self.send(
            instructions.create_market(
                state,
                self.address,
                market.pubkey(),
                outcome=outcome,
                tick_size=tick_size,
                lot_size=lot_size,
                maker_fee_bps=maker_fee_bps,
                taker_fee_bps=taker_fee_bps,
                rent_lamports=rent.value,
            ),
            market,
        )

    async def deposit(
        self, market: MarketRef, base_amount: int = 0, quote_amount: int = 0
    ) -> OrderbookTransaction:
        state = await self.market(market)
        return await self.send(instructions.deposit(state, self.address, base_amount, quote_amount))

    async def withdraw(
        self, market: MarketRef, base_amount: int | None = None, quote_amount: int | None = None
    ) -> OrderbookTransaction:
        """Withdraws free balances; both None (the default) withdraws everything free."""
        state = await self.market(market)
        if base_amount is None and quote_amount is None:
            seat = state.seat(self.address)
            base_amount, quote_amount = seat.base_free, seat.quote_free
        return await self.send(
            instructions.withdraw(state, self.address, base_amount or 0, quote_amount or 0)
        )

    async def place_order(self, market: MarketRef, order: OrderParams) -> OrderbookTransaction:
        """Places any order type; the ``OrderPlaced`` event has its id and what it did, the
        ``OrderFilled`` events its fills."""
        state = await self.market(market)
        return await self.send(instructions.place_order(state, self.address, order))

    async def cancel_order(self, market: Pubkey, order_id: int) -> OrderbookTransaction:
        return await self.send(instructions.cancel_order(market, self.address, order_id))

    async def cancel_order_by_client_id(
        self, market: Pubkey, client_order_id: int
    ) -> OrderbookTransaction:
        return await self.send(
            instructions.cancel_order_by_client_id(market, self.address, client_order_id)
        )

    async def cancel_all_orders(self, market: Pubkey, limit: int = 0) -> OrderbookTransaction:
        return await self.send(instructions.cancel_all_orders(market, self.address, limit))

    async def prune_expired(self, market: Pubkey, limit: int = 0) -> OrderbookTransaction:
        return await self.send(instructions.prune_expired(market, limit))

    async def sweep_fees(self, market: MarketRef) -> OrderbookTransaction:
        """Pays the market's accrued fees to the arena config's treasury."""
        state = await self.market(market)
        config = await self.arena_config()
        return await self.send(instructions.sweep_fees(state, self.address, config.treasury))
