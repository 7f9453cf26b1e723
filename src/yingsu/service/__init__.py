"""The HTTP service (应诉规则服务): yingsu's Case → Decision API for case-management systems.

    pip install "yingsu[serve]"
    yingsu serve --port 8000                   # http://127.0.0.1:8000/docs

`create_app()` builds the FastAPI application (stateless: any number of workers or machines
can serve it behind a load balancer). FastAPI and uvicorn are the optional `serve` extra,
imported only here, so the library keeps its four run-time dependencies.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import YingsuError

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI

MISSING_EXTRA = 'the service needs the optional "serve" extra (fastapi, uvicorn): pip install "yingsu[serve]"'


def _require(module: str):
    try:
        return __import__(module)
    except ImportError:
        raise YingsuError(MISSING_EXTRA) from None


def create_app() -> "FastAPI":
    """The service as an ASGI application (FastAPI)."""
    _require("fastapi")
    from .app import build_app

    return build_app()


def create_served_app() -> "FastAPI":
    """The application of a process that only serves it (`yingsu serve` and each of its
    workers): what start-up built is moved out of the garbage collector's scans (gc.freeze),
    since the rules and models live as long as the process and a full collection would
    otherwise walk them all during requests. A library caller's process is left alone."""
    import gc

    app = create_app()
    gc.collect()
    gc.freeze()
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Run the service with uvicorn (blocks until stopped)."""
    _require("fastapi")
    uvicorn = _require("uvicorn")
    from .protocol import protocol_class

    # httptools (C) where installed, with an offered h2c upgrade ignored so that Java's
    # HttpClient, which offers it by default, still has its body read (see .protocol)
    # access lines are INFO, below the log level: access_log=False also spares uvicorn from
    # building their arguments for every request
    options = {"log_level": "warning", "access_log": False, "http": protocol_class()}
    if workers > 1:
        from .workers import REUSE_PORT, run_workers

        if REUSE_PORT:  # a socket per worker: the kernel spreads connections over them
            run_workers("yingsu.service:create_served_app", host, port, workers, options)
            return
        uvicorn.run("yingsu.service:create_served_app", factory=True, host=host, port=port, workers=workers,
                    **options)
    else:
        uvicorn.run(create_served_app(), host=host, port=port, **options)


__all__ = ["MISSING_EXTRA", "create_app", "create_served_app", "serve"]
