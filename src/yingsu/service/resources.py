"""The offline API docs page (接口说明): HTML and a small script from the package, rendering
/openapi.json in the browser. Nothing loads from outside (no CDN): government intranets
have no internet."""
from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.responses import Response

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"


def _asset(name: str) -> bytes:
    return (resources.files(__package__) / "static" / name).read_bytes()


def add_docs(app: FastAPI) -> None:
    types = {"docs.html": "text/html; charset=utf-8", "docs.js": "text/javascript; charset=utf-8",
             "docs.css": "text/css; charset=utf-8"}

    @app.get("/docs", include_in_schema=False)
    async def docs_page() -> Response:
        return Response(_asset("docs.html"), media_type=types["docs.html"], headers={"Content-Security-Policy": CSP})

    @app.get("/docs/{name}", include_in_schema=False)
    async def docs_asset(name: str) -> Response:
        if name not in types or name == "docs.html":
            from .problems import ProblemError

            raise ProblemError("not_found", f"no docs asset {name!r}")
        return Response(_asset(name), media_type=types[name], headers={"Content-Security-Policy": CSP})
