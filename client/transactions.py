"""Transactions: unsigned ones for a wallet to sign (the dApp path), and sending signed ones.

A dApp builds the instructions for the user's wallet, wraps them with
:func:`unsigned_transaction`, ships :func:`transaction_to_base64` to the browser, and the wallet
signs and sends. The SDK and the CLI sign locally and go through :func:`send_and_confirm`.
Either way, a failure comes back as a :class:`~betfun.client.errors.TransactionError` (a
:class:`~betfun.client.errors.ProgramError` when a program refused), explained from the logs.
"""

from __future__ import annotations

import asyncio
import base64
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import TransactionConfirmationStatus, TransactionStatus

from betfun.client.errors import TransactionError, failure_from_logs

CONFIRM_TIMEOUT_S = 60.0
_POLL_S = 0.1
_CONFIRMED = TransactionConfirmationStatus.Confirmed
_SEND_OPTS = TxOpts(skip_confirmation=True, skip_preflight=False, preflight_commitment=Confirmed)


class _RecentSignatures:
    """The last signatures this process sent, to tell a repeat from a new transaction."""

    def __init__(self, size: int = 4096) -> None:
        self._order: deque[Signature] = deque()
        self._members: set[Signature] = set()
        self._size = size

    def __contains__(self, signature: Signature) -> bool:
        return signature in self._members

    def add(self, signature: Signature) -> None:
        if signature in self._members:
            return
        self._order.append(signature)
        self._members.add(signature)
        if len(self._order) > self._size:
            self._members.discard(self._order.popleft())


_sent = _RecentSignatures()


@dataclass(frozen=True, slots=True)
class ConfirmedTransaction:
    """A transaction that succeeded at commitment "confirmed", with its log lines."""

    signature: Signature
    slot: int
    logs: tuple[str, ...]


def unsigned_transaction(
    instructions: Sequence[Instruction], payer: Pubkey, blockhash: Hash
) -> Transaction:
    """A legacy transaction paid by ``payer``, every signature slot empty."""
    return Transaction.new_unsigned(Message.new_with_blockhash(instructions, payer, blockhash))


def transaction_to_base64(transaction: Transaction) -> str:
    """The wire format, base64: what wallets' ``signTransaction`` accepts."""
    return base64.b64encode(bytes(transaction)).decode()


def transaction_from_base64(text: str) -> Transaction:
    return Transaction.from_bytes(base64.b64decode(text, validate=True))


async def latest_blockhash(connection: AsyncClient) -> Hash:
    return (await connection.get_latest_blockhash(Confirmed)).value.blockhash


async def send_and_confirm(
    connection: AsyncClient,
    instructions: Sequence[Instruction],
    payer: Keypair,
    *signers: Keypair,
) -> ConfirmedTransaction:
    """Sign with ``payer`` (the fee payer) and ``signers``, send, wait for confirmation."""
    transaction = await _signed_anew(connection, instructions, [payer, *signers])
    return await send_signed(connection, transaction)


async def _signed_anew(
    connection: AsyncClient, instructions: Sequence[Instruction], signers: list[Keypair]
) -> Transaction:
    """The instructions signed on a recent blockhash, as a transaction not sent before.

    Signatures are deterministic: the same action repeated (a second identical bet, a claim
    retried to see its error) on the same blockhash is the same transaction, which the
    cluster drops as already processed. Such a repeat waits for the next blockhash instead.
    """
    try:
        async with asyncio.timeout(CONFIRM_TIMEOUT_S):
            while True:
                blockhash = await latest_blockhash(connection)
                transaction = Transaction.new_signed_with_payer(
                    instructions, signers[0].pubkey(), signers, blockhash
                )
                if transaction.signatures[0] not in _sent:
                    return transaction
                await asyncio.sleep(_POLL_S)
    except TimeoutError:
        raise TransactionError(
            f"the cluster's blockhash did not change within {CONFIRM_TIMEOUT_S:.0f} s: "
            "is it producing blocks?"
        ) from None


async def send_signed(
    connection: AsyncClient,
    transaction: Transaction | VersionedTransaction,
    *,
    timeout: float = CONFIRM_TIMEOUT_S,
) -> ConfirmedTransaction:
    """Send a fully signed transaction, legacy or v0, with preflight and wait until it is
    confirmed."""
    _sent.add(transaction.signatures[0])
    try:
        signature = (await connection.send_raw_transaction(bytes(transaction), _SEND_OPTS)).value
    except RPCException as exc:
        raise _refusal(exc) from None
    return await confirm(connection, signature, timeout=timeout)


async def confirm(
    connection: AsyncClient, signature: Signature, *, timeout: float = CONFIRM_TIMEOUT_S
) -> ConfirmedTransaction:
    """Wait until ``signature`` is confirmed; raises the explained error if it failed."""
    try:
        async with asyncio.timeout(timeout):
            status = await _confirmed_status(connection, signature)
    except TimeoutError:
        raise TransactionError(
            f"transaction {signature} was not confirmed within {timeout:.0f} s"
        ) from None
    logs = await _logs(connection, signature)
    if status.err is not None:
        raise failure_from_logs(logs, f"transaction {signature} failed: {status.err}")
    return ConfirmedTransaction(signature=signature, slot=status.slot, logs=logs)


async def _confirmed_status(connection: AsyncClient, signature: Signature) -> TransactionStatus:
    """Poll until the signature reaches "confirmed" (succeeded or failed)."""
    while True:
        status = (await connection.get_signature_statuses([signature])).value[0]
        if (
            status is not None
            and status.confirmation_status is not None
            and int(status.confirmation_status) >= int(_CONFIRMED)
        ):
            return status
        await asyncio.sleep(_POLL_S)


async def _logs(connection: AsyncClient, signature: Signature) -> tuple[str, ...]:
    response = await connection.get_transaction(
        signature, commitment=Confirmed, max_supported_transaction_version=0
    )
    if response.value is None or response.value.transaction.meta is None:
        return ()
    return tuple(response.value.transaction.meta.log_messages or ())


def _refusal(exc: RPCException) -> TransactionError:
    """The error of a transaction the node refused before running it (preflight)."""
    error = exc.args[0] if exc.args else exc
    if isinstance(error, SendTransactionPreflightFailureMessage):
        return failure_from_logs(error.data.logs or [], f"transaction refused: {error.message}")
    message = getattr(error, "message", None) or str(error)
    return TransactionError(f"transaction refused: {message}")
