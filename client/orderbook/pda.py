"""Addresses of the order book program's accounts (program-derived addresses).

Seeds as in programs/orderbook/src/constants.rs: market authority ["market", arena, outcome
as u8] (one per arena and outcome; it records the market's address and owns the vaults);
base vault ["base_vault", market]; quote vault ["quote_vault", market]. The market account
itself is an ordinary keypair account that its creator allocates.
"""

from __future__ import annotations

from solders.pubkey import Pubkey

from betfun.client.orderbook.program import PROGRAM_ID


def _find(*seeds: bytes) -> Pubkey:
    return Pubkey.find_program_address(list(seeds), PROGRAM_ID)[0]


def market_authority_address(arena: Pubkey, outcome: int) -> Pubkey:
    if not 0 <= outcome < 256:
        raise ValueError(f"outcome index {outcome} is out of range")
    return _find(b"market", bytes(arena), bytes([outcome]))


def base_vault_address(market: Pubkey) -> Pubkey:
    return _find(b"base_vault", bytes(market))


def quote_vault_address(market: Pubkey) -> Pubkey:
    return _find(b"quote_vault", bytes(market))
