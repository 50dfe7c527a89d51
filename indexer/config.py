"""The indexer's settings, from the environment (the SDK's for the cluster's endpoints)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from betfun.client.config import Config, ConfigError

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True, slots=True)
class IndexerConfig:
    rpc_url: str
    ws_url: str
    database_url: str
    redis_url: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> IndexerConfig:
        env = os.environ if env is None else env
        cluster = Config.from_env(env)
        database_url = env.get("DATABASE_URL")
        if not database_url:
            raise ConfigError(
                "DATABASE_URL is not set: the indexer needs PostgreSQL "
                "(e.g. postgresql://user@localhost/betfun)"
            )
        return cls(
            rpc_url=cluster.rpc_url,
            ws_url=cluster.ws_url,
            database_url=database_url,
            redis_url=env.get("REDIS_URL") or DEFAULT_REDIS_URL,
        )
