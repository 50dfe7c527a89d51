"""Configuration from the environment, with the defaults of a local setup."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_RPC_URL = "http://127.0.0.1:8899"
DEFAULT_KEYPAIR = "~/.config/solana/id.json"
DEFAULT_CARGO_TARGET_DIR = "~/.cache/betfun/target"
LOCALNET_BINARY = "betfun-localnet"


class ConfigError(Exception):
    """A setting from the environment is unusable; the message says which and why."""


def ws_url_for(rpc_url: str) -> str:
    """The PubSub URL a Solana validator serves next to ``rpc_url``: scheme ws(s), port + 1."""
    parts = urlsplit(rpc_url)
    if parts.scheme not in ("http", "https") or parts.hostname is None:
        raise ConfigError(f"not an http(s) RPC URL: {rpc_url!r}")
    scheme = "wss" if parts.scheme == "https" else "ws"
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"bad port in RPC URL {rpc_url!r}") from exc
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if port is None else f"{host}:{port + 1}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True, slots=True)
class Config:
    """Settings shared by the CLI and the SDK (``Config.from_env()``)."""

    rpc_url: str
    ws_url: str
    keypair_path: Path
    cargo_target_dir: Path
    localnet_bin: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env
        rpc_url = env.get("BETFUN_RPC_URL") or DEFAULT_RPC_URL
        ws_url = env.get("BETFUN_WS_URL") or ws_url_for(rpc_url)
        keypair = Path(env.get("BETFUN_KEYPAIR") or DEFAULT_KEYPAIR).expanduser()
        target = Path(env.get("CARGO_TARGET_DIR") or DEFAULT_CARGO_TARGET_DIR).expanduser()
        explicit_bin = env.get("BETFUN_LOCALNET_BIN")
        localnet_bin = (
            Path(explicit_bin).expanduser()
            if explicit_bin
            else target / "release" / LOCALNET_BINARY
        )
        return cls(
            rpc_url=rpc_url,
            ws_url=ws_url,
            keypair_path=keypair,
            cargo_target_dir=target,
            localnet_bin=localnet_bin,
        )
