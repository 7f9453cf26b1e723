"""本机运行 (local server): the page's app, served on 127.0.0.1 and a free port in a thread.

For the browser tests and docs/make_screenshots.py. The app is yingsu.service.create_app()
(which includes this package's router) where the service is installed, else a bare FastAPI
app with the router alone. Never binds any address but 127.0.0.1.
"""
from __future__ import annotations

import socket
import threading
import time

HOST = "127.0.0.1"


def make_app():
    try:
        from ..service import create_app
    except ImportError:
        create_app = None
    if create_app is not None:
        return create_app()
    from fastapi import FastAPI

    from . import router

    app = FastAPI(title="yingsu 行政应诉规则", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(router)
    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class LocalServer:
    """`with LocalServer() as url:` serves the page at url until the block ends."""

    def __init__(self):
        import uvicorn

        from ..service.protocol import protocol_class

        self.port = free_port()
        config = uvicorn.Config(make_app(), host=HOST, port=self.port, log_level="warning", lifespan="off",
                                http=protocol_class())
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the local server did not start")
            time.sleep(0.05)
        return f"http://{HOST}:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
