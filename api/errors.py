"""Every error the API answers is JSON of one shape:

    {"error": {"code": "invalid_input", "message": "...", "fields": [{"field": "limit",
     "problem": "..."}]}}

``fields`` names what the client sent wrong (``query.limit``, ``body.amount``...), when
something did."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from betfun.api.service.errors import ServiceError

Fields = list[dict[str, str]]


def _payload(code: str, message: str, fields: Fields | None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def error_body(code: str, message: str, fields: Fields | None = None) -> bytes:
    return json.dumps(_payload(code, message, fields)).encode()


def error_response(
    status: int, code: str, message: str, fields: Fields | None = None
) -> JSONResponse:
    return JSONResponse(_payload(code, message, fields), status_code=status)


def location(loc: tuple[Any, ...]) -> str:
    # ("query", "limit") -> "query.limit"; ("body", "amounts", 2) -> "body.amounts[2]"
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [
        {"field": location(tuple(error["loc"])), "problem": error["msg"]} for error in exc.errors()
    ]
    names = ", ".join(f["field"] for f in fields)
    return error_response(422, "invalid_input", f"invalid request: {names}", fields)


async def _service(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    fields = None if exc.field is None else [{"field": exc.field, "problem": exc.message}]
    return error_response(exc.status, exc.code, exc.message, fields)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    response = error_response(exc.status_code, code, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ServiceError, _service)
    app.add_exception_handler(HTTPException, _http)
