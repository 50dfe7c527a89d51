"""The localnet's WebSocket PubSub, over a raw ``websockets`` connection.

Each subscription must deliver a notification for a transaction, carrying the slot the
transaction landed in (``context.slot``), as a real validator's notifications do.
"""

from __future__ import annotations

import asyncio
import base64
import json
import struct

import pytest
from solana.rpc.async_api import AsyncClient
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer
from spl.token.constants import TOKEN_PROGRAM_ID

from conftest import (
    SEND_OPTS,
    PubSub,
    confirm,
    create_ata,
    create_mint,
    mint_to_ix,
    send,
    send_and_confirm,
    sign,
)

pytestmark = pytest.mark.integration

SYSTEM = str(SYSTEM_PROGRAM_ID)
TOKEN = str(TOKEN_PROGRAM_ID)
SYSTEM_TRANSFER_LOGS = [f"Program {SYSTEM} invoke [1]", f"Program {SYSTEM} success"]


def sol_transfer(source: Pubkey, dest: Pubkey, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=source, to_pubkey=dest, lamports=lamports))


async def test_account_subscribe(client: AsyncClient, pubsub: PubSub, payer: Keypair) -> None:
    wallet = Keypair().pubkey()
    amount = 3_000_000
    sub = await pubsub.subscribe(
        "accountSubscribe", [str(wallet), {"encoding": "base64", "commitment": "confirmed"}]
    )

    signature = await send_and_confirm(
        client, [sol_transfer(payer.pubkey(), wallet, amount)], payer
    )
    slot = await confirm(client, signature)

    message = await pubsub.notification(sub)
    assert message["jsonrpc"] == "2.0"
    assert message["method"] == "accountNotification"
    assert message["params"]["subscription"] == sub
    result = message["params"]["result"]
    assert result["context"]["slot"] == slot
    value = result["value"]
    assert value["lamports"] == amount
    assert value["owner"] == SYSTEM
    assert value["data"] == ["", "base64"]
    assert value["executable"] is False
    assert value["space"] == 0

    unsubscribed = await pubsub.request("accountUnsubscribe", [sub])
    assert unsubscribed["result"] is True
    await send_and_confirm(client, [sol_transfer(payer.pubkey(), wallet, 1)], payer)
    await pubsub.no_notification(sub, wait=1.0)


async def test_program_subscribe_with_memcmp_filter(
    client: AsyncClient, pubsub: PubSub, payer: Keypair
) -> None:
    owner = Keypair().pubkey()
    mint = await create_mint(client, payer, payer.pubkey())
    ata, _ = await create_ata(client, payer, owner, mint)
    other_mint = await create_mint(client, payer, payer.pubkey())
    other_ata, _ = await create_ata(client, payer, owner, other_mint)

    sub = await pubsub.subscribe(
        "programSubscribe",
        [
            TOKEN,
            {
                "encoding": "base64",
                "commitment": "confirmed",
                "filters": [{"dataSize": 165}, {"memcmp": {"offset": 0, "bytes": str(mint)}}],
            },
        ],
    )
    # Changes to another mint's token account, and to the mints themselves, do not match.
    await send_and_confirm(client, [mint_to_ix(other_mint, other_ata, payer.pubkey(), 5)], payer)
    signature = await send_and_confirm(
        client, [mint_to_ix(mint, ata, payer.pubkey(), 42_000_000)], payer
    )
    slot = await confirm(client, signature)

    message = await pubsub.notification(sub)
    assert message["method"] == "programNotification"
    assert message["params"]["subscription"] == sub
    result = message["params"]["result"]
    assert result["context"]["slot"] == slot
    assert result["value"]["pubkey"] == str(ata)
    account = result["value"]["account"]
    assert account["owner"] == TOKEN
    data, encoding = account["data"]
    assert encoding == "base64"
    raw = base64.b64decode(data)
    assert len(raw) == 165
    assert raw[0:32] == bytes(mint)
    assert raw[32:64] == bytes(owner)
    assert struct.unpack_from("<Q", raw, 64) == (42_000_000,)
    await pubsub.no_notification(sub, wait=1.0)


async def test_logs_subscribe_mentions(client: AsyncClient, pubsub: PubSub, payer: Keypair) -> None:
    wallet = Keypair().pubkey()
    sub = await pubsub.subscribe(
        "logsSubscribe", [{"mentions": [str(wallet)]}, {"commitment": "confirmed"}]
    )
    # A transaction that does not mention the wallet comes first and must not be delivered.
    await send_and_confirm(
        client, [sol_transfer(payer.pubkey(), Keypair().pubkey(), 1_000_000)], payer
    )
    signature = await send_and_confirm(
        client, [sol_transfer(payer.pubkey(), wallet, 1_000_000)], payer
    )
    slot = await confirm(client, signature)

    message = await pubsub.notification(sub)
    assert message["method"] == "logsNotification"
    assert message["params"]["subscription"] == sub
    result = message["params"]["result"]
    assert result["context"]["slot"] == slot
    assert result["value"] == {
        "signature": str(signature),
        "err": None,
        "logs": SYSTEM_TRANSFER_LOGS,
    }
    await pubsub.no_notification(sub, wait=0.5)


async def test_logs_subscribe_all(client: AsyncClient, pubsub: PubSub, payer: Keypair) -> None:
    sub = await pubsub.subscribe("logsSubscribe", ["all", {"commitment": "confirmed"}])
    signature = await send_and_confirm(
        client, [sol_transfer(payer.pubkey(), Keypair().pubkey(), 1_000_000)], payer
    )
    slot = await confirm(client, signature)
    # Other transactions may be delivered too; ours must be among them.
    for _ in range(50):
        result = (await pubsub.notification(sub))["params"]["result"]
        if result["value"]["signature"] == str(signature):
            assert result["context"]["slot"] == slot
            assert result["value"]["logs"] == SYSTEM_TRANSFER_LOGS
            break
    else:
        pytest.fail(f"no logsNotification for {signature}")


async def test_signature_subscribe(client: AsyncClient, pubsub: PubSub, payer: Keypair) -> None:
    transaction = await sign(
        client, [sol_transfer(payer.pubkey(), Keypair().pubkey(), 1_000_000)], payer
    )
    signature = transaction.signatures[0]
    sub = await pubsub.subscribe(
        "signatureSubscribe", [str(signature), {"commitment": "confirmed"}]
    )
    await send(client, transaction)
    slot = await confirm(client, signature)

    message = await pubsub.notification(sub)
    assert message["method"] == "signatureNotification"
    assert message["params"]["subscription"] == sub
    assert message["params"]["result"] == {"context": {"slot": slot}, "value": {"err": None}}
    # A signature subscription ends with its notification.
    await pubsub.no_notification(sub, wait=0.5)


async def test_signature_subscribe_reports_a_failure(
    client: AsyncClient, pubsub: PubSub, payer: Keypair
) -> None:
    poor = Keypair()
    await send_and_confirm(client, [sol_transfer(payer.pubkey(), poor.pubkey(), 1_000_000)], payer)
    # poor pays the fee, but cannot pay 2 SOL: SystemError::ResultWithNegativeLamports (1).
    transaction = await sign(
        client,
        [sol_transfer(poor.pubkey(), Keypair().pubkey(), 2_000_000_000)],
        poor,
    )
    signature = transaction.signatures[0]
    sub = await pubsub.subscribe(
        "signatureSubscribe", [str(signature), {"commitment": "confirmed"}]
    )
    opts = SEND_OPTS._replace(skip_preflight=True)
    await client.send_raw_transaction(bytes(transaction), opts=opts)
    slot = await confirm(client, signature, expect_error=True)

    message = await pubsub.notification(sub)
    assert message["params"]["result"] == {
        "context": {"slot": slot},
        "value": {"err": {"InstructionError": [0, {"Custom": 1}]}},
    }


async def test_slot_subscribe(pubsub: PubSub) -> None:
    sub = await pubsub.subscribe("slotSubscribe")
    first = await pubsub.notification(sub)
    second = await pubsub.notification(sub)
    for message in (first, second):
        assert message["method"] == "slotNotification"
        assert message["params"]["subscription"] == sub
        info = message["params"]["result"]
        assert set(info) == {"parent", "root", "slot"}
        assert info["parent"] < info["slot"]
        assert info["root"] <= info["slot"]
    a, b = first["params"]["result"], second["params"]["result"]
    assert b["slot"] > a["slot"]
    assert b["parent"] >= a["slot"]

    unsubscribed = await pubsub.request("slotUnsubscribe", [sub])
    assert unsubscribed["result"] is True


async def test_subscription_ids_are_distinct(pubsub: PubSub) -> None:
    wallet = str(Keypair().pubkey())
    ids = [
        await pubsub.subscribe("accountSubscribe", [wallet]),
        await pubsub.subscribe("accountSubscribe", [wallet, {"commitment": "processed"}]),
        await pubsub.subscribe("slotSubscribe"),
    ]
    assert len(set(ids)) == 3


async def test_unsubscribe_unknown_id(pubsub: PubSub) -> None:
    reply = await pubsub.request("accountUnsubscribe", [987_654_321])
    assert reply["error"]["code"] == -32602


async def test_malformed_json_is_a_parse_error(pubsub: PubSub) -> None:
    await pubsub.send_raw('{"jsonrpc": "2.0", "id": 1, "method": "slotSub')
    reply = await pubsub.response(None)
    assert reply["error"]["code"] == -32700
    # The connection survives.
    assert isinstance(await pubsub.subscribe("slotSubscribe"), int)


async def test_batch_request_gets_one_array_response(pubsub: PubSub) -> None:
    """JSON-RPC 2.0: a batch is answered by one array of responses."""
    wallet = str(Keypair().pubkey())
    await pubsub.send_raw(
        json.dumps(
            [
                {"jsonrpc": "2.0", "id": "a", "method": "accountSubscribe", "params": [wallet]},
                {"jsonrpc": "2.0", "id": "b", "method": "noSuchMethod"},
            ]
        )
    )
    reply = json.loads(await asyncio.wait_for(pubsub.ws.recv(), 5))
    assert isinstance(reply, list), reply
    by_id = {r["id"]: r for r in reply}
    assert isinstance(by_id["a"]["result"], int)
    assert by_id["b"]["error"]["code"] == -32601


async def test_a_request_without_id_is_carried_out_but_not_answered(pubsub: PubSub) -> None:
    """JSON-RPC 2.0 notifications (no id) get no response; the next request still does."""
    await pubsub.send_raw(json.dumps({"jsonrpc": "2.0", "method": "slotSubscribe"}))
    reply = await pubsub.request("getNothing")
    assert reply["error"]["code"] == -32601
    # Messages arrive in order: an answer to the notification would have come first.
    assert None not in pubsub._responses, pubsub._responses


async def test_unknown_method(pubsub: PubSub) -> None:
    reply = await pubsub.request("blockSubscribeToEverything", [])
    assert reply["error"]["code"] == -32601
    assert reply["error"]["message"] == "Method not found"


async def test_bad_params(pubsub: PubSub) -> None:
    not_a_key = await pubsub.request("accountSubscribe", ["not-a-pubkey"])
    assert not_a_key["error"]["code"] == -32602
    assert not_a_key["error"]["message"]
    no_params = await pubsub.request("accountSubscribe")
    assert no_params["error"]["code"] == -32602
    bad_filter = await pubsub.request(
        "programSubscribe", [TOKEN, {"filters": [{"memcmp": {"offset": 0, "bytes": "0OIl"}}]}]
    )
    assert bad_filter["error"]["code"] == -32602
    bad_signature = await pubsub.request("signatureSubscribe", ["xyz"])
    assert bad_signature["error"]["code"] == -32602
