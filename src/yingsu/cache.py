"""An on-disk cache of derived data (缓存), so that a fresh process starts fast.

What is cached is plain JSON (never pickle: nothing in it can run), keyed by a hash of
everything the value is derived from, and validated again when read: a missing, stale,
unreadable or malformed entry is simply recomputed. Two things use it:

- the `holidays` package's days per year (keyed by its version), so that a process whose
  years are cached never imports `holidays` (≈ 0.4 s with its country registry);
- the parse tree of a ruleset's YAML with its line numbers (keyed by the file's bytes and
  the loader's source), so that a ruleset is not re-parsed by the pure-Python YAML reader.
  Every check of the ruleset still runs on the tree (conditions, quotes, ...): only the
  parsing is saved.

The cache lives in `$YINGSU_CACHE_DIR`, else `$XDG_CACHE_HOME/yingsu`, else `~/.cache/yingsu`;
`YINGSU_CACHE_DIR=off` turns it off. It is a cache: deleting it is always safe.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when the shape of an entry changes
ENV = "YINGSU_CACHE_DIR"
MAX_ENTRY_BYTES = 32 * 1024 * 1024


def cache_dir() -> Path | None:
    env = os.environ.get(ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "yingsu"


def key(*parts: str | bytes) -> str:
    h = hashlib.sha256(f"yingsu-cache-{FORMAT}".encode())
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


def get(kind: str, k: str) -> Any | None:
    """The JSON value stored under (kind, k), or None."""
    d = cache_dir()
    if d is None:
        return None
    path = d / f"{kind}-{k}.json"
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ENTRY_BYTES + 1)
        if len(data) > MAX_ENTRY_BYTES:
            return None
        entry = json.loads(data)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != k or "value" not in entry:
        return None
    return entry["value"]


def put(kind: str, k: str, value: Any) -> None:
    """Store `value` (JSON) under (kind, k); any failure is ignored (it is only a cache)."""
    d = cache_dir()
    if d is None:
        return
    try:
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = json.dumps({"key": k, "value": value}, ensure_ascii=False, separators=(",", ":")).encode()
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, d / f"{kind}-{k}.json")
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, ValueError, TypeError, RecursionError):
        pass
