"""SPL Token reads: balances of token accounts, decimals and supply of mints, from raw data.

Reading the fixed SPL layouts (amount at byte 64 of a token account; supply at byte 36 and
decimals at byte 44 of a mint) takes one getMultipleAccounts for any number of accounts, where
getTokenAccountBalance would take one request per account and fail on accounts that do not
exist yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solders.pubkey import Pubkey
from spl.token.constants import ACCOUNT_LEN, MINT_LEN, TOKEN_PROGRAM_ID

from betfun.client.errors import AccountNotFoundError

_AMOUNT = slice(64, 72)
_SUPPLY = slice(36, 44)
_DECIMALS = 44
# getMultipleAccounts takes at most 100 addresses per request.
_BATCH = 100


async def token_balances(connection: AsyncClient, accounts: Sequence[Pubkey]) -> list[int]:
    """The balance of each token account, in base units; 0 for an account that does not
    exist (yet), as for an associated token account nobody has created."""
    balances: list[int] = []
    for start in range(0, len(accounts), _BATCH):
        batch = list(accounts[start : start + _BATCH])
        infos = (await connection.get_multiple_accounts(batch, Confirmed)).value
        for address, info in zip(batch, infos, strict=True):
            if info is None:
                balances.append(0)
                continue
            if info.owner != TOKEN_PROGRAM_ID or len(info.data) < ACCOUNT_LEN:
                raise ValueError(f"{address} is not an SPL token account")
            balances.append(int.from_bytes(info.data[_AMOUNT], "little"))
    return balances


async def mint_decimals(connection: AsyncClient, mint: Pubkey) -> int:
    info = (await connection.get_account_info(mint, Confirmed)).value
    if info is None:
        raise AccountNotFoundError(f"no token mint {mint}", mint)
    if info.owner != TOKEN_PROGRAM_ID or len(info.data) < MINT_LEN:
        raise ValueError(f"{mint} is not an SPL token mint")
    return info.data[_DECIMALS]


async def mint_supply(connection: AsyncClient, mint: Pubkey) -> int:
    """The tokens of ``mint`` in existence, in base units."""
    info = (await connection.get_account_info(mint, Confirmed)).value
    if info is None:
        raise AccountNotFoundError(f"no token mint {mint}", mint)
    if info.owner != TOKEN_PROGRAM_ID or len(info.data) < MINT_LEN:
        raise ValueError(f"{mint} is not an SPL token mint")
    return int.from_bytes(info.data[_SUPPLY], "little")
