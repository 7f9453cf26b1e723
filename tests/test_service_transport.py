"""The service's HTTP transport, over raw loopback sockets: a request that offers an HTTP/2
upgrade (as Java's HttpClient does) is answered as HTTP/1.1 with its body read, whatever its
framing and whatever follows it on the connection; several workers share one port and each
takes connections; a port in use is refused before any worker starts."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service_server import running_server
from yingsu.service.protocol import body_framing

ROOT = Path(__file__).resolve().parents[1]
CASE = (ROOT / "examples" / "xianzhou-government-sued.json").read_bytes()
UPGRADE = b"Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"


@pytest.fixture(scope="module")
def address():
    with running_server() as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)


def _responses(address, payload: bytes, count: int) -> list[tuple[int, bytes]]:
    """Send raw bytes, read `count` responses (status, body) from the same connection."""
    with socket.create_connection(address, timeout=30) as s:
        s.sendall(payload)
        buf = b""
        out = []
        while len(out) < count:
            while b"\r\n\r\n" not in buf:
                chunk = s.recv(65536)
                assert chunk, f"connection closed after {len(out)} responses: {buf[:200]!r}"
                buf += chunk
            head, _, buf = buf.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            status = int(lines[0].split()[1])
            length = next(int(v) for k, _, v in (x.partition(b":") for x in lines[1:]) if k.strip().lower() == b"content-length")
            while len(buf) < length:
                chunk = s.recv(65536)
                assert chunk
                buf += chunk
            out.append((status, buf[:length]))
            buf = buf[length:]
        return out


def _post(body: bytes, extra: bytes = b"", framing: str = "length") -> bytes:
    head = b"POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra
    if framing == "length":
        return head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    half = len(body) // 2
    chunks = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in (body[:half], body[half:]))
    return head + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"


def _is_decision(status_body: tuple[int, bytes]) -> bool:
    status, body = status_body
    return status == 200 and json.loads(body)["city"] == "xianzhou"


def test_an_h2c_offer_with_a_content_length_body_is_answered_with_its_decision(address):
    assert _is_decision(_responses(address, _post(CASE, UPGRADE), 1)[0])


def test_an_h2c_offer_with_a_chunked_body_is_answered_with_its_decision(address):
    assert _is_decision(_responses(address, _post(CASE, UPGRADE, framing="chunked"), 1)[0])


def test_requests_after_an_h2c_offer_on_the_same_connection_are_read_as_usual(address):
    # sent in one write: the offer, a plain request, another offer; three decisions come back
    payload = _post(CASE, UPGRADE) + _post(CASE) + _post(CASE, UPGRADE)
    got = _responses(address, payload, 3)
    assert all(_is_decision(r) for r in got)


def test_an_h2c_offer_whose_body_arrives_in_pieces_is_read_whole(address):
    payload = _post(CASE, UPGRADE)
    with socket.create_connection(address, timeout=30) as s:
        for i in range(0, len(payload), 97):
            s.sendall(payload[i:i + 97])
            time.sleep(0.002)
        data = b""
        while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < 100:
            chunk = s.recv(65536)
            assert chunk
            data += chunk
    assert data.startswith(b"HTTP/1.1 200")


def test_an_h2c_offer_with_a_bad_body_gets_the_usual_problem(address):
    status, body = _responses(address, _post(b'{"city": "xianzhou",', UPGRADE), 1)[0]
    assert status == 400 and json.loads(body)["code"] == "malformed_json"


def test_body_framing_follows_the_clients_header():
    assert body_framing([(b"content-length", b"12")]) == b"content-length: 12"
    assert body_framing([(b"content-length", b"12"), (b"transfer-encoding", b"chunked")]) == b"transfer-encoding: chunked"
    assert body_framing([(b"content-length", b"0")]) is None
    assert body_framing([(b"host", b"x")]) is None


def _server_pid(port: str) -> int:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                args = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in args and port.encode() in args:
                return int(proc.name)
    raise AssertionError(f"no server process on port {port}")


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids += [int(x) for x in (task / "children").read_text().split()]
    return kids


def _settled(readers: dict, timeout: float = 60) -> dict:
    """The workers' CPU ticks once none of them moves for half a second (start-up over)."""
    deadline = time.monotonic() + timeout
    last = {k: f(k) for k, f in readers.items()}
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = {k: f(k) for k, f in readers.items()}
        if now == last:
            return now
        last = now
    raise AssertionError(f"the workers kept busy for {timeout} s with no request: {last}")


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.mark.skipif(not Path("/proc/self/task").exists() or not hasattr(socket, "SO_REUSEPORT"),
                    reason="needs Linux /proc and SO_REUSEPORT")
def test_two_workers_share_the_port_and_each_takes_connections():
    with running_server(workers=2) as url:
        host, port = url.removeprefix("http://").split(":")
        parent = _server_pid(port)
        workers = [k for k in _children(parent) if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]
        assert len(workers) == 2, workers
        before = _settled({k: _cpu_ticks for k in workers})  # both done starting: idle workers use no CPU
        for _ in range(40):  # new connections: the kernel spreads them over the workers' sockets
            assert all(_is_decision(r) for r in _responses((host, int(port)), _post(CASE) * 5, 5))
        busy = [k for k in workers if _cpu_ticks(k) > before[k]]
        assert len(busy) >= 2, f"workers {workers}: only {busy} served"


def test_a_second_server_on_a_port_in_use_is_refused_before_it_starts():
    with running_server(workers=2) as url:
        port = url.rsplit(":", 1)[1]
        for workers in ("2", "1"):
            r = subprocess.run([sys.executable, "-m", "yingsu", "serve", "--port", port, "--workers", workers],
                               capture_output=True, text=True, timeout=60)
            assert r.returncode != 0
            assert "in use" in r.stderr.lower(), r.stderr


def test_an_unexpected_error_on_the_evaluate_path_is_a_logged_500_problem_not_a_traceback(monkeypatch, caplog):
    from fastapi.testclient import TestClient

    from yingsu.service import create_app, evaluate_route

    def broken(case, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(evaluate_route, "decide", broken)
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        r = client.post("/v1/evaluate", content=CASE, headers={"Content-Type": "application/json"})
    assert r.status_code == 500 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "internal_error" and "boom" not in r.text and "Traceback" not in r.text
    assert "internal error on POST /v1/evaluate" in caplog.text


def test_middleware_added_to_the_app_also_sees_the_evaluate_path():
    # the evaluate fast path must never bypass middleware someone adds (authentication, CORS, …)
    from fastapi.testclient import TestClient
    from starlette.middleware.base import BaseHTTPMiddleware

    from yingsu.service import create_app

    seen = []

    async def record(request, call_next):
        seen.append(request.url.path)
        return await call_next(request)

    app = create_app()
    app.add_middleware(BaseHTTPMiddleware, dispatch=record)
    with TestClient(app) as client:
        r = client.post("/v1/evaluate", content=CASE, headers={"Content-Type": "application/json"})
    assert r.status_code == 200 and json.loads(r.content)["city"] == "xianzhou"
    assert seen == ["/v1/evaluate"]
