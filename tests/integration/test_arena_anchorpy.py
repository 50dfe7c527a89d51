"""An arena created on the localnet and read back with anchorpy from the committed IDL.

This proves the whole native path from a plain client's point of view: an Anchor program
hosted by the bridge, CPI into the real SPL Token program, its event in the transaction's
logs, and its accounts decoded from idl/arena.json.
"""

from __future__ import annotations

import time
from pathlib import Path

import base58
from anchorpy import Context, EventParser, Idl, Program, Provider, Wallet
from anchorpy.program.event import Event
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import MemcmpOpts, TxOpts
from solders.instruction import AccountMeta
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_PROGRAM_ID

from conftest import confirm, create_mint

IDL_PATH = Path(__file__).resolve().parents[2] / "idl" / "arena.json"
# The offset of Arena.status: discriminator, id, then four pubkeys (see state/arena.rs).
ARENA_STATUS_OFFSET = 8 + 8 + 32 * 4
OPTS = TxOpts(skip_confirmation=True, skip_preflight=False, preflight_commitment=Confirmed)


def arena_program(client: AsyncClient, payer: Keypair) -> Program:
    idl = Idl.from_json(IDL_PATH.read_text())
    assert idl.address is not None, f"{IDL_PATH} names no program address"
    program_id = Pubkey.from_string(idl.address)
    return Program(idl, program_id, Provider(client, Wallet(payer), OPTS))


def pda(program: Program, *seeds: bytes) -> Pubkey:
    return Pubkey.find_program_address(list(seeds), program.program_id)[0]


async def ensure_config(program: Program, admin: Keypair) -> Pubkey:
    """The config PDA, initialized by ``admin`` unless an earlier test already did."""
    config = pda(program, b"config")
    client = program.provider.connection
    if (await client.get_account_info(config)).value is None:
        signature = await program.rpc["initialize_config"](
            200,
            ctx=Context(
                accounts={
                    "admin": admin.pubkey(),
                    "config": config,
                    "treasury": Keypair().pubkey(),
                    "system_program": SYSTEM_PROGRAM_ID,
                },
                signers=[admin],
            ),
        )
        await confirm(client, signature)
    return config


async def test_an_arena_is_created_and_decoded_with_anchorpy(
    client: AsyncClient, payer: Keypair
) -> None:
    program = arena_program(client, payer)
    config_address = await ensure_config(program, payer)
    arena_id = (await program.account["Config"].fetch(config_address)).arena_count
    collateral = await create_mint(client, payer, payer.pubkey(), decimals=6)
    arena_address = pda(program, b"arena", arena_id.to_bytes(8, "little"))
    vault = pda(program, b"vault", bytes(arena_address))
    labels = ["Red", "Green", "Blue"]
    outcome_mints = [pda(program, b"outcome", bytes(arena_address), bytes([i])) for i in range(3)]
    resolver = Keypair().pubkey()
    close_ts = int(time.time()) + 3600

    # A dict rather than program.type["CreateArenaArgs"]: anchorpy encodes a dataclass
    # argument through dataclasses.asdict, which deep-copies and cannot copy a solders Pubkey.
    args = {
        "title": "Which colour wins the derby?",
        "category": "sports",
        "outcomes": labels,
        "close_ts": close_ts,
        "creator_fee_bps": 150,
        "resolver": resolver,
    }
    signature = await (
        program.methods["create_arena"]
        .args([args])
        .accounts(
            {
                "creator": payer.pubkey(),
                "config": config_address,
                "arena": arena_address,
                "collateral_mint": collateral,
                "vault": vault,
                "token_program": TOKEN_PROGRAM_ID,
                "system_program": SYSTEM_PROGRAM_ID,
            }
        )
        .remaining_accounts(
            [AccountMeta(mint, is_signer=False, is_writable=True) for mint in outcome_mints]
        )
        .rpc(OPTS)
    )
    await confirm(client, signature)

    arena = await program.account["Arena"].fetch(arena_address)
    assert arena.id == arena_id
    assert arena.creator == payer.pubkey()
    assert arena.resolver == resolver
    assert arena.collateral_mint == collateral
    assert arena.vault == vault
    assert arena.title == "Which colour wins the derby?"
    assert arena.outcomes == labels
    assert arena.outcome_count == 3
    assert arena.close_ts == close_ts
    assert arena.creator_fee_bps == 150
    assert arena.protocol_fee_bps == 200
    assert type(arena.status).__name__ == "Open"
    assert list(arena.outcome_mints[:3]) == outcome_mints
    assert list(arena.pots) == [0] * 8
    assert (await program.account["Config"].fetch(config_address)).arena_count == arena_id + 1

    # The event, parsed by anchorpy from the logs that getTransaction returns.
    transaction = await client.get_transaction(signature, max_supported_transaction_version=0)
    assert transaction.value is not None
    assert transaction.value.transaction.meta is not None
    logs = transaction.value.transaction.meta.log_messages or []
    events: list[Event] = []
    EventParser(program.program_id, program.coder).parse_logs(logs, events.append)
    assert [event.name for event in events] == ["ArenaCreated"]
    created = events[0].data
    assert created.arena == arena_address
    assert created.arena_id == arena_id
    assert created.outcomes == labels
    assert list(created.outcome_mints) == outcome_mints

    # The open arenas, found with a memcmp filter at the status offset.
    open_arenas = await program.account["Arena"].all(
        filters=[
            MemcmpOpts(offset=ARENA_STATUS_OFFSET, bytes=base58.b58encode(bytes([0])).decode())
        ]
    )
    assert arena_address in {record.public_key for record in open_arenas}
