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


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(out: TextIO, key: str, items, last: bool = False) -> None:
    out.write(f'  "{key}": [')
    sep = "\n    "
    for item in items:
        out.write(sep + (item.model_dump_json() if hasattr(item, "model_dump_json") else _dumps(item)))
        sep = ",\n    "
    out.write("\n  ]" if sep != "\n    " else "]")
    out.write("\n" if last else ",\n")


def write_docket_json(entries: Sequence[DocketEntry], out: TextIO, *, today: date,
                      progress: Progress | None = None,
                      on_run: Callable[[DocketRun], None] | None = None) -> DocketRun:
    """Decide the docket and write its JSON to `out` as it goes; returns the run (figures, agenda)."""
    state = {"sep": "\n    "}

    def on_case(dc: DocketCase) -> None:
        out.write(state["sep"] + dc.model_dump_json())
        state["sep"] = ",\n    "

    out.write('{\n  "today": ' + _dumps(today.isoformat()) + ',\n  "cases": [')
    run = run_docket(entries, today=today, on_case=on_case, progress=progress)
    out.write("\n  ],\n" if state["sep"] != "\n    " else "],\n")
    out.write('  "years": ' + _dumps(run.years) + ",\n")
    _list(out, "figures", run.figures)
    _list(out, "agenda", run.agenda_items())
    _list(out, "pending", run.pending)
    _list(out, "warnings", run.warnings)
    _list(out, "notes", run.notes, last=True)
    out.write("}\n")
    return run
