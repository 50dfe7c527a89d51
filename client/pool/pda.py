"""Addresses of the pool program's accounts (program-derived addresses).

Seeds as in programs/pool/src/constants.rs: pool ["pool", arena]; LP mint ["lp_mint", pool];
collateral account ["collateral", pool]; vault of outcome i ["vault", pool, i as u8].
"""

from __future__ import annotations

from solders.pubkey import Pubkey

from betfun.client.pool.program import MAX_OUTCOMES, PROGRAM_ID


def _find(*seeds: bytes) -> Pubkey:
    return Pubkey.find_program_address(list(seeds), PROGRAM_ID)[0]


def pool_address(arena: Pubkey) -> Pubkey:
    return _find(b"pool", bytes(arena))


def lp_mint_address(pool: Pubkey) -> Pubkey:
    return _find(b"lp_mint", bytes(pool))


def collateral_address(pool: Pubkey) -> Pubkey:
    return _find(b"collateral", bytes(pool))


def vault_address(pool: Pubkey, index: int) -> Pubkey:
    if not 0 <= index < MAX_OUTCOMES:
        raise ValueError(f"outcome index {index} is out of range 0..{MAX_OUTCOMES - 1}")
    return _find(b"vault", bytes(pool), bytes([index]))
