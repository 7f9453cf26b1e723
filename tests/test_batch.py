"""Batch mode: evaluate_many and `yingsu batch` (JSON Lines) — order, errors, exit codes, streaming."""
from __future__ import annotations

import io
import json
import multiprocessing
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import yingsu
from yingsu import batch
from yingsu.batch import BatchResult, TerminalProgress, evaluate_many, run_jsonl
from yingsu.cli import main

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)

CASES = [
    {"city": "xianzhou", "defendant": {"kind": "government"}, "act": {"category": "state_land_house_expropriation"},
     "events": {"served": "2026-03-02", "judgment_served": "2026-05-20"},
     "outcome": {"document": "judgment", "dispositions": ["revoked"]}},
    {"city": "zhongwei", "defendant": {"kind": "department", "name": "市自然资源局"}, "events": {"served": "2025-09-30"}},
    {"city": "dezhou", "defendant": {"kind": "township"}, "proceeding": {"session": "none"}},
    {"city": "yanshi", "defendant": {"kind": "government"}, "reconsideration": {"government_role": "co_defendant"},
     "act": {"maker": "区自然资源局"}, "events": {"served": "2024-09-29", "hearing": "2024-10-30"}},
    {"city": "xinzhou", "defendant": {"kind": "government", "level": "county"}, "act": {"inaction": True},
     "events": {"served": "2023-12-29"}},
]


def many(n: int) -> list[dict]:
    """n cases: the samples above, each under every city in turn (so neighbours differ)."""
    cities = ["yanshi", "xinzhou", "xianzhou", "dezhou", "zhongwei"]
    return [{**CASES[i % len(CASES)], "city": cities[(i // len(CASES)) % len(cities)]} for i in range(n)]


def expected(items) -> list[str]:
    return [yingsu.evaluate(yingsu.Case.model_validate(d), today=TODAY).model_dump_json() for d in items]


# --- evaluate_many -----------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_order_is_the_input_order(workers):
    items = many(150)  # more than two chunks of CHUNK_OBJECTS
    items[3] = yingsu.Case.model_validate(items[3])  # Case objects and dicts may be mixed
    got = [d.model_dump_json() for d in evaluate_many(items, workers=workers, today=TODAY)]
    assert got == expected([i if isinstance(i, dict) else i.model_dump(mode="json") for i in items])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_item_raises_after_the_items_before_it(workers):
    items = many(70)
    items[66] = {"city": "xianzhou", "defendant": {"kind": "ministry"}}
    out = []
    with pytest.raises(yingsu.CaseError) as e:
        for d in evaluate_many(items, workers=workers, today=TODAY):
            out.append(d)
    assert len(out) == 66
    assert "item 67" in str(e.value) and "defendant.kind" in str(e.value)


def test_not_a_case_at_all():
    with pytest.raises(yingsu.CaseError, match="item 2: .*not int"):
        list(evaluate_many([CASES[0], 42]))


def test_empty_input():
    assert list(evaluate_many([])) == []
    assert list(evaluate_many(iter([]), workers=2)) == []


def test_workers_must_be_positive():
    with pytest.raises(ValueError, match="workers"):
        list(evaluate_many([CASES[0]], workers=0))


def test_streams_one_process():
    pulled = []

    def endless():
        i = 0
        while True:
            pulled.append(i)
            yield CASES[i % len(CASES)]
            i += 1

    results = evaluate_many(endless(), today=TODAY)
    first = next(results)
    assert first.model_dump_json() == expected(CASES[:1])[0]
    assert len(pulled) == 1  # nothing read ahead
    assert next(results).city == "zhongwei" and len(pulled) == 2
    results.close()


def test_streams_with_workers_reading_a_bounded_window():
    pulled = []
    total = 20_000

    def cases():
        for i in range(total):
            pulled.append(i)
            yield CASES[i % len(CASES)]

    results = evaluate_many(cases(), workers=2, today=TODAY)
    first = next(results)
    assert first.city == "xianzhou"
    window = batch.WINDOW_PER_WORKER * 2 * batch.CHUNK_OBJECTS
    assert len(pulled) <= window + batch.CHUNK_OBJECTS < total  # the generator is far from exhausted
    results.close()  # stops the workers
    assert multiprocessing.active_children() == []


# --- JSON Lines --------------------------------------------------------------------------


def jsonl(items) -> bytes:
    return b"".join((json.dumps(i, ensure_ascii=False) if not isinstance(i, str) else i).encode() + b"\n"
                    for i in items)


def run(data: bytes, workers: int = 1) -> tuple[BatchResult, list[dict]]:
    out = io.BytesIO()
    result = run_jsonl(io.BytesIO(data), out, workers=workers, today=TODAY)
    text = out.getvalue().decode("utf-8")
    assert text == "" or text.endswith("\n")
    return result, [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("workers", [1, 2])
def test_jsonl_error_records_name_line_and_field(workers):
    lines = [
        CASES[0],
        "{not json",
        {"city": "xianzhou", "defendant": {"kind": "government"}, "events": {"served": "2026-02-30"}},
        "",
        "[1, 2]",
        {"city": "atlantis", "defendant": {"kind": "government"}},
        CASES[1],
        {"city": "zhongwei", "defendant": {"kind": "government"}, "events": {"served": "1900-01-03"}},
    ]
    data = jsonl(lines) + b'{"city": "\xff"}\n' + b'{"city": "xianzhou", "city": "zhongwei"}\n'
    result, out = run(data, workers)
    assert result == BatchResult(lines=10, errors=8)
    assert result.decisions == 2
    assert len(out) == 10  # one output line per input line
    assert out[0] == json.loads(expected(CASES[:1])[0]) and out[6] == json.loads(expected(CASES[1:2])[0])
    errors = {r["line"]: r["error"] for r in out if set(r) == {"line", "error"}}
    assert sorted(errors) == [2, 3, 4, 5, 6, 8, 9, 10]
    assert errors[2].startswith("not valid JSON (line 1, column 2)")
    assert "events.served" in errors[3] and "2026-02-30" in errors[3]
    assert "empty line" in errors[4]
    assert "mapping" in errors[5]
    assert errors[6].startswith("city:")
    assert "1900-01-03" in errors[8]  # outside the working-day calendar: the case is recorded, the batch goes on
    assert "UTF-8" in errors[9]
    assert "duplicate key" in errors[10] and "city" in errors[10]  # as yingsu evaluate reads a .json case


def test_jsonl_a_huge_line_is_skipped_unread():
    from yingsu.caseio import MAX_CASE_BYTES

    huge = b'{"city": "' + b"x" * (MAX_CASE_BYTES + 10) + b'"}\n'
    result, out = run(jsonl(CASES[:1]) + huge + jsonl(CASES[1:2]))
    assert result == BatchResult(lines=3, errors=1)
    assert "longer than" in out[1]["error"] and out[1]["line"] == 2
    assert out[2]["city"] == "zhongwei"


def test_jsonl_two_workers_write_what_one_writes():
    data = jsonl(many(1200))  # more than two chunks of CHUNK_LINES
    assert run(data, 1) == run(data, 2)


def test_jsonl_empty_input():
    assert run(b"") == (BatchResult(0, 0), [])


def test_jsonl_crlf_and_bom():
    data = b"\xef\xbb\xbf" + json.dumps(CASES[2]).encode() + b"\r\n" + json.dumps(CASES[1]).encode() + b"\r\n"
    result, out = run(data)
    assert result.errors == 0 and [d["city"] for d in out] == ["dezhou", "zhongwei"]


def test_progress_counter():
    stream = io.StringIO()
    p = TerminalProgress(stream)
    p(500)
    p(1000)  # within 0.2 s of the last: not redrawn
    p.done(1000)
    assert stream.getvalue() == "\r决定案件 500\r决定案件 1,000\n"


# --- the command line --------------------------------------------------------------------


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_batch_ok(tmp_path, capsys):
    src, dst = tmp_path / "cases.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(jsonl(CASES))
    code, out, err = cli(capsys, "batch", str(src), str(dst), "--today", "2026-11-23")
    assert code == 0 and out == ""
    assert err == "yingsu batch: 5 lines, 5 decisions, 0 errors\n"  # no progress: stderr is not a terminal
    assert dst.read_text(encoding="utf-8").splitlines() == expected(CASES)


def test_cli_batch_errors_exit_1(tmp_path, capsys):
    src, dst = tmp_path / "cases.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(jsonl([CASES[0], "oops", CASES[1]]))
    code, _, err = cli(capsys, "batch", str(src), str(dst), "--workers", "2")
    assert code == 1 and "3 lines, 2 decisions, 1 errors" in err
    assert json.loads(dst.read_text(encoding="utf-8").splitlines()[1])["line"] == 2


def test_cli_batch_empty_input(tmp_path, capsys):
    src, dst = tmp_path / "empty.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(b"")
    code, _, err = cli(capsys, "batch", str(src), str(dst))
    assert code == 0 and dst.read_bytes() == b"" and "0 lines" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["{tmp}/missing.jsonl", "{tmp}/out.jsonl"], "cannot read IN"),
        (["{tmp}", "{tmp}/out.jsonl"], "cannot read IN"),
        (["{tmp}/cases.jsonl", "{tmp}/no/such/dir/out.jsonl"], "cannot write OUT"),
        (["{tmp}/cases.jsonl", "{tmp}/cases.jsonl"], "is the same file as the input"),
    ],
)
def test_cli_batch_unusable_files_exit_2(tmp_path, capsys, args, message):
    (tmp_path / "cases.jsonl").write_bytes(jsonl(CASES))
    code, out, err = cli(capsys, "batch", *[a.format(tmp=tmp_path) for a in args])
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1  # one line, no traceback
    assert (tmp_path / "cases.jsonl").read_bytes() == jsonl(CASES)  # the input is never touched


@pytest.mark.parametrize(
    "args, message",
    [
        (["in.jsonl", "out.jsonl", "--workers", "0"], "not a number of workers"),
        (["in.jsonl", "out.jsonl", "--workers", "two"], "not a number of workers"),
        (["in.jsonl"], "required: OUT"),
    ],
)
def test_cli_batch_unusable_arguments_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as e:
        main(["batch", *args])
    assert e.value.code == 2 and message in capsys.readouterr().err


def test_cli_batch_stdin_to_stdout():
    proc = subprocess.run(
        [sys.executable, "-m", "yingsu", "batch", "-", "-", "--today", "2026-11-23"],
        input=jsonl(CASES[:2] + ["{"]),
        capture_output=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines[:2] == expected(CASES[:2]) and json.loads(lines[2])["line"] == 3
    assert proc.stderr.decode() == "yingsu batch: 3 lines, 2 decisions, 1 errors\n"
