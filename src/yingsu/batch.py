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
not wait), which is exactly the memory growth batch mode must not have. A worker that dies
(killed by the out-of-memory killer, say) ends the run with WorkerDied, never a hang; N is
capped at what the machine holds (`worker_cap`).

`run_files(IN, OUT)` (the CLI) never leaves OUT half-written: it writes `OUT.partial` and
renames it to OUT at the end; an interrupted run leaves the `.partial` file, whose complete
lines are the first decisions in order, and `resume=True` continues after them.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import stat
import sys
import time
import warnings
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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

__all__ = ["BatchResult", "WorkerDied", "evaluate_many", "run_files", "run_jsonl", "worker_cap"]

CHUNK_OBJECTS = 64  # cases per chunk sent to a worker by evaluate_many
CHUNK_LINES = 500  # lines per chunk in JSON Lines mode
WINDOW_PER_WORKER = 4  # chunks in flight per worker: enough to keep every worker busy
MAX_LINE_SKIP = 16 * MAX_CASE_BYTES  # a "line" longer than this is no JSON Lines input: stop
WORKER_MIB = 45  # resident memory of one worker process (measured: bench/README.md)
PARTIAL_SUFFIX = ".partial"


class WorkerDied(YingsuError):
    """A worker process ended without an answer (killed, e.g. by the out-of-memory killer)."""


class InputNotLines(YingsuError):
    """IN holds a line too long to be one case a line (e.g. /dev/zero): the batch stops."""


def worker_cap() -> tuple[int, str]:
    """(the most workers this machine holds, why): its usable cores and its available
    memory at about WORKER_MIB MiB a worker."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    cap, why = max(1, cores), f"{cores} cores"
    avail = _available_mib()
    if avail is not None:
        by_memory = max(1, avail // WORKER_MIB)
        why += f", {avail:,} MiB available at about {WORKER_MIB} MiB a worker"
        cap = min(cap, by_memory)
    return cap, why


def _available_mib() -> int | None:
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


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
    workers = _capped(_check_workers(workers))
    # one process: one case at a time (nothing read ahead); several: chunks for the workers
    chunks = _chunks(enumerate(cases, 1), CHUNK_OBJECTS if workers > 1 else 1)
    results = _map_ordered(_decide_objects, ((chunk, today) for chunk in chunks), workers)
    done = 0
    try:
        for decisions, failure in results:
            yield from decisions
            done += len(decisions)
            if failure is not None:
                raise _rebuild(failure)
    except BrokenProcessPool:
        raise WorkerDied(
            f"a worker process died (killed, perhaps for lack of memory) while deciding the items after "
            f"item {done}; the {done} decisions before it were given"
        ) from None
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
    skip: int = 0,
    summary: bool = False,
) -> BatchResult:
    """Decide one case per line of `src` (JSON Lines, UTF-8), writing one line per input line
    to `dst`: the Decision's JSON, or an error record `{"line": N, "error": "..."}`.

    Both streams are binary. `progress(lines_done)` is called after each chunk. `skip` lines
    of `src` are passed over first (already decided: a resumed run); lines are numbered
    from the start of `src` all the same. `summary` adds a last line
    `{"summary": {"lines": N, "decisions": D, "errors": E, "complete": true}}`, written only
    when every line was decided (so a reader of a stream can tell a complete run).
    A line of `src` over MAX_LINE_SKIP bytes stops the batch (InputNotLines); a dead worker
    stops it with WorkerDied; what was written before is complete, in order.
    """
    workers = _capped(_check_workers(workers))
    lines = errors = 0
    it = _lines(src)
    for _ in islice(it, skip) if skip else ():
        pass
    jobs = ((start, chunk, today) for start, chunk in _numbered_chunks(it, CHUNK_LINES, skip + 1))
    try:
        for count, bad, data in _map_ordered(_decide_lines, jobs, workers):
            _write(dst, data)
            lines += count
            errors += bad
            if progress is not None:
                progress(lines)
    except BrokenProcessPool:
        raise WorkerDied(
            f"a worker process died (killed, perhaps for lack of memory) while deciding line {skip + lines + 1} "
            f"or a line shortly after it; the first {skip + lines} lines are written"
        ) from None
    if summary:
        record = {"summary": {"lines": lines, "decisions": lines - errors, "errors": errors, "complete": True}}
        _write(dst, json.dumps(record).encode() + b"\n")
    try:
        dst.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise YingsuError(f"batch: cannot write OUT: {e.strerror or e}") from None
    return BatchResult(lines, errors)


def _write(dst: IO[bytes], data: bytes) -> None:
    try:
        dst.write(data)
    except BrokenPipeError:
        raise  # the reader went away: the command line ends quietly
    except OSError as e:
        raise YingsuError(f"batch: cannot write OUT: {e.strerror or e}") from None


def run_files(
    input: str,
    output: str,
    *,
    workers: int = 1,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
    resume: bool = False,
    summary: bool = False,
) -> BatchResult:
    """`yingsu batch IN OUT`: IN and OUT are paths, '-' for standard input/output.

    A regular OUT is written as OUT.partial and renamed to OUT only when every line is
    decided, so OUT is always complete (an older OUT stays intact until then). After an
    interruption, `resume=True` keeps the complete lines of OUT.partial (a torn last line
    is dropped), skips as many lines of IN and goes on: no line lost, none repeated. The
    BatchResult of a resumed run counts the lines of the whole of IN.
    """
    from .streams import refuse_same_file

    refuse_same_file("batch", [input], [output])
    target = None if output == "-" else output
    if target is not None and os.path.islink(target):
        target = os.path.realpath(target)  # write the file the link points to, keep the link
    direct = target is None or _not_regular(target)  # stdout, /dev/null, a FIFO: no rename
    if resume and direct:
        raise YingsuError("batch: --resume needs OUT to be a file (it continues OUT.partial)")
    partial = None if direct else target + PARTIAL_SUFFIX
    done = done_errors = 0
    if resume:
        if not os.path.exists(partial):
            if os.path.exists(target):
                raise YingsuError(f"batch: nothing to resume: '{target}' is complete and there is no '{partial}'")
        else:
            done, done_errors = _keep_complete_lines(partial)
    opened: list = []
    try:
        src = _open_stream(input, "rb", opened)
        if direct:
            dst = _open_stream(output, "wb", opened)
        else:
            dst = _open_stream(partial, "ab" if done else "wb", opened, shown=target)
        result = run_jsonl(src, dst, workers=workers, today=today, progress=progress, skip=done, summary=summary)
        if not direct:
            try:
                dst.flush()
                os.fsync(dst.fileno())
            except OSError as e:
                raise YingsuError(f"batch: cannot write OUT '{target}': {e.strerror or e}") from None
    except BaseException as e:  # noqa: BLE001 - Ctrl-C too: say where the work is, then stop
        _close(opened)
        if partial is not None and os.path.exists(partial):
            raise Interrupted(partial, e) from None
        raise
    finally:
        _close(opened)
    if not direct:
        os.replace(partial, target)
    return BatchResult(result.lines + done, result.errors + done_errors)


class Interrupted(YingsuError):
    """The batch stopped before the end of IN; OUT.partial holds the lines decided so far."""

    def __init__(self, partial: str, cause: BaseException):
        self.partial = partial
        self.cause = cause
        why = "interrupted" if isinstance(cause, KeyboardInterrupt) else str(cause)
        super().__init__(
            f"batch: {why}; the lines decided so far are in '{partial}' (OUT is not written): "
            "run the same command with --resume to continue"
        )


def _not_regular(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # not there yet: it will be a regular file


def _keep_complete_lines(path: str) -> tuple[int, int]:
    """Cut a torn last line off `path`; return (complete lines, error records among them)."""
    lines = errors = 0
    keep = 0
    try:
        with open(path, "rb") as f:
            for line in f:
                if not line.endswith(b"\n") or line.startswith(b'{"summary":'):
                    break  # a torn line, or the closing record of a run killed before its rename
                lines += 1
                keep += len(line)
                errors += line.startswith(b'{"line":')
        os.truncate(path, keep)
    except OSError as e:
        raise YingsuError(f"batch: cannot resume from '{path}': {e.strerror or e}") from None
    return lines, errors


def _open_stream(name: str, mode: str, opened: list, shown: str | None = None):
    """IN ("rb") or OUT ("wb"/"ab"): a file, or stdin/stdout for '-'; files go on `opened`."""
    reading = mode == "rb"
    try:
        if name == "-":
            return sys.stdin.buffer if reading else sys.stdout.buffer
        stream = open(name, mode)  # noqa: SIM115 - closed by the caller through `opened`
    except (OSError, AttributeError) as e:
        std = "standard input" if reading else "standard output"
        why = f"there is no {std}" if isinstance(e, AttributeError) else e.strerror or e
        what = f"read IN '{name}'" if reading else f"write OUT '{shown or name}'"
        raise YingsuError(f"batch: cannot {what}: {why}") from None
    opened.append(stream)
    return stream


def _close(opened: list) -> None:
    while opened:
        stream = opened.pop()
        try:
            stream.close()
        except OSError:
            pass


def _lines(src: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of `src`; None for a line longer than MAX_CASE_BYTES, which is skipped unread."""
    limit = MAX_CASE_BYTES
    n = 0
    while True:
        line = _read(src, limit + 1)
        n += 1
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            skipped = len(line)
            while True:  # the rest of the line, a piece at a time, but not for ever
                rest = _read(src, limit)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
                if skipped > MAX_LINE_SKIP:
                    raise InputNotLines(
                        f"batch: line {n} of IN runs over {MAX_LINE_SKIP // (1024 * 1024)} MiB without a line "
                        "break: IN is not JSON Lines (one case a line)"
                    )
            yield None
        else:
            yield line


def _read(src: IO[bytes], size: int) -> bytes:
    try:
        return src.readline(size)
    except OSError as e:
        raise YingsuError(f"batch: cannot read IN: {e.strerror or e}") from None


def _numbered_chunks(it: Iterator[bytes | None], size: int, start: int = 1) -> Iterator[tuple[int, list[bytes | None]]]:
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
    most WINDOW_PER_WORKER jobs per worker in flight (input is read only as results go out).

    The pool is a ProcessPoolExecutor: when a worker dies, every pending result raises
    BrokenProcessPool at once (multiprocessing.Pool would wait for it for ever)."""
    if workers == 1:
        for job in jobs:
            yield fn(job)
        return
    window = WINDOW_PER_WORKER * workers
    pool = ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_warm)
    inflight: deque = deque()
    try:
        for job in jobs:
            inflight.append(pool.submit(fn, job))
            if len(inflight) >= window:
                yield inflight.popleft().result()
        while inflight:
            yield inflight.popleft().result()
    finally:
        for future in inflight:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


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


def _capped(workers: int) -> int:
    """`workers`, or the machine's cap with a warning (the CLI says so on stderr first)."""
    if workers == 1:
        return 1
    cap, why = worker_cap()
    if workers > cap:
        warnings.warn(f"{workers} workers capped at {cap} ({why})", RuntimeWarning, stacklevel=3)
        return cap
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
