"""Keypair files in the Solana CLI format: a JSON array of the 64 secret-key bytes."""

from __future__ import annotations

import json
import os
from pathlib import Path

from solders.keypair import Keypair


class KeypairFileError(Exception):
    """The keypair file cannot be read or written; the message names the file."""


def keypair_to_json(keypair: Keypair) -> str:
    """The Solana CLI's file content for ``keypair``."""
    return json.dumps(list(bytes(keypair)))


def load_keypair(path: Path) -> Keypair:
    """Read a keypair written by ``solana-keygen`` (or by :func:`write_keypair`)."""
    try:
        raw = json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise KeypairFileError(f"keypair file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KeypairFileError(f"cannot read keypair file {path}: {exc}") from exc
    if (
        not isinstance(raw, list)
        or len(raw) != 64
        or not all(isinstance(b, int) and 0 <= b <= 255 for b in raw)
    ):
        raise KeypairFileError(
            f"keypair file {path} is not a JSON array of 64 bytes (the Solana CLI format)"
        )
    try:
        return Keypair.from_bytes(bytes(raw))
    except ValueError as exc:
        raise KeypairFileError(f"keypair file {path} holds an invalid keypair: {exc}") from exc


def write_keypair(path: Path, keypair: Keypair) -> None:
    """Write ``keypair`` to a new file readable only by its owner; never overwrite."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise KeypairFileError(f"keypair file {path} already exists") from exc
    except OSError as exc:
        raise KeypairFileError(f"cannot create keypair file {path}: {exc}") from exc
    with os.fdopen(fd, "w") as f:
        f.write(keypair_to_json(keypair))


def load_or_create_keypair(path: Path) -> tuple[Keypair, bool]:
    """The keypair in ``path``, creating a new one there if the file is missing.

    Returns the keypair and whether it was just created.
    """
    if path.exists():
        return load_keypair(path), False
    keypair = Keypair()
    write_keypair(path, keypair)
    return keypair, True
