"""The framework's ceilings: a bare FastAPI JSON endpoint and a trivial strawberry query,
each served exactly as ``betfun api`` serves its app (uvicorn, uvloop, httptools, one
worker, access log off; see betfun/api/cli.py).

    python bench/api/ceilings.py bare PORT        # GET /ping -> {"ok": true}
    python bench/api/ceilings.py strawberry PORT  # POST /graphql {"query": "{ hello }"}
"""

from __future__ import annotations

import sys

import strawberry
import uvicorn
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


def bare_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    async def ping() -> dict[str, bool]:
        return {"ok": True}

    return app


def strawberry_app() -> FastAPI:
    app = bare_app()
    app.include_router(GraphQLRouter(strawberry.Schema(query=Query)), prefix="/graphql")
    return app


def main() -> None:
    kind, port = sys.argv[1], int(sys.argv[2])
    app = {"bare": bare_app, "strawberry": strawberry_app}[kind]()
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        loop="uvloop",
        http="httptools",
        ws="websockets-sansio",
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
