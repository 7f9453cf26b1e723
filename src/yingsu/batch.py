"""Batch mode (批量): any number of cases in, one decision per case out, in input order.

Two ways in:

- `evaluate_many(cases)`: Python objects. An iterator of Case objects or plain dicts (the
  contract's JSON) in, an iterator of Decisions out. Nothing is read ahead beyond a small
  window, so memory does not grow with the input, and the first decision comes as soon as
  the first case is decided.
- `run_jsonl(src, dst)` (the CLI's `yingsu batch IN OUT`): JSON Lines. One case a line in,
  one Decision a line out (`model_dump_json`), line k of the output for line k of the
  input. A line that cannot be decided (not JSON, not a valid case, a date outside the
  calendar) does not stop the batch: its output line is an error record
  `{"line": N, "error": "<message naming the field>"}`, and the result counts them.

With `workers=N` (N > 1) the cases are decided in N processes (multiprocessing), in chunks,
and the results are put back in input order. The window of chunks in flight is bounded: a
plain `Pool.imap` would read the whole input ahead of the workers (its feeder thread does
not wait), which is exactly the memory growth batch mode must not have.
"""
from __future__ import annotations

import json
import multiprocessing
import sys
import time
from collections import deque
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

from .calendar import default_calendar
from .caseio import MAX_CASE_BYTES, case_from_data, parse_case
from .decision import Decision
from .engine import evaluate
from .errors import CalendarError, CaseError, RulesetError, YingsuError
from .models import Case
from .rulesets import available_cities, get_ruleset

__all__ = ["BatchResult", "evaluate_many", "run_jsonl"]

CHUNK_OBJECTS = 64  # cases per chunk sent to a worker by evaluate_many
CHUNK_LINES = 500  # lines per chunk in JSON Lines mode
WINDOW_PER_WORKER = 4  # chunks in flight per worker: enough to keep every worker busy


# --- Python objects ----------------------------------------------------------------------


def evaluate_many(
    cases: Iterable[Case | Mapping[str, Any]],
    *,
    workers: int = 1,
    today: date | None = None,
) -> Iterator[Decision]:
    """Decide every case of `cases`, yielding the Decisions in input order, lazily.

    Items are Case objects or dicts (validated as `Case.model_validate` would). An item that
    is not a valid case raises CaseError naming the item (counted from 1) and the field; the
    decisions of the items before it have been yielded by then. `workers` > 1 decides in
    that many processes; the order is the same.
    """
    workers = _check_workers(workers)
    # one process: one case at a time (nothing read ahead); several: chunks for the workers
    chunks = _chunks(enumerate(cases, 1), CHUNK_OBJECTS if workers > 1 else 1)
    results = _map_ordered(_decide_objects, ((chunk, today) for chunk in chunks), workers)
    try:
        for decisions, failure in results:
            yield from decisions
            if failure is not None:
                raise _rebuild(failure)
    finally:
        results.close()  # stops the workers now when the caller stops early


def _decide_objects(job: tuple[list[tuple[int, Any]], date | None]) -> tuple[list[Decision], tuple | None]:
    """Decide one chunk; stop at the first item that fails and say why (picklable)."""
    items, today = job
    out: list[Decision] = []
    for index, item in items:
        try:
            if isinstance(item, Case):
                case = item
            elif isinstance(item, Mapping):
                case = case_from_data(item if isinstance(item, dict) else dict(item), source=f"item {index}")
            else:
                raise CaseError(f"a case must be a Case or a mapping of fields, not {type(item).__name__}",
                                source=f"item {index}")
            out.append(evaluate(case, today=today))
        except Exception as e:  # noqa: BLE001 - carried to the caller, in order
            return out, _failure(e, index)
    return out, None


def _failure(e: Exception, index: int) -> tuple:
    if isinstance(e, CaseError):
        return ("case", str(e))
    if isinstance(e, RulesetError):
        return ("ruleset", e.reason, e.file, e.line)
    if isinstance(e, CalendarError):
        return ("calendar", f"item {index}: {e}")
    if isinstance(e, YingsuError):
        return ("yingsu", f"item {index}: {e}")
    return ("internal", f"item {index}: {type(e).__name__}: {e}")


def _rebuild(failure: tuple) -> Exception:
    kind, message, *rest = failure
    if kind == "case":
        return CaseError(message)
    if kind == "ruleset":
        return RulesetError(message, *rest)
    if kind == "calendar":
        return CalendarError(message)
    if kind == "yingsu":
        return YingsuError(message)
    return RuntimeError(message)


# --- JSON Lines --------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchResult:
    """What a JSON Lines batch did: lines read, decisions written, error records written."""

    lines: int
    errors: int

    @property
    def decisions(self) -> int:
        return self.lines - self.errors


def run_jsonl(
    src: IO[bytes],
    dst: IO[bytes],
    *,
    workers: int = 1,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Decide one case per line of `src` (JSON Lines, UTF-8), writing one line per input line
    to `dst`: the Decision's JSON, or an error record `{"line": N, "error": "..."}`.

    Both streams are binary. `progress(lines_done)` is called after each chunk.
    """
    workers = _check_workers(workers)
    lines = errors = 0
    jobs = ((start, chunk, today) for start, chunk in _numbered_chunks(src, CHUNK_LINES))
    for count, bad, data in _map_ordered(_decide_lines, jobs, workers):
        dst.write(data)
        lines += count
        errors += bad
        if progress is not None:
            progress(lines)
    dst.flush()
    return BatchResult(lines, errors)


def _lines(src: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of `src`; None for a line longer than MAX_CASE_BYTES, which is skipped unread."""
    limit = MAX_CASE_BYTES
    while True:
        line = src.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # the rest of the line, a piece at a time
                rest = src.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _numbered_chunks(src: IO[bytes], size: int) -> Iterator[tuple[int, list[bytes | None]]]:
    start = 1
    it = _lines(src)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield start, chunk
        start += len(chunk)


def _decide_lines(job: tuple[int, list[bytes], date | None]) -> tuple[int, int, bytes]:
    """Decide one chunk of lines: (lines, error records, the output lines as UTF-8)."""
    start, lines, today = job
    out: list[str] = []
    bad = 0
    for n, raw in enumerate(lines, start):
        try:
            out.append(evaluate(_case_of_line(raw), today=today).model_dump_json())
        except Exception as e:  # noqa: BLE001 - one bad line never stops the batch
            bad += 1
            message = str(e) if isinstance(e, YingsuError) else f"internal error: {type(e).__name__}: {e}"
            out.append(json.dumps({"line": n, "error": message}, ensure_ascii=False))
    out.append("")
    return len(lines), bad, "\n".join(out).encode("utf-8")


def _case_of_line(raw: bytes | None) -> Case:
    """One line as a case, read as `yingsu evaluate` reads a .json file (same checks, same messages)."""
    if raw is None:
        raise CaseError(f"the line is longer than {MAX_CASE_BYTES} bytes; one case is a few kilobytes")
    if not raw.strip():
        raise CaseError("empty line: expected one case as a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CaseError(f"not UTF-8 text (byte {e.start + 1} of the line)") from None
    return parse_case(text, source=None, json_only=True)


# --- ordered, bounded parallel map -------------------------------------------------------


def _map_ordered(fn: Callable[[Any], Any], jobs: Iterable[Any], workers: int) -> Iterator[Any]:
    """fn over jobs, results in job order; with workers > 1, in that many processes with at
    most WINDOW_PER_WORKER jobs per worker in flight (input is read only as results go out)."""
    if workers == 1:
        for job in jobs:
            yield fn(job)
        return
    window = WINDOW_PER_WORKER * workers
    with _pool_context().Pool(workers, initializer=_warm) as pool:
        inflight: deque = deque()
        for job in jobs:
            inflight.append(pool.apply_async(fn, (job,)))
            if len(inflight) >= window:
                yield inflight.popleft().get()
        while inflight:
            yield inflight.popleft().get()


def _pool_context():
    """Workers start from a clean single-threaded server process (forkserver) where there is
    one, not by forking this process: forking a process that runs threads (a previous pool's,
    a test runner's) can leave a child holding a lock forever."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["yingsu"])
    return ctx


def _warm() -> None:
    for city in available_cities():
        get_ruleset(city)
    default_calendar().is_working_day(date(2020, 1, 2))


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def _check_workers(workers: Any) -> int:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a whole number of 1 or more, not {workers!r}")
    return workers


# --- progress (CLI) ----------------------------------------------------------------------


class TerminalProgress:
    """A counter on stderr, rewritten in place at most five times a second (only for a terminal)."""

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream or sys.stderr
        self.last = 0.0
        self.shown = False

    def __call__(self, lines: int) -> None:
        now = time.monotonic()
        if now - self.last >= 0.2:
            self.last = now
            self.shown = True
            self.stream.write(f"\r决定案件 {lines:,}")
            self.stream.flush()

    def done(self, lines: int) -> None:
        if self.shown:
            self.stream.write(f"\r决定案件 {lines:,}\n")
            self.stream.flush()
