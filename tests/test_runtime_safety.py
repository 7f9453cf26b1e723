"""Run-time safety (运行安全): no destroyed input, no lost or half-written output, no hang,
no traceback from standard output; bounded input and workers.

Each test runs the real command line in a fresh process where the shell's behaviour matters
(redirections, pipes, signals)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import yingsu
from yingsu import batch
from yingsu.batch import WorkerDied, evaluate_many

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xianzhou-government-sued.yaml"
TODAY = "2026-11-23"
CASE = {"city": "zhongwei", "defendant": {"kind": "department", "name": "市自然资源局"}, "events": {"served": "2025-09-30"}}
LINUX = sys.platform.startswith("linux")


def env(**extra: str) -> dict[str, str]:
    e = {"PYTHONPATH": str(ROOT / "src"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    e.update(extra)
    return e


def yingsu_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "yingsu", *args]


def sh(command: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """Run `command` in a shell (for redirections), `yingsu` meaning this interpreter's module."""
    command = command.replace("yingsu ", f"{sys.executable} -m yingsu ")
    return subprocess.run(["/bin/sh", "-c", command], capture_output=True, timeout=timeout, cwd=ROOT,
                          env=kw.pop("env", env()), **kw)


def lines_file(path: Path, n: int) -> bytes:
    data = b"".join(json.dumps({**CASE, "defendant": {"kind": "department", "name": f"局{i}"}},
                               ensure_ascii=False).encode() + b"\n" for i in range(n))
    path.write_bytes(data)
    return data


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert err.count("\n") == 1, err
    return err


# --- never destroy an input: the output may not be the same file --------------------------


def test_batch_refuses_stdin_redirected_from_its_own_output(tmp_path):
    f = tmp_path / "f.jsonl"
    data = lines_file(f, 3)
    proc = sh(f"yingsu batch - {f} < {f}")
    assert proc.returncode == 2
    assert "same file" in one_line_error(proc)
    assert f.read_bytes() == data


def test_batch_refuses_stdout_appended_to_its_own_input(tmp_path):
    f = tmp_path / "f.jsonl"
    data = lines_file(f, 3)
    proc = sh(f"yingsu batch {f} - >> {f}", timeout=60)  # used to read its own output until the disk filled
    assert proc.returncode == 2
    assert "same file" in one_line_error(proc)
    assert f.read_bytes() == data


def test_batch_refuses_both_standard_streams_on_one_file(tmp_path):
    f = tmp_path / "f.jsonl"
    data = lines_file(f, 3)
    proc = sh(f"yingsu batch - - < {f} >> {f}", timeout=60)
    assert proc.returncode == 2 and "same file" in one_line_error(proc)
    assert f.read_bytes() == data


def test_batch_refuses_a_hard_link_to_its_input(tmp_path):
    f, g = tmp_path / "f.jsonl", tmp_path / "g.jsonl"
    data = lines_file(f, 3)
    os.link(f, g)
    proc = sh(f"yingsu batch {f} {g}")
    assert proc.returncode == 2 and "same file" in one_line_error(proc)
    assert f.read_bytes() == data


def test_docket_refuses_an_ics_that_is_the_docket(tmp_path):
    d = tmp_path / "d.json"
    d.write_text(json.dumps([CASE], ensure_ascii=False), encoding="utf-8")
    before = d.read_bytes()
    proc = sh(f"yingsu docket {d} --ics {d} --today {TODAY}")
    assert proc.returncode == 2 and "same file" in one_line_error(proc)
    assert d.read_bytes() == before


def test_docket_refuses_stdout_appended_to_the_docket(tmp_path):
    d = tmp_path / "d.json"
    d.write_text(json.dumps([CASE], ensure_ascii=False), encoding="utf-8")
    before = d.read_bytes()
    proc = sh(f"yingsu docket {d} --today {TODAY} >> {d}")
    assert proc.returncode == 2 and "same file" in one_line_error(proc)
    assert d.read_bytes() == before


def test_an_interactive_terminal_or_pipe_is_no_same_file(tmp_path):
    f = tmp_path / "f.jsonl"
    lines_file(f, 2)
    proc = sh(f"cat {f} | yingsu batch - - --today {TODAY} | cat")
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 2


# --- an interrupted batch is never mistaken for a complete one; --resume -----------------


def test_out_appears_only_complete_and_an_older_out_survives_a_failure(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    out.write_bytes(b"older results\n")
    src.write_bytes(b"\n".join([json.dumps(CASE).encode()] * 3) + b"\n")
    proc = sh(f"yingsu batch /dev/zero {out}")  # fails part-way (an endless line)
    assert proc.returncode == 3
    assert out.read_bytes() == b"older results\n"
    assert (tmp_path / "out.jsonl.partial").exists() and "--resume" in proc.stderr.decode()


def test_resume_after_a_kill_neither_loses_nor_repeats_a_line(tmp_path):
    src, out, ref = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    lines_file(src, 6000)
    assert sh(f"yingsu batch {src} {ref} --today {TODAY}").returncode == 0
    partial = tmp_path / "out.jsonl.partial"
    proc = subprocess.Popen(yingsu_cmd("batch", str(src), str(out), "--today", TODAY), cwd=ROOT, env=env(),
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not partial.exists() or partial.stat().st_size < 200_000):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # no chance to clean up, as the OOM killer or a power cut
    proc.wait(30)
    assert not out.exists(), "a killed run must not leave OUT looking complete"
    assert 0 < partial.stat().st_size < ref.stat().st_size
    with open(partial, "ab") as f:
        f.write(b'{"city": "torn')  # a torn last line, as a crash in mid-write leaves
    proc = sh(f"yingsu batch {src} {out} --today {TODAY} --resume")
    assert proc.returncode == 0, proc.stderr
    assert "6000 lines, 6000 decisions" in proc.stderr.decode()
    assert out.read_bytes() == ref.read_bytes()
    assert not partial.exists()


def test_resume_of_a_complete_run_is_refused(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines_file(src, 2)
    assert sh(f"yingsu batch {src} {out}").returncode == 0
    proc = sh(f"yingsu batch {src} {out} --resume")
    assert proc.returncode == 2 and "nothing to resume" in one_line_error(proc)


def test_resume_counts_error_records_already_written(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(b"oops\n" + json.dumps(CASE).encode() + b"\n")
    (tmp_path / "out.jsonl.partial").write_bytes(b'{"line": 1, "error": "not valid JSON"}\n')
    proc = sh(f"yingsu batch {src} {out} --resume")
    assert proc.returncode == 1 and "2 lines, 1 decisions, 1 errors" in proc.stderr.decode()
    assert len(out.read_bytes().splitlines()) == 2


def test_summary_record_closes_a_complete_stream(tmp_path):
    src = tmp_path / "in.jsonl"
    lines_file(src, 3)
    proc = sh(f"yingsu batch {src} - --summary")
    last = json.loads(proc.stdout.splitlines()[-1])
    assert last == {"summary": {"lines": 3, "decisions": 3, "errors": 0, "complete": True}}
    assert len(proc.stdout.splitlines()) == 4


# --- a dead worker ends the run, never a hang --------------------------------------------


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc), depth first."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def workers_of(pid: int) -> list[int]:
    """The pool's workers: the children of the forkserver, itself a child of `pid`."""
    return [p for c in descendants(pid) for p in descendants(c) if p != c] or []


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_cli_batch_with_a_killed_worker_ends_with_a_clear_error(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(yingsu_cmd("batch", "-", str(out), "--workers", "2", "--today", TODAY), cwd=ROOT,
                            env=env(), stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    line = json.dumps(CASE).encode() + b"\n"
    proc.stdin.write(line * 3000)
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    victims: list[int] = []
    while time.monotonic() < deadline and len(victims) < 2:
        victims = [p for c in descendants(proc.pid) for p in descendants(c)]
        time.sleep(0.05)
    assert victims, "no worker processes found"
    os.kill(victims[0], signal.SIGKILL)
    try:
        proc.stdin.write(line * 3000)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    code = proc.wait(timeout=90)  # a hang fails here
    err = proc.stderr.read().decode()
    assert code == 3, err
    assert "worker process died" in err and "Traceback" not in err
    assert "--resume" in err and not out.exists()


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_evaluate_many_with_a_killed_worker_raises_instead_of_hanging():
    killed = []

    def cases():
        for i in range(20_000):
            if i == 2_000 and not killed:
                victims = [p for c in descendants(os.getpid()) for p in descendants(c)]
                if victims:
                    os.kill(victims[0], signal.SIGKILL)
                    killed.append(victims[0])
            yield CASE

    started = time.monotonic()
    got = 0
    with pytest.raises(WorkerDied, match="worker process died"):
        for _ in evaluate_many(cases(), workers=2):
            got += 1
    assert killed and time.monotonic() - started < 120
    assert 0 < got < 20_000


# --- standard output: full disk, unencodable console, closed pipe ------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [f"evaluate {EXAMPLE}", f"evaluate {EXAMPLE} --json", f"compare {EXAMPLE}"])
def test_a_full_disk_on_stdout_is_one_line(args):
    proc = sh(f"yingsu {args} > /dev/full")
    assert proc.returncode == 2
    assert "cannot write standard output" in one_line_error(proc)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_batch_to_a_full_disk_is_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    lines_file(src, 2000)
    proc = sh(f"yingsu batch {src} - > /dev/full")
    assert proc.returncode == 2 and "cannot write OUT" in one_line_error(proc)


def test_an_unencodable_console_is_one_line(tmp_path):
    case = tmp_path / "c.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8").replace("区住房和城乡建设局", "区\U00020000住房和城乡建设局"),
                    encoding="utf-8")
    for args in ([], ["--json"]):
        proc = subprocess.run(yingsu_cmd("evaluate", str(case), *args), capture_output=True, cwd=ROOT,
                              env=env(PYTHONIOENCODING="gbk"))
        assert proc.returncode == 2
        err = one_line_error(proc)
        assert "gbk" in err and "U+20000" in err and "PYTHONIOENCODING=utf-8" in err


def closed_pipe(args: list[str]) -> subprocess.CompletedProcess:
    """Run with standard output a pipe whose reader takes one line and goes away (| head -1)."""
    proc = subprocess.Popen(args, cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    return subprocess.CompletedProcess(args, proc.wait(60), b"", err)


def test_batch_into_a_closed_pipe_ends_quietly(tmp_path):
    src = tmp_path / "in.jsonl"
    lines_file(src, 3000)
    proc = closed_pipe(yingsu_cmd("batch", str(src), "-"))
    assert proc.stderr == b""
    assert proc.returncode == 141  # as a shell reports a process ended by SIGPIPE; not 2 "nothing decided"


def test_evaluate_into_a_closed_pipe_ends_quietly():
    proc = subprocess.Popen(yingsu_cmd("evaluate", str(EXAMPLE)), cwd=ROOT, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # closed before the decision is written
    err = proc.stderr.read()
    assert proc.wait(60) == 141 and err == b""


def test_shell_head_sees_the_first_line_and_no_error(tmp_path):
    src = tmp_path / "in.jsonl"
    lines_file(src, 3000)
    proc = sh(f"yingsu batch {src} - | head -1")
    assert len(proc.stdout.splitlines()) == 1 and proc.stderr == b""


# --- bounded input, bounded workers ------------------------------------------------------


def test_batch_of_dev_zero_stops_with_a_clear_error(tmp_path):
    proc = sh(f"yingsu batch /dev/zero {tmp_path / 'out.jsonl'}", timeout=60)
    assert proc.returncode == 3
    assert "without a line break" in one_line_error(proc)


def test_batch_line_without_end_on_stdin_is_bounded():
    proc = sh("yingsu batch - - < /dev/zero", timeout=60)
    assert proc.returncode == 3 and "without a line break" in one_line_error(proc)


def test_workers_are_capped_at_what_the_machine_holds(tmp_path):
    cap, why = batch.worker_cap()
    assert 1 <= cap <= (os.cpu_count() or 1) and "cores" in why
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines_file(src, 5)
    proc = sh(f"yingsu batch {src} {out} --workers 100000")
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert f"--workers 100000 capped at {cap}" in err and "MiB" in err
    assert len(out.read_bytes().splitlines()) == 5


def test_evaluate_many_caps_workers_with_a_warning():
    with pytest.warns(RuntimeWarning, match="capped"):
        got = list(evaluate_many([CASE] * 3, workers=100000))
    assert [d.city for d in got] == ["zhongwei"] * 3


def test_the_library_still_decides_after_these_guards():
    assert yingsu.evaluate(yingsu.Case.model_validate(CASE)).city == "zhongwei"


# --- rulesets: wide and deep conditions --------------------------------------------------


def ruleset_copy(tmp_path: Path) -> Path:
    import shutil

    from yingsu.rulesets import rulesets_dir

    root = tmp_path / "rulesets"
    shutil.copytree(rulesets_dir(), root)
    return root


def add_notice_rule(root: Path, when: str) -> Path:
    path = root / "zhongwei" / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    rule = (
        "  - id: zhongwei.notice.2.test-wide\n"
        "    decision: notice\n"
        "    article: 第二条\n"
        "    quote: 市人民政府的行政应诉工作适用本办法\n"
        f"    when: {when}\n"
        "    then: {warning: 测试用提示}\n"
    )
    path.write_text(text.replace("rules:\n", "rules:\n" + rule, 1), encoding="utf-8")
    return path


def test_a_rule_with_3000_alternatives_checks_and_evaluates(tmp_path):
    root = ruleset_copy(tmp_path)
    alternatives = ", ".join(f"{{proceeding.plaintiffs: {n}}}" for n in range(1, 3001))
    add_notice_rule(root, f"{{any: [{alternatives}]}}")
    e = env(YINGSU_RULESETS=str(root))
    proc = sh("yingsu check", env=e)
    assert proc.returncode == 0, proc.stderr
    case = tmp_path / "c.json"
    for plaintiffs, fires in ((3000, True), (3001, False)):
        case.write_text(json.dumps({**CASE, "proceeding": {"plaintiffs": plaintiffs}}), encoding="utf-8")
        proc = sh(f"yingsu evaluate {case} --json", env=e)
        assert proc.returncode == 0, proc.stderr
        assert any(w.startswith("测试用提示") for w in json.loads(proc.stdout)["warnings"]) is fires


def test_all_of_3000_conditions_is_no_recursion(tmp_path):
    from yingsu.conditions import ConditionCompiler

    when = {"all": [{"proceeding.plaintiffs": {"gte": 1}}] * 3000}
    pred = ConditionCompiler("x.yaml").compile(when, 1)
    assert pred({"proceeding.plaintiffs": 5}) and not pred({"proceeding.plaintiffs": None})


def test_conditions_nested_too_deep_are_a_ruleset_error_with_file_and_line(tmp_path):
    root = ruleset_copy(tmp_path)
    path = add_notice_rule(root, "{not: " * 20 + "{proceeding.plaintiffs: 1}" + "}" * 20)
    proc = sh("yingsu check", env=env(YINGSU_RULESETS=str(root)))
    assert proc.returncode == 2
    err = one_line_error(proc)
    assert f"{path}:" in err and "nested more than" in err


# --- a declared city without its ruleset -------------------------------------------------


def test_check_fails_when_a_city_folder_has_lost_its_ruleset(tmp_path):
    root = ruleset_copy(tmp_path)
    (root / "dezhou" / "rules.yaml").unlink()
    proc = sh("yingsu check", env=env(YINGSU_RULESETS=str(root)))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "dezhou" in err and "rules.yaml is missing" in err and "Traceback" not in err
    assert b"all rulesets valid" not in proc.stdout


def test_compare_names_the_city_whose_ruleset_is_missing(tmp_path):
    root = ruleset_copy(tmp_path)
    (root / "dezhou" / "rules.yaml").unlink()
    e = env(YINGSU_RULESETS=str(root))
    proc = sh(f"yingsu compare {EXAMPLE}", env=e)
    assert proc.returncode == 2
    err = one_line_error(proc)
    assert "dezhou" in err and "--cities" in err
    proc = sh(f"yingsu compare {EXAMPLE} --cities xianzhou,zhongwei", env=e)  # the others still compare
    assert proc.returncode == 0, proc.stderr
