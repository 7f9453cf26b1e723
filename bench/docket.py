"""Docket bench: `yingsu docket` against evaluating the same cases one by one, and its memory.

    python bench/docket.py               # 12,000 and 100,000 cases (a few minutes)
    python bench/docket.py --quick       # 2,000 and 5,000 cases: checks the bench itself
    python bench/docket.py --bad-only    # only the 100,000-entry docket with a bad last entry
    python bench/docket.py --rounds 1    # one child per figure (default 3, the least CPU kept)
    python bench/docket.py --sizes 30000 # other sizes (comma-separated)
    python bench/docket.py --instructions  # instructions per case under valgrind (steady; about 5 minutes)

Each figure is a child process. Its time is the CPU time the child itself used (user + system,
from the kernel's wait4): on a shared machine wall time mostly measures the other work, so the
ratios compare CPU seconds; wall seconds are shown beside them. Peak RSS is the kernel's (wait4).
The rounds alternate the three commands; each time is the least CPU time of its rounds. The
host's speed drifts from minute to minute, so the least times of two commands may come from
different minutes: the goal is judged on the paired ratio, the median over the rounds of a
docket run's CPU time over the plain run's of the same round (run just before it).

Inputs are JSON dockets of bench/cases.py's generated cases (every city). "plain" reads the
same file, validates each case and evaluates it, one by one, keeping nothing (what a caller
would do without the docket). Both sides run as an installed package runs: the children get
PYTHONDONTWRITEBYTECODE unset, and every command first runs once, untimed, on a small docket
(bytecode compiled, the rulesets' parse cache filled). Goals (issue 13 and 10): docket ≤ 1.5×
plain at 12,000 and 100,000 cases, text and --json; peak RSS of a 100,000-case docket ≤ 1 GB,
text and --json; a bad last entry reported fast, with its line.

--instructions counts what CPU time only estimates on a shared machine: each command runs under
valgrind's callgrind on 1,000 and 3,000 cases, and the difference over 2,000 is its instructions
per case (start-up cancels out). Cache misses are not counted, so its ratios differ from the
CPU ratios; they do not move between runs.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cases import generate  # noqa: E402

TODAY = "2026-11-23"
GOAL_RATIO = 1.5
GOAL_RSS_MB = 1024
PLAIN = """
import json, sys
from datetime import date
from yingsu import Case, evaluate
from yingsu.caseio import json_object_pairs
today = date.fromisoformat(sys.argv[2])
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f, object_pairs_hook=json_object_pairs)
for d in data:
    evaluate(Case.model_validate(d), today=today)
"""
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def write(path: Path, n: int, bad_last: bool = False) -> None:
    cases = list(generate(n))
    if bad_last:
        cases[-1] = {**cases[-1], "defendant": {"kind": "govt"}}
    with path.open("w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in cases))
        f.write("\n]\n")


def run(argv: list[str]) -> tuple[float, float, int, str, float]:
    """(wall seconds, peak RSS in MB, exit code, last line of stderr, CPU seconds) of one child.

    CPU seconds: user + system time of the child itself, what the ratios compare."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=ENV)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return seconds, usage.ru_maxrss / 1024, p.returncode, tail[0], usage.ru_utime + usage.ru_stime


def commands(path: Path) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "plain": [py, "-c", PLAIN, str(path), TODAY],
        "text": [py, "-m", "yingsu", "docket", str(path), "--today", TODAY],
        "--json": [py, "-m", "yingsu", "docket", str(path), "--today", TODAY, "--json"],
    }


def best(path: Path, rounds: int, n: int) -> tuple[dict[str, tuple], dict[str, float]]:
    """Each command `rounds` times, alternating: per command the round of least CPU time (its
    peak RSS the largest of its rounds), and per docket command the median of its rounds' ratios
    to the plain run of the same round (paired: a round's runs follow each other, so they share
    the machine's speed of that minute, which drifts on a shared host)."""
    out: dict[str, tuple] = {}
    ratios: dict[str, list[float]] = {}
    for _ in range(rounds):
        cpu: dict[str, float] = {}
        for name, argv in commands(path).items():
            r = run(argv)
            if r[2] != 0:
                raise SystemExit(f"{name} at {n} failed ({r[2]}): {r[3]}")
            prev = out.get(name)
            keep = r if prev is None or r[4] < prev[4] else prev
            rss = r[1] if prev is None else max(r[1], prev[1])
            out[name] = (keep[0], rss, keep[2], keep[3], keep[4])
            cpu[name] = r[4]
        for name in ("text", "--json"):
            ratios.setdefault(name, []).append(cpu[name] / cpu["plain"])
    return out, {name: statistics.median(rs) for name, rs in ratios.items()}


def warm_up(tmp: str) -> None:
    path = Path(tmp) / "warm-up.json"
    write(path, 50)
    for name, argv in commands(path).items():
        r = run(argv)
        if r[2] != 0:
            raise SystemExit(f"warm-up {name} failed ({r[2]}): {r[3]}")
    path.unlink()


def instructions(command: tuple[str, list[str]]) -> int:
    """Instructions a (name, argv) child executes, from valgrind's callgrind (its summary line on stderr)."""
    name, argv = command
    vg = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    p = subprocess.run(vg + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, text=True)
    found = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or found is None:
        raise SystemExit(f"valgrind on {name} failed ({p.returncode}): {p.stderr.strip()[-300:]}")
    return int(found.group(1))


def per_case_instructions(tmp: str) -> None:
    """Each command's instructions per case (3,000 cases minus 1,000) and the docket's ratios."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind on the PATH (Debian: apt-get install valgrind)")
    counts: dict[str, list[int]] = {}
    for n in (1000, 3000):
        path = Path(tmp) / f"docket-{n}.json"
        write(path, n)
        with ThreadPoolExecutor(max_workers=2) as pool:  # each child is one process on one core
            cmds = commands(path)
            for name, count in zip(cmds, pool.map(instructions, cmds.items())):
                counts.setdefault(name, []).append(count)
        path.unlink()
    per = {name: (c[1] - c[0]) / 2000 for name, c in counts.items()}
    print(f"instructions per case (callgrind, 3000 cases minus 1000): plain {per['plain'] / 1000:,.0f}k"
          f" | docket {per['text'] / 1000:,.0f}k = {per['text'] / per['plain']:.2f}x"
          f" | --json {per['--json'] / 1000:,.0f}k = {per['--json'] / per['plain']:.2f}x")


def main() -> None:
    if "--instructions" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            warm_up(tmp)
            per_case_instructions(tmp)
        return
    quick = "--quick" in sys.argv
    sizes = (2000, 5000) if quick else (12000, 100000)
    if "--sizes" in sys.argv:
        sizes = tuple(int(x) for x in sys.argv[sys.argv.index("--sizes") + 1].split(","))
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    if "--bad-only" in sys.argv:  # only the bad-last-entry docket, at the largest size
        sizes = sizes[-1:]
    print(f"load average at start: {os.getloadavg()}  (2 cores shared with other work: figures are noisy)")
    print(f"times: CPU seconds (user + system) of each child, the least of {rounds} round(s); "
          "wall seconds beside them; ratios compare CPU seconds")
    with tempfile.TemporaryDirectory() as tmp:
        warm_up(tmp)
        rows = []
        for n in () if "--bad-only" in sys.argv else sizes:
            path = Path(tmp) / f"docket-{n}.json"
            write(path, n)
            r, paired = best(path, rounds, n)
            plain, text, js = r["plain"], r["text"], r["--json"]
            rows.append((n, plain, text, js, paired))
            print(f"{n:>7} cases (CPU s / wall s / peak RSS): plain {plain[4]:6.2f} / {plain[0]:6.1f} / {plain[1]:4.0f} MB"
                  f" | docket {text[4]:6.2f} / {text[0]:6.1f} / {text[1]:4.0f} MB = {text[4] / plain[4]:.2f}x CPU"
                  f" | --json {js[4]:6.2f} / {js[0]:6.1f} / {js[1]:4.0f} MB = {js[4] / plain[4]:.2f}x CPU"
                  f" | paired (median of the rounds' ratios): docket {paired['text']:.2f}x, --json {paired['--json']:.2f}x",
                  flush=True)
            path.unlink()
        if rows:
            print(f"goals: docket ≤ {GOAL_RATIO}x plain (CPU, the paired ratio), peak RSS ≤ {GOAL_RSS_MB} MB")
            for n, plain, text, js, paired in rows:
                for name, r in (("text", text), ("--json", js)):
                    ratio = paired[name]
                    print(f"  {n:>7} cases {name:<6}: {ratio:.2f}x {'met' if ratio <= GOAL_RATIO else 'NOT met'}"
                          f" (least CPU of each: {r[4] / plain[4]:.2f}x)"
                          f", peak RSS {r[1]:.0f} MB {'met' if r[1] <= GOAL_RSS_MB else 'NOT met'}")
        n = sizes[-1]
        bad = Path(tmp) / f"bad-{n}.json"
        write(bad, n, bad_last=True)
        r = run(commands(bad)["--json"])
        print(f"{n:>7} entries, bad last entry (--json): {r[4]:.1f} CPU s / {r[0]:.1f} s / {r[1]:.0f} MB, "
              f"exit {r[2]}: {r[3][:160]}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
