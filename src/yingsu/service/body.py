"""Request bodies: media type checks (415), size limits read before the body (413), lines."""
from __future__ import annotations

from typing import AsyncIterator

from starlette.requests import ClientDisconnect, Request

from .problems import ProblemError


def media_type(request: Request) -> str | None:
    return media_type_of(request.headers.get("content-type"))


def media_type_of(value: str | None) -> str | None:
    """The media type of a Content-Type value, lower case, without parameters."""
    return value.split(";", 1)[0].strip().lower() if value else None


def require_media_type(request: Request, allowed: tuple[str, ...]) -> str | None:
    """The body's media type, when it is one of `allowed` (or `+json` for JSON, or not given)."""
    return check_media_type(media_type(request), allowed)


def check_media_type(mt: str | None, allowed: tuple[str, ...]) -> str | None:
    if mt is None or mt in allowed or ("application/json" in allowed and mt.endswith("+json")):
        return mt
    raise ProblemError("unsupported_media_type", f"Content-Type {mt} is not accepted here (use {', '.join(allowed)})",
                       headers={"Accept-Post": ", ".join(allowed)})


def too_large(limit: int) -> ProblemError:
    return ProblemError("too_large", f"the body is larger than {limit} bytes (the command line's limit too)")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused (413) as soon as it exceeds `limit`: by Content-Length unread, else while reading."""
    return await read_chunks(request.stream(), request.headers.get("content-length"), limit)


async def read_chunks(chunks: AsyncIterator[bytes], declared: str | None, limit: int) -> bytes:
    """The body from its chunks (ClientDisconnect when the client leaves), with the limit of read_body."""
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    parts, size = [], 0
    try:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            parts.append(chunk)
    except ClientDisconnect:
        raise ProblemError("invalid_request", "the client closed the connection before the body ended") from None
    return parts[0] if len(parts) == 1 else b"".join(parts)


async def stream_lines(request: Request, limit: int) -> AsyncIterator[bytes | None]:
    """The body's lines as they arrive (as `yingsu batch` reads them: a last line without a
    newline counts); None for a line longer than `limit`, which is skipped, never held whole."""
    buf = b""
    skipping = False
    try:
        async for chunk in request.stream():
            buf += chunk
            while True:
                cut = buf.find(b"\n")
                if cut < 0:
                    if len(buf) > limit:  # a line too long: drop what arrived, wait for its end
                        skipping, buf = True, b""
                    break
                line, buf = buf[: cut + 1], buf[cut + 1:]
                if skipping:
                    skipping = False
                    yield None
                elif len(line) > limit + 1:
                    yield None
                else:
                    yield line
    except ClientDisconnect:
        return
    if skipping:
        yield None
    elif buf:
        yield buf if len(buf) <= limit else None
