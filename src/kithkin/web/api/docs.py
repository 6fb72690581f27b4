"""The API's OpenAPI schema (/api/v1/openapi.json) and a docs page rendered on the server
(/api/v1/docs: no scripts from a CDN, which the Content-Security-Policy forbids)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import APIRouter
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.routing import BaseRoute

import kithkin

TITLE = "Kithkin API"
DESCRIPTION = (
    "Your people, interactions, follow-ups, agenda, goals and ledger, for scripts. "
    "Send `Authorization: Bearer <token>` (an API token). The JSON shapes are those of "
    '`kithkin … --json`. Errors are `{"error": message, "field": …}`: 401 without a valid '
    "token, 403 for a browser session without X-CSRF-Token on a change, 404 for a record that "
    "is not yours or not there, 409 for an ambiguous reference or a conflict, 422 for invalid "
    "input."
)
METHODS = ("get", "post", "put", "patch", "delete")

PAGE = """{% extends "base.html" %}
{% block title %}API{% endblock %}
{% macro prose(pieces) %}
  {%- for text, code in pieces -%}
    {%- if code %}<code>{{ text }}</code>{% else %}{{ text }}{% endif -%}
  {%- endfor -%}
{% endmacro %}
{% block main %}
<section class="card">
  <h1>{{ title }} <span class="muted">{{ version }}</span></h1>
  <p>{{ prose(description) }}</p>
  <p>The machine-readable schema: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</section>
{% for endpoint in endpoints %}
<section class="card" id="{{ endpoint.anchor }}">
  <h2><code>{{ endpoint.method }}</code> <code>{{ endpoint.path }}</code></h2>
  <p><strong>{{ endpoint.summary }}</strong></p>
  {% if endpoint.description %}<p class="muted">{{ prose(endpoint.prose) }}</p>{% endif %}
  {% if endpoint.parameters %}
  <table>
    <thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th><th>About</th></tr></thead>
    <tbody>
    {% for p in endpoint.parameters %}
      <tr><td><code>{{ p.name }}</code></td><td>{{ p.where }}</td><td>{{ p.kind }}</td>
      <td>{{ "yes" if p.required else "no" }}</td><td>{{ p.about }}</td></tr>
    {% endfor %}
    </tbody>
  </table>
  {% endif %}
  <p class="muted">Answers: {{ endpoint.statuses | join(", ") }}</p>
</section>
{% endfor %}
{% endblock %}
"""


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # path, query, body, form
    kind: str
    required: bool
    about: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    statuses: tuple[str, ...]

    @property
    def prose(self) -> list[tuple[str, bool]]:
        return code_spans(self.description)

    @property
    def anchor(self) -> str:
        return (self.method + self.path).lower().replace("/", "-").strip("-")


def code_spans(text: str) -> list[tuple[str, bool]]:
    """Markdown-ish text as (text, is_code) pieces: `x` is code. The template escapes both."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(text.split("`")) if piece]


def openapi_schema(routes: Sequence[BaseRoute]) -> dict[str, Any]:
    return get_openapi(
        title=TITLE, version=kithkin.__version__, description=DESCRIPTION, routes=routes
    )


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    found = []
    for path, operations in schema["paths"].items():
        for method in METHODS:
            if method in operations:
                found.append(_endpoint(schema, method, path, operations[method]))
    return found


def _endpoint(schema: dict[str, Any], method: str, path: str, op: dict[str, Any]) -> Endpoint:
    parameters = [
        Parameter(
            p["name"],
            p["in"],
            _type(schema, p.get("schema", {})),
            bool(p.get("required")),
            p.get("description", p.get("schema", {}).get("description", "")),
        )
        for p in op.get("parameters", [])
    ]
    for media, content in op.get("requestBody", {}).get("content", {}).items():
        where = "form" if media.startswith("multipart") else "body"
        body = _resolve(schema, content.get("schema", {}))
        required = set(body.get("required", []))
        for name, field in body.get("properties", {}).items():
            parameters.append(
                Parameter(
                    name,
                    where,
                    _type(schema, field),
                    name in required,
                    field.get("description", ""),
                )
            )
    return Endpoint(
        method.upper(),
        path,
        op.get("summary", ""),
        op.get("description", ""),
        tuple(parameters),
        tuple(sorted(op.get("responses", {}))),
    )


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        return dict(schema.get("components", {}).get("schemas", {}).get(name, {}))
    return node


def _type(schema: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(schema, node)
    if "enum" in node:
        return " | ".join(str(value) for value in node["enum"])
    if "anyOf" in node:
        kinds = [_type(schema, option) for option in node["anyOf"]]
        return " | ".join(kind for kind in kinds if kind != "null") + " | null"
    kind = node.get("type", "object")
    if kind == "array":
        return f"list of {_type(schema, node.get('items', {}))}"
    if node.get("format") in {"date", "binary"}:
        return "file" if node["format"] == "binary" else "date"
    return str(kind)


def docs_router(routes: Sequence[BaseRoute]) -> APIRouter:
    """Routes serving the schema and docs of `routes` (the ones given, as they are then)."""
    router = APIRouter()

    @cache
    def schema() -> dict[str, Any]:
        return openapi_schema(routes)

    @router.get("/openapi.json", include_in_schema=False)
    def openapi() -> JSONResponse:
        return JSONResponse(schema())

    @router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        from kithkin.web.templating import templates

        current = schema()
        html = (
            templates()
            .from_string(PAGE)
            .render(
                csrf_token=None,
                title=TITLE,
                version=current["info"]["version"],
                description=code_spans(DESCRIPTION),
                endpoints=endpoints(current),
            )
        )
        return HTMLResponse(html)

    return router
