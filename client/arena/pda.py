"""Addresses of the arena program's accounts (program-derived addresses).

Seeds as in programs/arena/src/constants.rs: config ["config"]; arena ["arena", id as u64
little-endian]; vault ["vault", arena]; outcome mint ["outcome", arena, index as u8];
position ["position", arena, owner].
"""

from __future__ import annotations

from solders.pubkey import Pubkey

from betfun.client.arena.program import MAX_OUTCOMES, PROGRAM_ID


def _find(*seeds: bytes) -> Pubkey:
    return Pubkey.find_program_address(list(seeds), PROGRAM_ID)[0]


def config_address() -> Pubkey:
    return _find(b"config")


def arena_address(arena_id: int) -> Pubkey:
    return _find(b"arena", arena_id.to_bytes(8, "little"))


def vault_address(arena: Pubkey) -> Pubkey:
    return _find(b"vault", bytes(arena))


def outcome_mint_address(arena: Pubkey, index: int) -> Pubkey:
    if not 0 <= index < MAX_OUTCOMES:
        raise ValueError(f"outcome index {index} is out of range 0..{MAX_OUTCOMES - 1}")
    return _find(b"outcome", bytes(arena), bytes([index]))


def position_address(arena: Pubkey, owner: Pubkey) -> Pubkey:
    return _find(b"position", bytes(arena), bytes(owner))
