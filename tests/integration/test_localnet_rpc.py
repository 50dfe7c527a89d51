"""The localnet's HTTP JSON-RPC, checked against the Solana RPC specification.

Clients: solana-py's AsyncClient (what users and anchorpy use) and raw JSON over httpx where the
exact wire shape matters (batches, errors, jsonParsed, headers).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import struct
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import base58
import httpx
import pytest
import pytest_asyncio
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import DataSliceOpts, MemcmpOpts, TokenAccountOpts
from solders.address_lookup_table_account import (
    ID as ADDRESS_LOOKUP_TABLE_PROGRAM_ID,
)
from solders.address_lookup_table_account import (
    AddressLookupTable,
    AddressLookupTableAccount,
    derive_lookup_table_address,
)
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer
from solders.sysvar import CLOCK
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError
from spl.token.constants import ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import TransferCheckedParams, transfer_checked

from betfun.client.keypair import load_keypair

from conftest import (
    FEE_PER_SIGNATURE,
    LAMPORTS_PER_SOL,
    Fund,
    Localnet,
    LocalnetFactory,
    airdrop,
    balance,
    confirm,
    create_ata,
    create_mint,
    latest_blockhash,
    mint_to_ix,
    rpc_raw,
    rpc_result,
    send,
    send_and_confirm,
    sign,
    wait_for_slot_after,
)

pytestmark = pytest.mark.integration

SYSTEM = str(SYSTEM_PROGRAM_ID)
TOKEN = str(TOKEN_PROGRAM_ID)
ATA_PROGRAM = str(ASSOCIATED_TOKEN_PROGRAM_ID)
DECIMALS = 6
MINTED = 1_000_000_000  # 1000 tokens
SENT = 250_000_000  # 250 tokens
# SPL Token's error for a transfer above the balance: TokenError::InsufficientFunds.
INSUFFICIENT_FUNDS = {"InstructionError": [0, {"Custom": 1}]}


def sol_transfer(source: Pubkey, dest: Pubkey, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=source, to_pubkey=dest, lamports=lamports))


def token_transfer(
    source: Pubkey, mint: Pubkey, dest: Pubkey, owner: Pubkey, amount: int
) -> Instruction:
    return transfer_checked(
        TransferCheckedParams(
            program_id=TOKEN_PROGRAM_ID,
            source=source,
            mint=mint,
            dest=dest,
            owner=owner,
            amount=amount,
            decimals=DECIMALS,
        )
    )


def token_account_layout(data: bytes) -> tuple[Pubkey, Pubkey, int]:
    """(mint, owner, amount) from an SPL Token account's 165 bytes."""
    assert len(data) == 165, len(data)
    (amount,) = struct.unpack_from("<Q", data, 64)
    return Pubkey(data[0:32]), Pubkey(data[32:64]), amount


async def get_transaction(
    http: httpx.AsyncClient, signature: Signature, encoding: str = "json"
) -> dict[str, Any]:
    """getTransaction as raw JSON (commitment confirmed, v0 supported); it must exist."""
    result = await rpc_result(
        http,
        "getTransaction",
        [
            str(signature),
            {"encoding": encoding, "commitment": "confirmed", "maxSupportedTransactionVersion": 0},
        ],
    )
    assert result is not None, f"getTransaction({signature}) returned null"
    assert isinstance(result, dict)
    return result


def b64(transaction: Transaction | VersionedTransaction) -> str:
    return base64.b64encode(bytes(transaction)).decode()


# --------------------------------------------------------------------------------------------
# Basics, SOL
# --------------------------------------------------------------------------------------------


async def test_health_version_identity(http: httpx.AsyncClient) -> None:
    assert await rpc_result(http, "getHealth") == "ok"
    version = await rpc_result(http, "getVersion")
    assert isinstance(version["solana-core"], str)
    assert isinstance(version["feature-set"], int)
    identity = await rpc_result(http, "getIdentity")
    assert set(identity) == {"identity"}
    Pubkey.from_string(identity["identity"])


async def test_cluster_queries(http: httpx.AsyncClient) -> None:
    slot = await rpc_result(http, "getSlot", [{"commitment": "processed"}])
    height = await rpc_result(http, "getBlockHeight", [{"commitment": "processed"}])
    epoch = await rpc_result(http, "getEpochInfo", [{"commitment": "processed"}])
    later = await rpc_result(http, "getSlot", [{"commitment": "processed"}])
    assert 0 <= height <= later
    assert slot <= epoch["absoluteSlot"] <= later
    assert 0 <= epoch["slotIndex"] < epoch["slotsInEpoch"]
    assert {"epoch", "blockHeight", "transactionCount"} <= set(epoch)

    genesis = await rpc_result(http, "getGenesisHash")
    assert len(base58.b58decode(genesis)) == 32
    assert await rpc_result(http, "getGenesisHash") == genesis

    latest = await rpc_result(http, "getLatestBlockhash", [{"commitment": "confirmed"}])
    blockhash = latest["value"]["blockhash"]
    assert latest["value"]["lastValidBlockHeight"] > height
    valid = await rpc_result(http, "isBlockhashValid", [blockhash, {"commitment": "confirmed"}])
    assert valid["value"] is True
    unknown = await rpc_result(http, "isBlockhashValid", [str(Hash.new_unique())])
    assert unknown["value"] is False

    fees = await rpc_result(http, "getRecentPrioritizationFees")
    assert isinstance(fees, list)
    for entry in fees:
        assert set(entry) == {"slot", "prioritizationFee"}


async def test_keypair_is_funded_at_start(client: AsyncClient, localnet: Localnet) -> None:
    """--keypair names the user's wallet, which a fresh localnet funds with 500 SOL."""
    wallet = load_keypair(localnet.keypair_path).pubkey()
    assert await balance(client, wallet) == 500 * LAMPORTS_PER_SOL


async def test_airdrop_and_balance(client: AsyncClient) -> None:
    wallet = Keypair().pubkey()
    assert await balance(client, wallet) == 0
    assert (await client.get_account_info(wallet)).value is None

    await airdrop(client, wallet, 2 * LAMPORTS_PER_SOL)

    assert await balance(client, wallet) == 2 * LAMPORTS_PER_SOL
    account = (await client.get_account_info(wallet)).value
    assert account is not None
    assert account.lamports == 2 * LAMPORTS_PER_SOL
    assert account.owner == SYSTEM_PROGRAM_ID
    assert account.data == b""
    assert account.executable is False


async def test_sol_transfer_exact_balances_and_fee(
    client: AsyncClient, http: httpx.AsyncClient, fund: Fund
) -> None:
    sender = await fund(LAMPORTS_PER_SOL)
    receiver = Keypair().pubkey()
    amount = 123_456_789

    signature = await send_and_confirm(
        client, [sol_transfer(sender.pubkey(), receiver, amount)], sender
    )

    assert await balance(client, sender.pubkey()) == LAMPORTS_PER_SOL - amount - FEE_PER_SIGNATURE
    assert await balance(client, receiver) == amount
    tx = await get_transaction(http, signature)
    meta = tx["meta"]
    assert meta["err"] is None
    assert meta["status"] == {"Ok": None}
    assert meta["fee"] == FEE_PER_SIGNATURE
    assert tx["transaction"]["message"]["accountKeys"][:2] == [str(sender.pubkey()), str(receiver)]
    assert meta["preBalances"][:2] == [LAMPORTS_PER_SOL, 0]
    assert meta["postBalances"][:2] == [LAMPORTS_PER_SOL - amount - FEE_PER_SIGNATURE, amount]
    assert meta["logMessages"] == [
        f"Program {SYSTEM} invoke [1]",
        f"Program {SYSTEM} success",
    ]
    assert meta["innerInstructions"] == []
    assert tx["version"] == "legacy"
    assert tx["transaction"]["signatures"] == [str(signature)]


async def test_fee_is_per_signature(client: AsyncClient, fund: Fund) -> None:
    fee_payer = await fund(LAMPORTS_PER_SOL)
    sender = await fund(LAMPORTS_PER_SOL)
    receiver = Keypair().pubkey()
    amount = 5_000_000
    blockhash = await latest_blockhash(client)
    message = Message.new_with_blockhash(
        [sol_transfer(sender.pubkey(), receiver, amount)], fee_payer.pubkey(), blockhash
    )
    assert (await client.get_fee_for_message(message)).value == 2 * FEE_PER_SIGNATURE

    transaction = Transaction([fee_payer, sender], message, blockhash)
    await confirm(client, await send(client, transaction))

    assert await balance(client, fee_payer.pubkey()) == LAMPORTS_PER_SOL - 2 * FEE_PER_SIGNATURE
    assert await balance(client, sender.pubkey()) == LAMPORTS_PER_SOL - amount
    assert await balance(client, receiver) == amount


async def test_get_transaction_base64_is_the_sent_transaction(
    client: AsyncClient, http: httpx.AsyncClient, payer: Keypair
) -> None:
    transaction = await sign(
        client, [sol_transfer(payer.pubkey(), Keypair().pubkey(), 1_000_000)], payer
    )
    signature = await send(client, transaction)
    slot = await confirm(client, signature)

    tx = await get_transaction(http, signature, "base64")
    assert tx["slot"] == slot
    assert tx["transaction"] == [b64(transaction), "base64"]
    assert isinstance(tx["blockTime"], int)
    assert abs(tx["blockTime"] - time.time()) < 60

    # The same through solana-py's typed decoding.
    typed = (
        await client.get_transaction(
            signature, encoding="base64", commitment=Confirmed, max_supported_transaction_version=0
        )
    ).value
    assert typed is not None
    assert typed.slot == slot
    decoded = typed.transaction.transaction
    assert isinstance(decoded, VersionedTransaction)
    assert bytes(decoded) == bytes(VersionedTransaction.from_legacy(transaction))


async def test_get_transaction_json_parsed_decodes_known_programs(
    client: AsyncClient, http: httpx.AsyncClient, payer: Keypair
) -> None:
    """web3.js's getParsedTransaction and indexers read this shape."""
    receiver = Keypair().pubkey()
    transaction = await sign(client, [sol_transfer(payer.pubkey(), receiver, 4_321)], payer)
    signature = await send(client, transaction)
    await confirm(client, signature)

    tx = await get_transaction(http, signature, "jsonParsed")
    message = tx["transaction"]["message"]
    assert message["accountKeys"][0] == {
        "pubkey": str(payer.pubkey()),
        "signer": True,
        "writable": True,
        "source": "transaction",
    }
    assert message["instructions"] == [
        {
            "program": "system",
            "programId": "11111111111111111111111111111111",
            "parsed": {
                "type": "transfer",
                "info": {
                    "source": str(payer.pubkey()),
                    "destination": str(receiver),
                    "lamports": 4_321,
                },
            },
            "stackHeight": 1,
        }
    ]
    assert tx["meta"]["fee"] == FEE_PER_SIGNATURE


async def test_get_transaction_unknown_signature_is_null(http: httpx.AsyncClient) -> None:
    unknown = str(Keypair().sign_message(b"never sent"))
    result = await rpc_result(
        http, "getTransaction", [unknown, {"encoding": "json", "commitment": "confirmed"}]
    )
    assert result is None
    statuses = await rpc_result(http, "getSignatureStatuses", [[unknown]])
    assert statuses["value"] == [None]


async def test_get_signatures_for_address_limit_before_until(
    client: AsyncClient, http: httpx.AsyncClient, payer: Keypair
) -> None:
    receiver = Keypair().pubkey()
    sigs: list[Signature] = []
    slots: list[int] = []
    for n in range(1, 4):
        sig = await send_and_confirm(
            client, [sol_transfer(payer.pubkey(), receiver, n * 1_000_000)], payer
        )
        sigs.append(sig)
        slots.append(await confirm(client, sig))
    s1, s2, s3 = sigs

    async def query(**options: Any) -> list[dict[str, Any]]:
        config = {"commitment": "confirmed", **options}
        result = await rpc_result(http, "getSignaturesForAddress", [str(receiver), config])
        assert isinstance(result, list)
        return result

    everything = await query()
    assert [e["signature"] for e in everything] == [str(s3), str(s2), str(s1)]
    for entry, slot in zip(everything, reversed(slots), strict=True):
        assert entry["slot"] == slot
        assert entry["err"] is None
        assert entry["memo"] is None
        assert isinstance(entry["blockTime"], int)
        assert entry["confirmationStatus"] in ("confirmed", "finalized")

    assert [e["signature"] for e in await query(limit=2)] == [str(s3), str(s2)]
    assert [e["signature"] for e in await query(before=str(s3))] == [str(s2), str(s1)]
    assert [e["signature"] for e in await query(until=str(s1))] == [str(s3), str(s2)]
    assert [e["signature"] for e in await query(before=str(s3), until=str(s1))] == [str(s2)]
    assert [e["signature"] for e in await query(before=str(s2), limit=1)] == [str(s1)]

    # solana-py agrees.
    typed = (await client.get_signatures_for_address(receiver, before=s3, limit=1)).value
    assert [t.signature for t in typed] == [s2]


# --------------------------------------------------------------------------------------------
# SPL Token
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenWorld:
    """A mint (authority: the payer) with 1000 tokens minted to A, who sent 250 to B."""

    payer: Keypair
    mint: Pubkey
    owner_a: Keypair
    ata_a: Pubkey
    owner_b: Keypair
    ata_b: Pubkey
    create_b_signature: Signature
    transfer_signature: Signature


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def token_world(localnet: Localnet, payer: Keypair) -> AsyncIterator[TokenWorld]:
    async with AsyncClient(localnet.rpc_url, commitment=Confirmed, timeout=30) as client:
        mint = await create_mint(client, payer, payer.pubkey(), DECIMALS)
        owner_a, owner_b = Keypair(), Keypair()
        ata_a, _ = await create_ata(client, payer, owner_a.pubkey(), mint)
        ata_b, create_b = await create_ata(client, payer, owner_b.pubkey(), mint)
        await send_and_confirm(client, [mint_to_ix(mint, ata_a, payer.pubkey(), MINTED)], payer)
        sent = await send_and_confirm(
            client,
            [token_transfer(ata_a, mint, ata_b, owner_a.pubkey(), SENT)],
            payer,
            owner_a,
        )
        yield TokenWorld(payer, mint, owner_a, ata_a, owner_b, ata_b, create_b, sent)


async def test_token_balances_and_supply(client: AsyncClient, token_world: TokenWorld) -> None:
    a = (await client.get_token_account_balance(token_world.ata_a)).value
    assert (a.amount, a.decimals, a.ui_amount_string) == ("750000000", DECIMALS, "750")
    b = (await client.get_token_account_balance(token_world.ata_b)).value
    assert (b.amount, b.decimals, b.ui_amount_string) == ("250000000", DECIMALS, "250")
    supply = (await client.get_token_supply(token_world.mint)).value
    assert (supply.amount, supply.decimals, supply.ui_amount_string) == (
        "1000000000",
        DECIMALS,
        "1000",
    )


async def test_token_accounts_by_owner(
    client: AsyncClient, http: httpx.AsyncClient, token_world: TokenWorld
) -> None:
    w = token_world
    by_mint = (
        await client.get_token_accounts_by_owner(w.owner_b.pubkey(), TokenAccountOpts(mint=w.mint))
    ).value
    by_program = (
        await client.get_token_accounts_by_owner(
            w.owner_b.pubkey(), TokenAccountOpts(program_id=TOKEN_PROGRAM_ID)
        )
    ).value
    for found in (by_mint, by_program):
        assert [k.pubkey for k in found] == [w.ata_b]
        assert found[0].account.owner == TOKEN_PROGRAM_ID
        assert token_account_layout(found[0].account.data) == (w.mint, w.owner_b.pubkey(), SENT)

    parsed = await rpc_result(
        http,
        "getTokenAccountsByOwner",
        [str(w.owner_b.pubkey()), {"mint": str(w.mint)}, {"encoding": "jsonParsed"}],
    )
    assert isinstance(parsed["context"]["slot"], int)
    [entry] = parsed["value"]
    assert entry["pubkey"] == str(w.ata_b)
    assert entry["account"]["owner"] == TOKEN
    assert entry["account"]["data"] == {
        "program": "spl-token",
        "parsed": {
            "type": "account",
            "info": {
                "isNative": False,
                "mint": str(w.mint),
                "owner": str(w.owner_b.pubkey()),
                "state": "initialized",
                "tokenAmount": {
                    "amount": "250000000",
                    "decimals": DECIMALS,
                    "uiAmount": 250.0,
                    "uiAmountString": "250",
                },
            },
        },
        "space": 165,
    }
    nobody = await rpc_result(
        http, "getTokenAccountsByOwner", [str(Keypair().pubkey()), {"mint": str(w.mint)}]
    )
    assert nobody["value"] == []


async def test_mint_account_json_parsed(http: httpx.AsyncClient, token_world: TokenWorld) -> None:
    result = await rpc_result(
        http, "getAccountInfo", [str(token_world.mint), {"encoding": "jsonParsed"}]
    )
    account = result["value"]
    assert account["owner"] == TOKEN
    assert account["space"] == 82
    assert account["data"] == {
        "program": "spl-token",
        "parsed": {
            "type": "mint",
            "info": {
                "decimals": DECIMALS,
                "freezeAuthority": None,
                "isInitialized": True,
                "mintAuthority": str(token_world.payer.pubkey()),
                "supply": "1000000000",
            },
        },
        "space": 82,
    }


async def test_get_program_accounts_filters(client: AsyncClient, token_world: TokenWorld) -> None:
    w = token_world
    by_mint = (
        await client.get_program_accounts(
            TOKEN_PROGRAM_ID, encoding="base64", filters=[165, MemcmpOpts(0, str(w.mint))]
        )
    ).value
    assert {k.pubkey for k in by_mint} == {w.ata_a, w.ata_b}
    amounts = {k.pubkey: token_account_layout(k.account.data)[2] for k in by_mint}
    assert amounts == {w.ata_a: MINTED - SENT, w.ata_b: SENT}

    by_mint_and_owner = (
        await client.get_program_accounts(
            TOKEN_PROGRAM_ID,
            encoding="base64",
            filters=[165, MemcmpOpts(0, str(w.mint)), MemcmpOpts(32, str(w.owner_b.pubkey()))],
        )
    ).value
    assert [k.pubkey for k in by_mint_and_owner] == [w.ata_b]

    # The mint itself is 82 bytes: dataSize 165 excludes it, dataSize 82 finds it by authority
    # (COption<Pubkey> mint_authority: a 4-byte tag, then the key).
    mints = (
        await client.get_program_accounts(
            TOKEN_PROGRAM_ID,
            encoding="base64",
            filters=[82, MemcmpOpts(4, str(w.payer.pubkey()))],
        )
    ).value
    assert w.mint in {k.pubkey for k in mints}
    assert all(len(k.account.data) == 82 for k in mints)

    nothing = (
        await client.get_program_accounts(
            TOKEN_PROGRAM_ID,
            encoding="base64",
            filters=[165, MemcmpOpts(0, str(Keypair().pubkey()))],
        )
    ).value
    assert nothing == []

    sliced = (
        await client.get_program_accounts(
            TOKEN_PROGRAM_ID,
            encoding="base64",
            data_slice=DataSliceOpts(offset=64, length=8),
            filters=[165, MemcmpOpts(0, str(w.mint))],
        )
    ).value
    assert {k.pubkey: k.account.data for k in sliced} == {
        w.ata_a: (MINTED - SENT).to_bytes(8, "little"),
        w.ata_b: SENT.to_bytes(8, "little"),
    }


async def test_batch_request_with_get_multiple_accounts(
    http: httpx.AsyncClient, token_world: TokenWorld
) -> None:
    w = token_world
    missing = Keypair().pubkey()
    batch = [
        {
            "jsonrpc": "2.0",
            "id": "accounts",
            "method": "getMultipleAccounts",
            "params": [
                [str(w.ata_a), str(missing), str(w.ata_b)],
                {"encoding": "base64", "commitment": "confirmed"},
            ],
        },
        {
            "jsonrpc": "2.0",
            "id": 7,
            "method": "getTokenAccountBalance",
            "params": [str(w.ata_b)],
        },
        {"jsonrpc": "2.0", "id": 8, "method": "noSuchMethod", "params": []},
    ]
    response = await http.post("", json=batch)
    assert response.status_code == 200
    replies = response.json()
    assert isinstance(replies, list)
    by_id = {r["id"]: r for r in replies}
    assert set(by_id) == {"accounts", 7, 8}

    value = by_id["accounts"]["result"]["value"]
    assert isinstance(by_id["accounts"]["result"]["context"]["slot"], int)
    assert len(value) == 3
    assert value[1] is None
    for account, (pubkey, amount) in (
        (value[0], (w.ata_a, MINTED - SENT)),
        (value[2], (w.ata_b, SENT)),
    ):
        assert account["owner"] == TOKEN
        assert account["executable"] is False
        data, encoding = account["data"]
        assert encoding == "base64"
        mint, owner, held = token_account_layout(base64.b64decode(data))
        assert (mint, held) == (w.mint, amount)
        expected_owner = w.owner_a if pubkey == w.ata_a else w.owner_b
        assert owner == expected_owner.pubkey()

    assert by_id[7]["result"]["value"]["amount"] == "250000000"
    assert by_id[8]["error"]["code"] == -32601


async def test_simulate_failing_transfer_shows_the_error_in_logs(
    client: AsyncClient, token_world: TokenWorld
) -> None:
    w = token_world
    too_much = SENT + 1
    transaction = await sign(
        client,
        [token_transfer(w.ata_b, w.mint, w.ata_a, w.owner_b.pubkey(), too_much)],
        w.payer,
        w.owner_b,
    )
    result = (await client.simulate_transaction(transaction, sig_verify=True)).value

    assert isinstance(result.err, TransactionErrorInstructionError)
    assert result.err.index == 0
    assert result.err.err == InstructionErrorCustom(1)
    logs = result.logs
    assert logs is not None
    assert logs[0] == f"Program {TOKEN} invoke [1]"
    assert logs[1] == "Program log: Instruction: TransferChecked"
    assert logs[2] == "Program log: Error: insufficient funds"
    assert re.fullmatch(rf"Program {TOKEN} consumed \d+ of \d+ compute units", logs[3]), logs
    assert logs[4] == f"Program {TOKEN} failed: custom program error: 0x1"
    assert len(logs) == 5
    assert result.units_consumed is not None
    assert result.units_consumed > 0

    # Nothing happened.
    b = (await client.get_token_account_balance(w.ata_b)).value
    assert b.amount == str(SENT)
    statuses = (await client.get_signature_statuses([transaction.signatures[0]])).value
    assert statuses == [None]


async def test_simulate_raw_options(
    http: httpx.AsyncClient, client: AsyncClient, payer: Keypair
) -> None:
    """sigVerify rejects a bad signature; replaceRecentBlockhash accepts a stale blockhash."""
    receiver = Keypair().pubkey()
    transaction = await sign(client, [sol_transfer(payer.pubkey(), receiver, 1_000_000)], payer)
    raw = bytearray(bytes(transaction))
    raw[1] ^= 0xFF  # corrupt the first signature (after the 1-byte signature count)
    corrupted = base64.b64encode(bytes(raw)).decode()

    verified = await rpc_raw(
        http, "simulateTransaction", [corrupted, {"encoding": "base64", "sigVerify": True}]
    )
    assert "error" in verified, verified
    assert verified["error"]["code"] == -32003  # signature verification failure

    unverified = await rpc_result(
        http, "simulateTransaction", [corrupted, {"encoding": "base64", "sigVerify": False}]
    )
    assert unverified["value"]["err"] is None
    assert unverified["value"]["logs"] == [
        f"Program {SYSTEM} invoke [1]",
        f"Program {SYSTEM} success",
    ]

    stale = Transaction.new_signed_with_payer(
        [sol_transfer(payer.pubkey(), receiver, 1_000_000)],
        payer.pubkey(),
        [payer],
        Hash.new_unique(),  # a blockhash the validator never produced
    )
    rejected = await rpc_result(http, "simulateTransaction", [b64(stale), {"encoding": "base64"}])
    assert rejected["value"]["err"] == "BlockhashNotFound"
    replaced = await rpc_result(
        http,
        "simulateTransaction",
        [b64(stale), {"encoding": "base64", "sigVerify": False, "replaceRecentBlockhash": True}],
    )
    assert replaced["value"]["err"] is None
    assert isinstance(replaced["value"]["replacementBlockhash"]["blockhash"], str)
    assert await balance(client, receiver) == 0


async def test_send_with_preflight_failure_answers_32002_with_logs(
    client: AsyncClient, http: httpx.AsyncClient, token_world: TokenWorld
) -> None:
    w = token_world
    before = await balance(client, w.payer.pubkey())
    transaction = await sign(
        client,
        [token_transfer(w.ata_b, w.mint, w.ata_a, w.owner_b.pubkey(), SENT + 1)],
        w.payer,
        w.owner_b,
    )
    reply = await rpc_raw(
        http,
        "sendTransaction",
        [b64(transaction), {"encoding": "base64", "preflightCommitment": "confirmed"}],
    )
    error = reply["error"]
    assert error["code"] == -32002
    assert error["message"] == (
        "Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1"
    )
    assert error["data"]["err"] == INSUFFICIENT_FUNDS
    assert "Program log: Error: insufficient funds" in error["data"]["logs"]
    assert error["data"]["logs"][-1] == f"Program {TOKEN} failed: custom program error: 0x1"

    # solana-py surfaces the same as a typed preflight failure.
    with pytest.raises(RPCException) as raised:
        await send(client, transaction)
    failure = raised.value.args[0]
    assert isinstance(failure, SendTransactionPreflightFailureMessage)
    assert failure.data.logs is not None
    assert "Program log: Error: insufficient funds" in failure.data.logs

    # A failed preflight is not a transaction: no fee, no status.
    assert (await client.get_signature_statuses([transaction.signatures[0]])).value == [None]
    assert await balance(client, w.payer.pubkey()) == before


async def test_skip_preflight_failure_lands_and_pays_the_fee(
    client: AsyncClient, http: httpx.AsyncClient, token_world: TokenWorld, fund: Fund
) -> None:
    w = token_world
    fee_payer = await fund(LAMPORTS_PER_SOL)
    transaction = await sign(
        client,
        [token_transfer(w.ata_b, w.mint, w.ata_a, w.owner_b.pubkey(), SENT + 1)],
        fee_payer,
        w.owner_b,
    )
    signature = await rpc_result(
        http, "sendTransaction", [b64(transaction), {"encoding": "base64", "skipPreflight": True}]
    )
    assert signature == str(transaction.signatures[0])
    await confirm(client, transaction.signatures[0], expect_error=True)

    tx = await get_transaction(http, transaction.signatures[0])
    assert tx["meta"]["err"] == INSUFFICIENT_FUNDS
    assert tx["meta"]["status"] == {"Err": INSUFFICIENT_FUNDS}
    assert tx["meta"]["fee"] == 2 * FEE_PER_SIGNATURE
    assert "Program log: Error: insufficient funds" in tx["meta"]["logMessages"]
    assert await balance(client, fee_payer.pubkey()) == LAMPORTS_PER_SOL - 2 * FEE_PER_SIGNATURE
    b = (await client.get_token_account_balance(w.ata_b)).value
    assert b.amount == str(SENT)


async def test_get_transaction_inner_instructions_of_ata_create(
    http: httpx.AsyncClient, token_world: TokenWorld
) -> None:
    w = token_world
    tx = await get_transaction(http, w.create_b_signature)
    meta = tx["meta"]
    keys = tx["transaction"]["message"]["accountKeys"]
    assert meta["err"] is None
    assert meta["fee"] == FEE_PER_SIGNATURE

    [inner] = meta["innerInstructions"]
    assert inner["index"] == 0
    programs = [keys[ix["programIdIndex"]] for ix in inner["instructions"]]
    # GetAccountDataSize, CreateAccount, InitializeImmutableOwner, InitializeAccount3
    assert programs == [TOKEN, SYSTEM, TOKEN, TOKEN]
    assert all(ix["stackHeight"] == 2 for ix in inner["instructions"])

    logs = meta["logMessages"]
    assert logs[0] == f"Program {ATA_PROGRAM} invoke [1]"
    assert logs[1] == "Program log: Create"
    assert f"Program {TOKEN} invoke [2]" in logs
    assert f"Program {SYSTEM} invoke [2]" in logs
    assert logs[-1] == f"Program {ATA_PROGRAM} success"

    ata_index = keys.index(str(w.ata_b))
    assert meta["preTokenBalances"] == []
    [post] = meta["postTokenBalances"]
    assert post["accountIndex"] == ata_index
    assert post["mint"] == str(w.mint)
    assert post["owner"] == str(w.owner_b.pubkey())
    assert post["programId"] == TOKEN
    assert post["uiTokenAmount"]["amount"] == "0"
    assert post["uiTokenAmount"]["decimals"] == DECIMALS
    # The payer paid the rent of the new 165-byte account and the fee.
    payer_index = keys.index(str(w.payer.pubkey()))
    assert payer_index == 0
    rent = await rpc_result(http, "getMinimumBalanceForRentExemption", [165])
    assert meta["preBalances"][ata_index] == 0
    assert meta["postBalances"][ata_index] == rent
    assert meta["preBalances"][0] - meta["postBalances"][0] == rent + FEE_PER_SIGNATURE


async def test_get_transaction_token_balances_of_a_transfer(
    http: httpx.AsyncClient, token_world: TokenWorld
) -> None:
    w = token_world
    tx = await get_transaction(http, w.transfer_signature)
    keys = tx["transaction"]["message"]["accountKeys"]
    meta = tx["meta"]

    def amounts(balances: list[dict[str, Any]]) -> dict[str, tuple[str, str, str]]:
        return {
            keys[b["accountIndex"]]: (b["mint"], b["owner"], b["uiTokenAmount"]["amount"])
            for b in balances
        }

    a, b, mint = str(w.ata_a), str(w.ata_b), str(w.mint)
    oa, ob = str(w.owner_a.pubkey()), str(w.owner_b.pubkey())
    assert amounts(meta["preTokenBalances"]) == {a: (mint, oa, str(MINTED)), b: (mint, ob, "0")}
    assert amounts(meta["postTokenBalances"]) == {
        a: (mint, oa, str(MINTED - SENT)),
        b: (mint, ob, str(SENT)),
    }
    assert meta["logMessages"][:2] == [
        f"Program {TOKEN} invoke [1]",
        "Program log: Instruction: TransferChecked",
    ]
    assert meta["logMessages"][-1] == f"Program {TOKEN} success"
    assert meta["innerInstructions"] == []
    # two signatures: the payer and owner A
    assert meta["fee"] == 2 * FEE_PER_SIGNATURE


# --------------------------------------------------------------------------------------------
# Versioned transactions and address lookup tables
# --------------------------------------------------------------------------------------------


def create_lookup_table_ix(
    authority: Pubkey, payer: Pubkey, recent_slot: int
) -> tuple[Instruction, Pubkey]:
    """AddressLookupTable CreateLookupTable (bincode: u32 tag 0, u64 recent slot, u8 bump)."""
    table, bump = derive_lookup_table_address(authority, recent_slot)
    data = struct.pack("<IQB", 0, recent_slot, bump)
    accounts = [
        AccountMeta(table, is_signer=False, is_writable=True),
        AccountMeta(authority, is_signer=True, is_writable=False),
        AccountMeta(payer, is_signer=True, is_writable=True),
        AccountMeta(SYSTEM_PROGRAM_ID, is_signer=False, is_writable=False),
    ]
    return Instruction(ADDRESS_LOOKUP_TABLE_PROGRAM_ID, data, accounts), table


def extend_lookup_table_ix(
    table: Pubkey, authority: Pubkey, payer: Pubkey, addresses: list[Pubkey]
) -> Instruction:
    """AddressLookupTable ExtendLookupTable (u32 tag 2, u64 count, the addresses)."""
    data = struct.pack("<IQ", 2, len(addresses)) + b"".join(bytes(a) for a in addresses)
    accounts = [
        AccountMeta(table, is_signer=False, is_writable=True),
        AccountMeta(authority, is_signer=True, is_writable=False),
        AccountMeta(payer, is_signer=True, is_writable=True),
        AccountMeta(SYSTEM_PROGRAM_ID, is_signer=False, is_writable=False),
    ]
    return Instruction(ADDRESS_LOOKUP_TABLE_PROGRAM_ID, data, accounts)


async def test_v0_transaction_with_address_lookup_table(
    client: AsyncClient, http: httpx.AsyncClient, fund: Fund
) -> None:
    owner = await fund(LAMPORTS_PER_SOL)
    recipient = Keypair().pubkey()
    # The recent slot must be in the SlotHashes sysvar: take a finalized one.
    recent_slot = await rpc_result(http, "getSlot", [{"commitment": "finalized"}])
    await wait_for_slot_after(client, recent_slot)
    create, table = create_lookup_table_ix(owner.pubkey(), owner.pubkey(), recent_slot)
    extend = extend_lookup_table_ix(table, owner.pubkey(), owner.pubkey(), [recipient])
    extended_slot = await confirm(client, await send_and_confirm(client, [create, extend], owner))

    raw = (await client.get_account_info(table)).value
    assert raw is not None
    assert raw.owner == ADDRESS_LOOKUP_TABLE_PROGRAM_ID
    lookup = AddressLookupTable.deserialize(raw.data)
    assert list(lookup.addresses) == [recipient]
    assert lookup.meta.authority == owner.pubkey()
    assert lookup.meta.last_extended_slot == extended_slot

    # Addresses become usable in the slot after the one that added them.
    await wait_for_slot_after(client, extended_slot)
    amount = 7_777_777
    message = MessageV0.try_compile(
        owner.pubkey(),
        [sol_transfer(owner.pubkey(), recipient, amount)],
        [AddressLookupTableAccount(table, [recipient])],
        await latest_blockhash(client),
    )
    assert recipient not in message.account_keys
    [lookup_used] = message.address_table_lookups
    assert (lookup_used.account_key, bytes(lookup_used.writable_indexes)) == (table, bytes([0]))
    transaction = VersionedTransaction(message, [owner])
    before = await balance(client, owner.pubkey())
    signature = await send(client, transaction)
    await confirm(client, signature)

    assert await balance(client, recipient) == amount
    assert await balance(client, owner.pubkey()) == before - amount - FEE_PER_SIGNATURE
    tx = await get_transaction(http, signature)
    assert tx["version"] == 0
    assert tx["meta"]["err"] is None
    assert tx["meta"]["loadedAddresses"] == {"writable": [str(recipient)], "readonly": []}
    lookups = tx["transaction"]["message"]["addressTableLookups"]
    assert lookups == [{"accountKey": str(table), "writableIndexes": [0], "readonlyIndexes": []}]
    assert tx["transaction"]["message"]["accountKeys"] == [str(owner.pubkey()), SYSTEM]
    # balances cover the static keys, then the loaded ones
    assert tx["meta"]["postBalances"][2] == amount

    # A client that does not declare v0 support gets the standard error.
    legacy_only = await rpc_raw(
        http, "getTransaction", [str(signature), {"encoding": "json", "commitment": "confirmed"}]
    )
    assert legacy_only["error"]["code"] == -32015


# --------------------------------------------------------------------------------------------
# Protocol errors, headers
# --------------------------------------------------------------------------------------------


async def test_malformed_json_is_a_parse_error(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "",
        content=b'{"jsonrpc": "2.0", "id": 1, "method": ',
        headers={"content-type": "application/json"},
    )
    reply = response.json()
    assert reply["jsonrpc"] == "2.0"
    assert reply["error"]["code"] == -32700
    assert reply["error"]["message"]
    assert reply["id"] is None
    # and the server still answers
    assert await rpc_result(http, "getHealth") == "ok"


async def test_unknown_method(http: httpx.AsyncClient) -> None:
    reply = await rpc_raw(http, "getEverything", [])
    assert reply["error"]["code"] == -32601
    assert reply["error"]["message"] == "Method not found"


async def test_bad_params(http: httpx.AsyncClient) -> None:
    not_a_key = await rpc_raw(http, "getBalance", ["not-a-pubkey"])
    assert not_a_key["error"]["code"] == -32602
    assert not_a_key["error"]["message"]
    missing = await rpc_raw(http, "getBalance", [])
    assert missing["error"]["code"] == -32602
    wrong_type = await rpc_raw(http, "getMinimumBalanceForRentExemption", ["lots"])
    assert wrong_type["error"]["code"] == -32602
    bad_encoding = await rpc_raw(
        http, "getAccountInfo", [str(SYSTEM_PROGRAM_ID), {"encoding": "klingon"}]
    )
    assert bad_encoding["error"]["code"] == -32602


async def test_invalid_request(http: httpx.AsyncClient) -> None:
    response = await http.post("", json={"jsonrpc": "2.0", "id": 3})
    assert response.json()["error"]["code"] == -32600
    response = await http.post("", json=[])
    body = response.json()
    assert body["error"]["code"] == -32600


async def test_hostile_requests_get_errors_and_the_server_survives(
    http: httpx.AsyncClient, localnet: Localnet
) -> None:
    """Nothing a client sends crashes the server; bad parameters answer -32602."""
    wallet = str(Keypair().pubkey())
    bad_params: list[tuple[str, list[Any]]] = [
        ("sendTransaction", ["!!!", {"encoding": "base64"}]),
        ("sendTransaction", [base64.b64encode(b"\x01" * 10).decode(), {"encoding": "base64"}]),
        ("simulateTransaction", [base64.b64encode(bytes(300)).decode(), {"encoding": "base64"}]),
        ("getSignaturesForAddress", [wallet, {"limit": 0}]),
        ("getSignaturesForAddress", [wallet, {"limit": 1001}]),
        ("getMultipleAccounts", [[wallet] * 101]),
        ("getSignatureStatuses", [[str(Signature.default())] * 257]),
        ("getTransaction", ["abc"]),
        ("requestAirdrop", [wallet, -1]),
        ("requestAirdrop", [wallet, 1.5]),
        ("getFeeForMessage", ["AAAA"]),
        ("isBlockhashValid", ["xyz"]),
        ("getMinimumBalanceForRentExemption", [2**64 - 1]),
    ]
    for method, params in bad_params:
        reply = await rpc_raw(http, method, params)
        assert "error" in reply, (method, params, reply)
        assert reply["error"]["code"] == -32602, (method, params, reply)
        assert reply["error"]["message"], (method, params, reply)
    for body in (b"", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000):
        response = await http.post("", content=body, headers={"content-type": "application/json"})
        assert response.json()["error"]["code"] == -32700
    junk_batch = (await http.post("", json=[1, "x", None])).json()
    assert [r["error"]["code"] for r in junk_batch] == [-32600, -32600, -32600]
    assert await rpc_result(http, "getHealth") == "ok"
    localnet.check_alive()
    assert "panicked" not in localnet.output(), localnet.output()


async def test_gzip_content_encoding_header_on_an_uncompressed_body(
    http: httpx.AsyncClient, payer: Keypair
) -> None:
    body = json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "getBalance", "params": [str(payer.pubkey())]}
    ).encode()
    assert body[:2] != gzip.compress(b"")[:2]
    response = await http.post(
        "", content=body, headers={"content-type": "application/json", "content-encoding": "gzip"}
    )
    assert response.status_code == 200
    reply = response.json()
    assert reply["id"] == 1
    assert isinstance(reply["result"]["value"], int)
    assert reply["result"]["value"] > 0


# --------------------------------------------------------------------------------------------
# Clock
# --------------------------------------------------------------------------------------------


async def read_clock(http: httpx.AsyncClient) -> tuple[int, int]:
    """(slot, unix_timestamp) from the Clock sysvar's account data."""
    result = await rpc_result(
        http, "getAccountInfo", [str(CLOCK), {"encoding": "base64", "commitment": "confirmed"}]
    )
    data = base64.b64decode(result["value"]["data"][0])
    assert len(data) == 40
    slot, _epoch_start, _epoch, _leader_epoch, unix_timestamp = struct.unpack("<QqQQq", data)
    return slot, unix_timestamp


async def test_clock_follows_wall_time_and_set_clock_moves_it(
    client: AsyncClient, http: httpx.AsyncClient
) -> None:
    slot, unix_timestamp = await read_clock(http)
    assert abs(unix_timestamp - time.time()) <= 5
    assert abs(slot - (await client.get_slot()).value) <= 5

    target = int(time.time()) + 30 * 86400
    state = await rpc_result(http, "localnet_setClock", [{"unixTimestamp": target}])
    assert set(state) == {"slot", "unixTimestamp"}
    assert target <= state["unixTimestamp"] <= target + 1
    _, moved = await read_clock(http)
    assert target <= moved <= target + 5

    # It keeps following wall time from there.
    await wait_for_slot_after(client, (await client.get_slot()).value + 5)
    _, later = await read_clock(http)
    assert moved <= later <= target + 10

    # The clock never goes backwards.
    backwards = await rpc_raw(http, "localnet_setClock", [{"unixTimestamp": target - 3600}])
    assert backwards["error"]["code"] == -32602
    _, still = await read_clock(http)
    assert still >= later

    # Nor beyond what clients' date types hold.
    year_10000 = await rpc_raw(http, "localnet_setClock", [{"unixTimestamp": 253_402_300_800}])
    assert year_10000["error"]["code"] == -32602
    assert "9999" in year_10000["error"]["message"]
    far_slot = await rpc_raw(http, "localnet_setClock", [{"slot": 2**64 - 1}])
    assert far_slot["error"]["code"] == -32602


# --------------------------------------------------------------------------------------------
# Persistence
# --------------------------------------------------------------------------------------------


async def test_restart_with_the_same_ledger_keeps_state(
    localnet_factory: LocalnetFactory, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger"
    wallet = Keypair().pubkey()
    amount = 1_234_567_890

    first = localnet_factory(ledger)
    async with AsyncClient(first.rpc_url, commitment=Confirmed, timeout=30) as client:
        signature = await airdrop(client, wallet, amount)
        slot = await confirm(client, signature)
        last_slot = (await client.get_slot()).value
    assert first.stop() == 0, first.output()

    second = localnet_factory(ledger)
    async with (
        AsyncClient(second.rpc_url, commitment=Confirmed, timeout=30) as client,
        httpx.AsyncClient(base_url=second.rpc_url, timeout=30) as http,
    ):
        assert await balance(client, wallet) == amount
        tx = await get_transaction(http, signature)
        assert tx["slot"] == slot
        assert tx["meta"]["err"] is None
        history = await rpc_result(http, "getSignaturesForAddress", [str(wallet)])
        assert [h["signature"] for h in history] == [str(signature)]
        assert (await client.get_slot()).value >= last_slot
    assert second.stop() == 0, second.output()

    third = localnet_factory(ledger, reset=True)
    async with (
        AsyncClient(third.rpc_url, commitment=Confirmed, timeout=30) as client,
        httpx.AsyncClient(base_url=third.rpc_url, timeout=30) as http,
    ):
        assert await balance(client, wallet) == 0
        result = await rpc_result(
            http,
            "getTransaction",
            [str(signature), {"encoding": "json", "commitment": "confirmed"}],
        )
        assert result is None


async def test_base58_memcmp_bytes_are_validated(http: httpx.AsyncClient) -> None:
    reply = await rpc_raw(
        http,
        "getProgramAccounts",
        [TOKEN, {"encoding": "base64", "filters": [{"memcmp": {"offset": 0, "bytes": "0OIl"}}]}],
    )
    assert reply["error"]["code"] == -32602
    ok = await rpc_result(
        http,
        "getProgramAccounts",
        [
            TOKEN,
            {
                "encoding": "base64",
                "filters": [
                    {"dataSize": 165},
                    {"memcmp": {"offset": 0, "bytes": base58.b58encode(bytes(32)).decode()}},
                ],
            },
        ],
    )
    assert ok == []
