"""Start-up (启动时间): `yingsu evaluate` on one case against `python -c "import pydantic"`.

    python bench/startup.py [--rounds 15] [--case examples/xianzhou-government-sued.yaml]
    python bench/startup.py --before /tmp/old   # also an older source tree (its src/), same run

Prints the median and best wall time of each command (fresh processes, run alternately so
the machine's load hits both alike), their ratio (goal ≤ 2.5×), and the first in-process
`evaluate` after import (the calendar index and ruleset load it triggers). Nothing here is
a test: the figures depend on the machine.

Two more lines show where the floor is: pydantic imported as `yingsu.models` imports it
(BaseModel, Field, validators: before a single model is built) and `import yingsu` (every
model built, nothing decided); then, from `python -X importtime`, how long building the Case
and Decision models takes. The children run with bytecode caching on (PYTHONDONTWRITEBYTECODE
removed), as an installed package runs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYDANTIC_AS_IMPORTED = ("from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, "
                        "ValidationError, model_validator")


def wall(cmd: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--case", default="examples/xianzhou-government-sued.yaml")
    ap.add_argument("--before", help="an older source tree to time in the same run (PYTHONPATH=<it>/src)")
    args = ap.parse_args()
    py = sys.executable
    case = str(ROOT / args.case)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    sides = {
        "import pydantic": ([py, "-c", "import pydantic"], env),
        "floor: pydantic as imported": ([py, "-c", PYDANTIC_AS_IMPORTED], env),
        "import yingsu": ([py, "-c", "import yingsu"], env),
        "yingsu evaluate": ([py, "-m", "yingsu", "evaluate", case], env),
        "yingsu evaluate --json": ([py, "-m", "yingsu", "evaluate", case, "--json"], env),
    }
    if args.before:
        old = {**env, "PYTHONPATH": str(Path(args.before) / "src")}
        sides["before: yingsu evaluate"] = ([py, "-m", "yingsu", "evaluate", case], old)
    for cmd, env in sides.values():  # warm the file cache and any on-disk cache
        wall(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(args.rounds):
        for name, (cmd, env) in sides.items():
            times[name].append(wall(cmd, env))
    base = statistics.median(times["import pydantic"])
    best = min(times["import pydantic"])
    print(f"load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:26s} median {med * 1000:6.0f} ms  best {min(ts) * 1000:6.0f} ms  "
              f"{med / base:4.2f}× pydantic (median)  {min(ts) / best:4.2f}× (best)")

    code = (
        "import time; t=time.perf_counter(); import yingsu; t1=time.perf_counter();"
        f"c=yingsu.load_case({args.case!r}); t2=time.perf_counter(); yingsu.evaluate(c);"
        "t3=time.perf_counter(); yingsu.evaluate(c); t4=time.perf_counter();"
        "print(f'import yingsu {1000*(t1-t):.0f} ms, load_case {1000*(t2-t1):.0f} ms, "
        "first evaluate {1000*(t3-t2):.0f} ms, second {1000*(t4-t3):.2f} ms')"
    )
    for _ in range(2):
        out = subprocess.run([py, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT, env=env)
    print("in process:", out.stdout.strip())
    builds = []
    for _ in range(5):
        trace = subprocess.run([py, "-X", "importtime", "-c", "import yingsu"], check=True, capture_output=True,
                               text=True, cwd=ROOT, env=env).stderr
        own = {}
        for line in trace.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                own[parts[2].strip()] = int(parts[0])
        builds.append((own.get("yingsu.models", 0) + own.get("yingsu.decision", 0)) / 1000)
    print(f"building the Case and Decision models (own import time of yingsu.models + yingsu.decision): "
          f"median {statistics.median(builds):.0f} ms")


if __name__ == "__main__":
    main()
