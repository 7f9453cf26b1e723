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
    import tempfile  # only when writing (start-up time)

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


# -- the parse tree of a YAML file (rulesets) ---------------------------------------------


class _Unsupported(Exception):
    """A value the tree encoding does not know: the tree is then not cached."""


def _loader_identity() -> bytes:
    """The source of the YAML reader: a changed reader (another int rule, say) is a new key."""
    from . import yamlsafe

    try:
        with open(yamlsafe.__file__, "rb") as f:
            return f.read()
    except (OSError, TypeError):
        raise _Unsupported from None


def _encode(value: Any) -> Any:
    from datetime import date, datetime

    from .yamlsafe import LineDict, LineList

    return _enc(value, date, datetime, LineDict, LineList)


def _enc(value: Any, date, datetime, LineDict, LineList) -> Any:  # noqa: N803 - the classes, bound once
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return {"i": str(value)}
    if t is float:
        return {"f": repr(value)}
    if t is datetime:
        return {"t": value.isoformat()}
    if t is date:
        return {"d": value.isoformat()}
    if t is LineDict and set(vars(value)) <= {"line", "key_lines"}:
        items = [[_enc(k, date, datetime, LineDict, LineList), _enc(v, date, datetime, LineDict, LineList),
                  value.key_lines.get(k)] for k, v in value.items()]
        return {"m": items, "l": value.line}
    if t is LineList and set(vars(value)) <= {"line", "item_lines"}:
        return {"s": [_enc(v, date, datetime, LineDict, LineList) for v in value], "l": value.line,
                "il": list(value.item_lines)}
    raise _Unsupported(t.__name__)


def _decode(tree: Any) -> Any:
    from datetime import date, datetime

    from .yamlsafe import LineDict, LineList

    def dec(node: Any) -> Any:
        if not isinstance(node, dict):
            if node is None or isinstance(node, (bool, str)):
                return node
            raise _Unsupported("bad entry")
        if "m" in node:
            out = LineDict()
            out.line = node["l"]
            out.key_lines = {}
            for k, v, line in node["m"]:
                key = dec(k)
                out[key] = dec(v)
                out.key_lines[key] = line
            return out
        if "s" in node:
            out = LineList(dec(v) for v in node["s"])
            out.line = node["l"]
            out.item_lines = list(node["il"])
            return out
        if "i" in node:
            return int(node["i"])
        if "f" in node:
            return float(node["f"])
        if "d" in node:
            return date.fromisoformat(node["d"])
        if "t" in node:
            return datetime.fromisoformat(node["t"])
        raise _Unsupported("bad entry")

    return dec(tree)


def load_yaml(text: str, file: str) -> Any:
    """`yamlsafe.load_text(text, file)`, served from the cache when the same text was read by
    the same reader before. Errors are never cached: a text that fails is parsed (and fails)
    every time, with its file and line."""
    from .yamlsafe import load_text

    try:
        k = key("yaml-tree", _loader_identity(), text)
    except _Unsupported:
        return load_text(text, file)
    tree = get("yaml", k)
    if tree is not None:
        try:
            return _decode(tree)
        except (_Unsupported, KeyError, TypeError, ValueError, RecursionError):
            pass  # a damaged entry: parse again
    data = load_text(text, file)
    try:
        put("yaml", k, _encode(data))
    except (_Unsupported, RecursionError):
        pass
    return data
