"""How the API reports problems: always JSON `{"error": message, ...}`, never an HTML page.

The app's own error handler renders HTML for the pages, so API routes use `ApiRoute`, which
turns Kithkin's exceptions, request-validation errors and `ApiError` into JSON responses:

    ApiError           its status (401 not signed in, 403 CSRF token missing or wrong)
    InvalidInput       422 {"error": message, "field": field}
    request body/query 422 {"error": message, "field": "body.name", "detail": [...]}
    unreadable body    422 {"error": message, "field": "body"} (bad JSON or multipart)
    NotFound           404 {"error": message}
    Ambiguous          409 {"error": message, "candidates": [...]}
    Conflict           409 {"error": message}
    other KithkinError 400 {"error": message}
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from kithkin.errors import Ambiguous, Conflict, InvalidInput, KithkinError, NotFound


class ErrorBody(BaseModel):
    """Every error the API answers with."""

    error: str
    field: str | None = None


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "No valid API token or session."},
    403: {"model": ErrorBody, "description": "Session without the X-CSRF-Token header."},
    422: {"model": ErrorBody, "description": "Invalid input; `field` says which."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such record (for this account)."},
    409: {"model": ErrorBody, "description": "The reference is ambiguous, or a conflict."},
}


def error_response(error: Exception) -> JSONResponse:
    if isinstance(error, ApiError):
        return JSONResponse({"error": error.message}, error.status, headers=error.headers)
    if isinstance(error, RequestValidationError):
        return _invalid_request(error)
    if isinstance(error, HTTPException):
        if error.status_code == 400:  # FastAPI could not parse the body
            return JSONResponse({"error": str(error.detail), "field": "body"}, 422)
        return JSONResponse({"error": str(error.detail)}, error.status_code, headers=error.headers)
    if isinstance(error, InvalidInput):
        return JSONResponse({"error": error.message, "field": error.field}, 422)
    if isinstance(error, NotFound):
        return JSONResponse({"error": str(error)}, 404)
    if isinstance(error, Ambiguous):
        return JSONResponse({"error": str(error), "candidates": error.candidates}, 409)
    if isinstance(error, Conflict):
        return JSONResponse({"error": str(error)}, 409)
    return JSONResponse({"error": str(error)}, 400)


def _invalid_request(error: RequestValidationError) -> JSONResponse:
    problems = list(error.errors())
    first = problems[0] if problems else {}
    field = ".".join(str(part) for part in first.get("loc", ()))
    message = str(first.get("msg", "invalid request"))
    detail = [
        {"loc": list(p.get("loc", ())), "msg": p.get("msg", ""), "type": p.get("type", "")}
        for p in problems
    ]
    return JSONResponse(
        {"error": f"{field}: {message}" if field else message, "field": field or None}
        | {"detail": jsonable_encoder(detail)},
        422,
    )


class ApiRoute(APIRoute):
    """A route whose errors come back as JSON (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await handle(request)
            except (ApiError, RequestValidationError, HTTPException, KithkinError) as error:
                return error_response(error)

        return handler
