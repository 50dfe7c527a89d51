"""/graphql: strawberry's FastAPI router, with errors that carry a code, the HTTP status
of the problem and the argument at fault, and a 4xx answer when the client was wrong."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL
from strawberry.types import ExecutionResult

from betfun.api.graphql.context import Context
from betfun.api.graphql.schema import schema
from betfun.api.service.errors import ServiceError
from betfun.api.state import Backends

log = logging.getLogger(__name__)


def format_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if isinstance(original, ServiceError):
        extensions: dict[str, Any] = {"code": original.code, "status": original.status}
        if original.field is not None:
            extensions["field"] = original.field
        formatted["message"] = original.message
    elif original is None:
        # Syntax and validation: unknown fields, wrong argument types, depth limits.
        extensions = {"code": "invalid_query", "status": 400}
    else:
        log.error("GraphQL resolver failed", exc_info=original)
        formatted["message"] = "internal error"
        extensions = {"code": "internal", "status": 500}
    formatted["extensions"] = {**formatted.get("extensions", {}), **extensions}
    return formatted


class BetfunGraphQLRouter(GraphQLRouter[Context, None]):
    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response: GraphQLHTTPResponse = {"data": result.data}
        if result.errors:
            response["errors"] = [format_error(e) for e in result.errors]
        if result.extensions:
            response["extensions"] = result.extensions
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        results = response_data if isinstance(response_data, list) else [response_data]
        statuses: list[int] = [
            error.get("extensions", {}).get("status", 400)
            for result in results
            for error in cast("list[dict[str, Any]]", result.get("errors") or [])
        ]
        if statuses:
            response.status_code = max(statuses) if max(statuses) >= 500 else min(statuses)
        return response


def graphql_router(backends: Callable[[], Backends]) -> BetfunGraphQLRouter:
    """The router; ``backends()`` gives the process's backends once the app started."""

    async def context() -> Context:
        return Context(backends())

    return BetfunGraphQLRouter(
        schema,
        path="/graphql",
        context_getter=context,
        graphql_ide="graphiql",
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL),
    )
