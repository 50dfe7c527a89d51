"""The service layer's failures; the REST and GraphQL layers turn them into 4xx answers."""

from __future__ import annotations


class ServiceError(Exception):
    """A request the service cannot answer; ``status`` is the HTTP status it maps to."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInputError(ServiceError):
    """A value is malformed or out of range; ``field`` names it."""

    status = 422
    code = "invalid_input"


class NotFoundError(ServiceError):
    status = 404
    code = "not_found"


class ConflictError(ServiceError):
    """The request is well formed but the state forbids it (betting on a settled arena)."""

    status = 409
    code = "conflict"


class UpstreamError(ServiceError):
    """The RPC node failed or could not be reached."""

    status = 502
    code = "upstream_unavailable"
