"""Test collateral for a local validator: a mint whose authority is the caller, and tokens.

A localnet convenience: on a real cluster nobody can mint USDC, so this is for localnet and
test setups, where the caller creates its own test USDC and hands it out to wallets.
"""

from __future__ import annotations

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import MINT_LEN, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    InitializeMintParams,
    MintToParams,
    create_idempotent_associated_token_account,
    get_associated_token_address,
    initialize_mint,
    mint_to,
)

from betfun.client.transactions import confirm, send_and_confirm

TEST_USDC_DECIMALS = 6


async def create_test_mint(
    connection: AsyncClient, authority: Keypair, decimals: int = TEST_USDC_DECIMALS
) -> Pubkey:
    """A new SPL mint with ``authority`` as mint authority (no freeze authority); it pays."""
    mint = Keypair()
    rent = (await connection.get_minimum_balance_for_rent_exemption(MINT_LEN, Confirmed)).value
    instructions = [
        create_account(
            CreateAccountParams(
                from_pubkey=authority.pubkey(),
                to_pubkey=mint.pubkey(),
                lamports=rent,
                space=MINT_LEN,
                owner=TOKEN_PROGRAM_ID,
            )
        ),
        initialize_mint(
            InitializeMintParams(
                decimals=decimals,
                program_id=TOKEN_PROGRAM_ID,
                mint=mint.pubkey(),
                mint_authority=authority.pubkey(),
            )
        ),
    ]
    await send_and_confirm(connection, instructions, authority, mint)
    return mint.pubkey()


async def mint_test_tokens(
    connection: AsyncClient, authority: Keypair, mint: Pubkey, owner: Pubkey, amount: int
) -> Pubkey:
    """Mints ``amount`` base units into ``owner``'s associated token account, created if
    missing (``authority`` signs and pays); that account's address."""
    account = get_associated_token_address(owner, mint)
    instructions = [
        create_idempotent_associated_token_account(authority.pubkey(), owner, mint),
        mint_to(
            MintToParams(
                program_id=TOKEN_PROGRAM_ID,
                mint=mint,
                dest=account,
                mint_authority=authority.pubkey(),
                amount=amount,
            )
        ),
    ]
    await send_and_confirm(connection, instructions, authority)
    return account


async def airdrop_sol(connection: AsyncClient, owner: Pubkey, lamports: int) -> Signature:
    """SOL for fees, through the validator's requestAirdrop (localnet, devnet)."""
    signature = (await connection.request_airdrop(owner, lamports, Confirmed)).value
    await confirm(connection, signature)
    return signature
