"""The request parameters the routes share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from betfun.api.service.pagination import MAX_PAGE_SIZE
from betfun.api.state import Backends


async def _backends(request: Request) -> Backends:
    # async: FastAPI runs a plain function in its thread pool, a hop per request.
    backends: Backends = request.app.state.backends
    return backends


BackendsDep = Annotated[Backends, Depends(_backends)]
Limit = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"page size, at most {MAX_PAGE_SIZE}")
]
Cursor = Annotated[
    str | None,
    Query(max_length=512, description="the `next_cursor` of the previous page"),
]
