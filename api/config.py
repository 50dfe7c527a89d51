"""The API's settings, from the environment (the SDK's for the cluster's endpoint)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from betfun.client.config import Config, ConfigError
from betfun.indexer.config import DEFAULT_REDIS_URL

DEFAULT_PORT = 8000
DEFAULT_RATE_LIMIT = "1200/60"
DEFAULT_CORS_ORIGINS = "*"


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``requests`` per client in each window of ``window_s`` seconds."""

    requests: int
    window_s: int

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        requests, _, window = text.partition("/")
        try:
            limit = cls(int(requests), int(window))
        except ValueError:
            raise ConfigError(
                f"BETFUN_API_RATE_LIMIT must be REQUESTS/SECONDS (e.g. 1200/60), got {text!r}"
            ) from None
        if limit.requests <= 0 or limit.window_s <= 0:
            raise ConfigError(f"BETFUN_API_RATE_LIMIT must be positive, got {text!r}")
        return limit


@dataclass(frozen=True, slots=True)
class ApiConfig:
    rpc_url: str
    database_url: str
    redis_url: str
    cors_origins: tuple[str, ...]
    rate_limit: RateLimit

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiConfig:
        env = os.environ if env is None else env
        database_url = env.get("DATABASE_URL")
        if not database_url:
            raise ConfigError(
                "DATABASE_URL is not set: the API reads the indexer's PostgreSQL "
                "(e.g. postgresql://user@localhost/betfun)"
            )
        origins = env.get("BETFUN_API_CORS_ORIGINS", DEFAULT_CORS_ORIGINS)
        return cls(
            rpc_url=Config.from_env(env).rpc_url,
            database_url=database_url,
            redis_url=env.get("REDIS_URL") or DEFAULT_REDIS_URL,
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            rate_limit=RateLimit.parse(env.get("BETFUN_API_RATE_LIMIT") or DEFAULT_RATE_LIMIT),
        )
