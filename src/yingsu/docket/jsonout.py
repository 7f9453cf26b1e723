"""The Docket JSON, streamed (清单 JSON 流式输出): each case written as soon as it is decided.

The same object as ``Docket.model_dump(mode="json")`` (the same keys and values; `cases`
comes second, right after `today`, because the figures and the agenda need every case first),
so a docket of any size is written without holding its decisions.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Callable, Sequence, TextIO

from .case_json import CaseJson, model_json
from .evaluate import DocketRun, Progress, run_docket
from .models import DocketCase, DocketEntry


_CHUNK = 1 << 20  # bytes of JSON held before they are written


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


class _Sink:
    """The JSON as UTF-8 bytes, written a megabyte at a time: straight to the output's buffer
    when it takes them (yingsu.streams.GuardedOutput.write_utf8), else as text. Large CJK texts
    are then never decoded from pydantic's bytes and encoded again."""

    def __init__(self, out: TextIO):
        self.out = out
        self.raw = getattr(out, "write_utf8", None)
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size > _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            data = b"".join(self.parts)
            self.parts.clear()
            self.size = 0
            if self.raw is not None:
                self.raw(data)
            else:
                self.out.write(data.decode("utf-8"))


def _list(sink: _Sink, key: str, items, last: bool = False, raw: bool = False) -> None:
    sink.write(f'  "{key}": ['.encode())
    sep = b",\n    "
    batch: list[bytes] = []  # written 512 at a time: one join, not a write per item
    wrote = False
    for item in items:
        batch.append(model_json(item) if hasattr(item, "__pydantic_serializer__") else item if raw else _dumps(item))
        if len(batch) == 512:
            sink.write((sep if wrote else b"\n    ") + sep.join(batch))
            batch.clear()
            wrote = True
    if batch:
        sink.write((sep if wrote else b"\n    ") + sep.join(batch))
        wrote = True
    sink.write(b"\n  ]" if wrote else b"]")
    sink.write(b"\n" if last else b",\n")


def write_docket_json(entries: Sequence[DocketEntry], out: TextIO, *, today: date,
                      progress: Progress | None = None,
                      on_run: Callable[[DocketRun], None] | None = None) -> DocketRun:
    """Decide the docket and write its JSON to `out` as it goes; returns the run (figures, agenda)."""
    sink = _Sink(out)
    sep = [b"\n    "]
    case_json = CaseJson()  # the parts the cases share written once (yingsu.docket.case_json)

    def on_case(dc: DocketCase) -> None:
        sink.write(sep[0])
        sink.write(case_json(dc))
        sep[0] = b",\n    "

    sink.write(b'{\n  "today": ' + _dumps(today.isoformat()) + b',\n  "cases": [')
    run = run_docket(entries, today=today, on_case=on_case, progress=progress)
    sink.write(b"\n  ],\n" if sep[0] != b"\n    " else b"],\n")
    sink.write(b'  "years": ' + _dumps(run.years) + b",\n")
    _list(sink, "figures", run.figures)
    _list(sink, "agenda", run.agenda.json_items(), raw=True)
    _list(sink, "pending", run.agenda.pending_json(), raw=True)
    _list(sink, "warnings", run.warnings)
    _list(sink, "notes", run.notes, last=True)
    sink.write(b"}\n")
    sink.flush()
    return run
