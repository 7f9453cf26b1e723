"""The Docket JSON, streamed (清单 JSON 流式输出): each case written as soon as it is decided.

The same object as ``Docket.model_dump(mode="json")`` (the same keys and values; `cases`
comes second, right after `today`, because the figures and the agenda need every case first),
so a docket of any size is written without holding its decisions.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Callable, Sequence, TextIO

from .evaluate import DocketRun, Progress, run_docket
from .models import DocketCase, DocketEntry


_CHUNK = 1 << 20  # characters of case JSON held before they are written


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(out: TextIO, key: str, items, last: bool = False, raw: bool = False) -> None:
    out.write(f'  "{key}": [')
    sep = "\n    "
    for item in items:
        out.write(sep + (item.model_dump_json() if hasattr(item, "model_dump_json")
                         else item if raw else _dumps(item)))
        sep = ",\n    "
    out.write("\n  ]" if sep != "\n    " else "]")
    out.write("\n" if last else ",\n")


def write_docket_json(entries: Sequence[DocketEntry], out: TextIO, *, today: date,
                      progress: Progress | None = None,
                      on_run: Callable[[DocketRun], None] | None = None) -> DocketRun:
    """Decide the docket and write its JSON to `out` as it goes; returns the run (figures, agenda)."""
    chunk: list[str] = []  # the cases' JSON, written a few hundred at a time
    size, written = [0], [0]

    def on_case(dc: DocketCase) -> None:
        text = dc.model_dump_json()
        chunk.append(text)
        size[0] += len(text)
        if size[0] > _CHUNK:
            write_chunk()

    def write_chunk() -> None:
        out.write(("," if written[0] else "") + "\n    " + ",\n    ".join(chunk))
        written[0] += len(chunk)
        chunk.clear()
        size[0] = 0

    out.write('{\n  "today": ' + _dumps(today.isoformat()) + ',\n  "cases": [')
    run = run_docket(entries, today=today, on_case=on_case, progress=progress)
    if chunk:
        write_chunk()
    out.write("\n  ],\n" if written[0] else "],\n")
    out.write('  "years": ' + _dumps(run.years) + ",\n")
    _list(out, "figures", run.figures)
    _list(out, "agenda", run.agenda.json_items(), raw=True)
    _list(out, "pending", run.pending)
    _list(out, "warnings", run.warnings)
    _list(out, "notes", run.notes, last=True)
    out.write("}\n")
    return run
