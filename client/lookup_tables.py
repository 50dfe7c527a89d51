"""Address lookup tables and v0 transactions, for instructions with more accounts than a
legacy transaction can name (a pool's deposit over eight outcomes).

A table is created and extended by its authority, and its addresses become usable in the
slot after the one that added them; :func:`create_lookup_table` waits for that slot.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Sequence

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed, Finalized
from solders.address_lookup_table_account import (
    ID as LOOKUP_TABLE_PROGRAM_ID,
)
from solders.address_lookup_table_account import (
    AddressLookupTableAccount,
    derive_lookup_table_address,
)
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.transaction import Transaction, VersionedTransaction

from betfun.client.transactions import (
    ConfirmedTransaction,
    latest_blockhash,
    send_and_confirm,
    send_signed,
)

# The largest serialized transaction a cluster accepts (IPv6 MTU less headers).
PACKET_DATA_SIZE = 1232
# Addresses per ExtendLookupTable instruction that keep its transaction under the limit.
_EXTEND_BATCH = 20
_POLL_S = 0.1


def fits_legacy(instructions: Sequence[Instruction], payer: Pubkey) -> bool:
    """Whether ``instructions`` fit in one legacy transaction signed by ``payer`` alone."""
    message = Message.new_with_blockhash(instructions, payer, Message.default().recent_blockhash)
    return len(bytes(Transaction.new_unsigned(message))) <= PACKET_DATA_SIZE


def _table_metas(table: Pubkey, authority: Pubkey) -> list[AccountMeta]:
    return [
        AccountMeta(table, is_signer=False, is_writable=True),
        AccountMeta(authority, is_signer=True, is_writable=False),
        AccountMeta(authority, is_signer=True, is_writable=True),
        AccountMeta(SYSTEM_PROGRAM_ID, is_signer=False, is_writable=False),
    ]


async def create_lookup_table(
    connection: AsyncClient, authority: Keypair, addresses: Sequence[Pubkey]
) -> AddressLookupTableAccount:
    """A new table holding ``addresses``, owned and paid for by ``authority``, usable on
    return."""
    # The recent slot must be in the SlotHashes sysvar: a finalized one is.
    recent_slot = (await connection.get_slot(Finalized)).value
    table, bump = derive_lookup_table_address(authority.pubkey(), recent_slot)
    metas = _table_metas(table, authority.pubkey())
    create = Instruction(LOOKUP_TABLE_PROGRAM_ID, struct.pack("<IQB", 0, recent_slot, bump), metas)
    batches = [addresses[i : i + _EXTEND_BATCH] for i in range(0, len(addresses), _EXTEND_BATCH)]
    last_slot = 0
    for index, batch in enumerate(batches):
        data = struct.pack("<IQ", 2, len(batch)) + b"".join(bytes(a) for a in batch)
        extend = Instruction(LOOKUP_TABLE_PROGRAM_ID, data, metas)
        instructions = [create, extend] if index == 0 else [extend]
        last_slot = (await send_and_confirm(connection, instructions, authority)).slot
    while True:
        if (await connection.get_slot(Confirmed)).value > last_slot:
            break
        await asyncio.sleep(_POLL_S)
    return AddressLookupTableAccount(table, list(addresses))


async def send_v0(
    connection: AsyncClient,
    instructions: Sequence[Instruction],
    payer: Keypair,
    tables: Sequence[AddressLookupTableAccount],
) -> ConfirmedTransaction:
    """Sign a v0 transaction naming accounts through ``tables``, send it, confirm it."""
    message = MessageV0.try_compile(
        payer.pubkey(), list(instructions), list(tables), await latest_blockhash(connection)
    )
    return await send_signed(connection, VersionedTransaction(message, [payer]))
