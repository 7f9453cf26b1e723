"""Docket bench: `yingsu docket` against evaluating the same cases one by one, and its memory.

    python bench/docket.py               # 12,000 / 20,000 / 100,000 cases (several minutes)
    python bench/docket.py --quick       # 2,000 and 5,000 cases: checks the bench itself

Each figure is one child process, timed by wall clock; its peak RSS is the kernel's (wait4).
Inputs are JSON dockets of bench/cases.py's generated cases (every city). "plain" reads the
same file, validates each case and evaluates it, one by one, keeping nothing (what a caller
would do without the docket). Goals (issue 13 and 10): docket ≤ 1.5× plain; peak RSS of a
100,000-case docket ≤ 1 GB, text and --json; a bad last entry reported fast, with its line.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cases import generate  # noqa: E402

TODAY = "2026-11-23"
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


def write(path: Path, n: int, bad_last: bool = False) -> None:
    cases = list(generate(n))
    if bad_last:
        cases[-1] = {**cases[-1], "defendant": {"kind": "govt"}}
    with path.open("w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in cases))
        f.write("\n]\n")


def run(argv: list[str]) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, last line of stderr) of one child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return seconds, usage.ru_maxrss / 1024, p.returncode, tail[0]


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = (2000, 5000) if quick else (12000, 20000, 100000)
    py = sys.executable
    print(f"load average at start: {os.getloadavg()}  (2 cores shared with other work: figures are noisy)")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for n in sizes:
            path = Path(tmp) / f"docket-{n}.json"
            write(path, n)
            plain = run([py, "-c", PLAIN, str(path), TODAY])
            text = run([py, "-m", "yingsu", "docket", str(path), "--today", TODAY])
            js = run([py, "-m", "yingsu", "docket", str(path), "--today", TODAY, "--json"])
            for name, r in (("plain", plain), ("docket", text), ("docket --json", js)):
                if r[2] != 0:
                    raise SystemExit(f"{name} at {n} failed ({r[2]}): {r[3]}")
            rows.append((n, plain, text, js))
            print(f"{n:>7} cases: plain {plain[0]:6.1f} s {plain[1]:6.0f} MB | docket {text[0]:6.1f} s "
                  f"{text[1]:6.0f} MB ({text[0] / plain[0]:.2f}x) | --json {js[0]:6.1f} s {js[1]:6.0f} MB "
                  f"({js[0] / plain[0]:.2f}x)", flush=True)
            path.unlink()
        n = sizes[-1]
        bad = Path(tmp) / f"bad-{n}.json"
        write(bad, n, bad_last=True)
        r = run([py, "-m", "yingsu", "docket", str(bad), "--today", TODAY, "--json"])
        print(f"{n:>7} entries, bad last entry: {r[0]:.1f} s {r[1]:.0f} MB, exit {r[2]}: {r[3]}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
