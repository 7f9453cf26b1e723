"""yingsu's benchmark: the engine against the floor and its peers, each as a ratio measured in
the same run on the same inputs. Prints every figure and writes bench/RESULTS.md.

    python bench/run.py              # everything (about 5 minutes on 2 cores)
    python bench/run.py --no-1m      # without the 1,000,000-case batch runs
    python bench/run.py --quick      # small sizes, to check the bench itself

Not a unit test: timings depend on the machine and on whatever else runs on it. Each timing
is the best of several rounds, the two sides of a ratio alternating round by round, with the
garbage collector paused while a round runs (for both sides alike).
See bench/README.md for what each figure means.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

import cases as gen  # noqa: E402
import floor_xianzhou  # noqa: E402

import yingsu  # noqa: E402
from yingsu.calendar import default_calendar  # noqa: E402
from yingsu.engine import _Evaluation  # noqa: E402
from yingsu.rulesets import get_ruleset  # noqa: E402

TODAY = date(2026, 11, 23)
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


# --- measuring ---------------------------------------------------------------------------


def timed(run: Callable[[], Any]) -> float:
    gc.collect()
    gc.disable()
    try:
        t = time.perf_counter()
        run()
        return time.perf_counter() - t
    finally:
        gc.enable()


def paired(a: Callable[[], Any], b: Callable[[], Any], rounds: int) -> tuple[float, float]:
    """Best time of a and of b over `rounds`, alternating a, b, a, b, …"""
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(timed(a))
        tb.append(timed(b))
    return min(ta), min(tb)


def us(seconds: float, n: int) -> float:
    return seconds / n * 1e6


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.goals: list[tuple[str, str, bool | None]] = []

    def out(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def goal(self, name: str, figure: str, met: bool | None) -> None:
        self.goals.append((name, figure, met))
        self.out(f"  goal {name}: {figure} -> {'MET' if met else 'not met' if met is not None else 'n/a'}")


# --- (1) the compiled decisions against the floor -----------------------------------------


def canon(parts) -> tuple:
    (chosen, rows, designated), (level, who, basis), (is_loss, loss_rule) = parts
    return (
        tuple(r.id for r in chosen),
        tuple((role.value, name, duty.value, scope.value) for role, name, duty, scope in rows),
        tuple(r.value for r in designated),
        level.value,
        who,
        tuple(r.id for r in basis),
        is_loss,
        loss_rule.id if loss_rule is not None else None,
    )


def bench_floor(rep: Report, n: int, rounds: int) -> None:
    rep.out(f"## 1. 新洲 undertaking, appearance and loss: engine vs hand-written floor ({n:,} cases)")
    rs, cal = get_ruleset("xianzhou"), default_calendar()
    cases = [yingsu.Case.model_validate(d) for d in gen.generate(n, 11, city="xianzhou")]

    def engine(c):
        e = _Evaluation(c, rs, cal, None)
        return e.undertaking_parts(), e.appearance_parts(), e.loss_parts()

    decide = floor_xianzhou.decide
    wrong = [c for c in cases if canon(engine(c)) != decide(c)]
    rep.out(f"  floor checked equal to the engine on every case: {len(wrong)} differences")
    if wrong:
        raise SystemExit(f"floor and engine differ, e.g. {wrong[0].model_dump(mode='json')}")

    def run_engine():
        for c in cases:
            engine(c)

    def run_floor():
        for c in cases:
            decide(c)

    te, tf = paired(run_engine, run_floor, rounds)
    rep.out(f"  engine {us(te, n):.2f} µs/case, floor {us(tf, n):.2f} µs/case, ratio {te / tf:.2f}×")
    hot = cases[:1000]
    th_e, th_f = paired(lambda: [engine(c) for c in hot * 20], lambda: [decide(c) for c in hot * 20], rounds)
    rep.out(f"  (the same 1,000 cases 20 times, cache-resident: engine {us(th_e, 20000):.2f} µs, "
            f"floor {us(th_f, 20000):.2f} µs, ratio {th_e / th_f:.2f}×)")
    rep.goal("(1) engine ≤ 2× floor", f"{te / tf:.2f}×", te / tf <= 2)


# --- (2) the undertaking decision against zen-engine --------------------------------------


def bench_zen(rep: Report, n: int, rounds: int) -> None:
    rep.out(f"## 2. 新洲 undertaking: yingsu vs GoRules zen-engine decision table ({n:,} cases)")
    try:
        import zen
        from importlib.metadata import version
    except ImportError:
        rep.out("  zen-engine is not installed (pip install zen-engine): not measured")
        rep.goal("(2) yingsu ≥ 20× faster than zen-engine", "not measured", None)
        return
    import zen_undertaking

    content = json.dumps(zen_undertaking.decision_table(), ensure_ascii=False)
    engine = zen.ZenEngine({"loader": lambda key: content})  # a static loader
    decision = engine.create_decision(content)
    rs, cal = get_ruleset("xianzhou"), default_calendar()
    cases = [yingsu.Case.model_validate(d) for d in gen.generate(n, 11, city="xianzhou")]
    # the table holds the deciding rules: compare on cases no replace/carry rule changes
    cases = [c for c in cases if len(_Evaluation(c, rs, cal, None).undertaking_parts()[0]) == 1]
    contexts = [c.model_dump(mode="json") for c in cases]  # zen's input, prepared like yingsu's Case

    def ours(c):
        chosen, rows, designated = _Evaluation(c, rs, cal, None).undertaking_parts()
        return (
            tuple(r.id for r in chosen),
            tuple((role.value, name, duty.value, scope.value) for role, name, duty, scope in rows),
            tuple(r.value for r in designated),
        )

    wrong = sum(ours(c) != zen_undertaking.canonical(engine.evaluate("undertaking", x)) for c, x in zip(cases, contexts))
    rep.out(f"  zen-engine {version('zen-engine')}: decision table checked equal to the engine on every case: "
            f"{wrong} differences")
    if wrong:
        raise SystemExit("zen decision table and engine differ")

    def run_ours():
        for c in cases:
            _Evaluation(c, rs, cal, None).undertaking_parts()

    def run_zen():
        for x in contexts:
            engine.evaluate("undertaking", x)

    def run_zen_decision():
        for x in contexts:
            decision.evaluate(x)

    ty, tz = paired(run_ours, run_zen, rounds)
    _, td = paired(lambda: None, run_zen_decision, rounds)
    rep.out(f"  yingsu {us(ty, n):.2f} µs, zen engine.evaluate (static loader) {us(tz, n):.1f} µs: "
            f"yingsu {tz / ty:.1f}× faster")
    rep.out(f"  (zen create_decision once, then decision.evaluate: {us(td, n):.1f} µs: yingsu {td / ty:.1f}× faster)")
    rep.goal("(2) yingsu ≥ 20× faster than zen engine.evaluate", f"{tz / ty:.1f}×", tz / ty >= 20)


# --- (3) working-day arithmetic ---------------------------------------------------------


def bench_calendar(rep: Report, n: int, n_peer: int, rounds: int) -> None:
    import holidays

    rep.out(f"## 3. The 30th working day after a random date 2005-01-01…2026-10-31 ({n:,} dates; peers {n_peer:,})")
    rng = random.Random(3)
    lo, hi = date(2005, 1, 1).toordinal(), date(2026, 10, 31).toordinal()
    dates = [date.fromordinal(rng.randint(lo, hi)) for _ in range(n)]
    peer = dates[:n_peer]
    cal = default_calendar()
    cal.working_day_after(dates[0], 30)  # builds the index once
    china = holidays.China(years=range(2004, 2028))
    china.get_nth_working_day(dates[0], 30)

    ours = [cal.working_day_after(d, 30) for d in peer]
    theirs = [china.get_nth_working_day(d, 30) for d in peer]
    diff = [(d, a, b) for d, a, b in zip(peer, ours, theirs) if a != b]
    years = sorted({d.year for d, _, _ in diff})
    rep.out(f"  holidays {holidays.__version__} get_nth_working_day (same meaning: the n-th working day after): "
            f"{len(peer) - len(diff):,} of {len(peer):,} equal" + (f"; different in {years}" if diff else ""))
    for d, a, b in diff[:3]:
        rep.out(f"    e.g. {d}: yingsu {a}, holidays {b}")

    try:
        import chinese_calendar as cc
        from importlib.metadata import version

        cc_version = version("chinesecalendar")
    except ImportError:
        cc = None
    if cc is not None:
        day, days = date(2004, 1, 1), []
        while day <= date(2026, 12, 31):  # chinesecalendar's data: 2004–2026
            if cal.is_working_day(day) != cc.is_workday(day):
                days.append(day)
            day = date.fromordinal(day.toordinal() + 1)
        rep.out("  working days 2004–2026 on which yingsu and chinesecalendar disagree: "
                + (", ".join(f"{d} ({d:%a}: yingsu {'working' if cal.is_working_day(d) else 'rest'})" for d in days)
                   or "none"))
        # find_workday(n, d) counts d itself when d is a working day: the same meaning only then.
        same = [(d, a) for d, a in zip(peer, ours) if cc.is_workday(d)]
        cc_diff = [(d, a, cc.find_workday(30, d)) for d, a in same if cc.find_workday(30, d) != a]
        rep.out(f"  chinesecalendar {cc_version} find_workday (same meaning when the start is a working day): "
                f"{len(same) - len(cc_diff):,} of {len(same):,} equal")
        for d, a, b in cc_diff[:3]:
            rep.out(f"    e.g. {d}: yingsu {a}, chinesecalendar {b}")

    def run_ours():
        for d in dates:
            cal.working_day_after(d, 30)

    def run_holidays():
        for d in peer:
            china.get_nth_working_day(d, 30)

    t_ours, t_h = paired(run_ours, run_holidays, rounds)
    a, b = us(t_ours, n), us(t_h, n_peer)
    rep.out(f"  yingsu {a:.3f} µs, holidays {b:.1f} µs: yingsu {b / a:.0f}× faster")
    if cc is not None:
        def run_cc():
            for d in peer:
                cc.find_workday(30, d)

        _, t_cc = paired(lambda: None, run_cc, rounds)
        c = us(t_cc, n_peer)
        rep.out(f"  chinesecalendar {c:.1f} µs: yingsu {c / a:.0f}× faster")
    rep.goal("(3) yingsu ≥ 40× faster than holidays", f"{b / a:.0f}×", b / a >= 40)


# --- (4) the whole evaluation against validating the case alone ---------------------------


def bench_whole(rep: Report, n: int, rounds: int) -> None:
    rep.out(f"## 4. Whole evaluation vs Case.model_validate alone ({n:,} cases, all cities)")
    data = list(gen.generate(n, 5))
    validate, evaluate = yingsu.Case.model_validate, yingsu.evaluate
    for d in data[:200]:
        evaluate(validate(d), today=TODAY)

    def run_validate():
        for d in data:
            validate(d)

    def run_whole():
        for d in data:
            evaluate(validate(d), today=TODAY)

    def run_whole_json():
        for d in data:
            evaluate(validate(d), today=TODAY).model_dump_json()

    tv, tw = paired(run_validate, run_whole, rounds)
    _, tj = paired(lambda: None, run_whole_json, rounds)
    rep.out(f"  validate {us(tv, n):.1f} µs; validate + all decisions + deadlines + Decision {us(tw, n):.1f} µs: "
            f"{tw / tv:.2f}×")
    rep.out(f"  (with the Decision serialised as JSON too: {us(tj, n):.1f} µs, {tj / tv:.2f}×)")
    rep.goal("(4) whole evaluation ≤ 10× validation", f"{tw / tv:.2f}×", tw / tv <= 10)


# --- (5) scale -----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    kids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    kids.append(int(name))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _busy_seconds() -> float:
    """CPU time used by everything on the machine so far (from /proc/stat), in seconds."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_batch(path: Path, out: str, workers: int) -> dict[str, Any]:
    """Run `yingsu batch` as a child: its wall time, CPU time (with its workers), peak RSS (the
    main process, and all its processes), and the CPU time other processes took meanwhile."""
    cmd = [sys.executable, "-m", "yingsu", "batch", str(path), out, "--workers", str(workers), "--today", str(TODAY)]
    busy = _busy_seconds()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_main = peak_tree = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        main = _rss_kib(proc.pid)
        tree = main + sum(_rss_kib(k) for k in _children(proc.pid))
        peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
        time.sleep(0.05)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    other = max(0.0, _busy_seconds() - busy - cpu)
    err = proc.stderr.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"yingsu batch failed ({proc.returncode}): {err}")
    return {"wall": wall, "cpu": cpu, "other": other / wall, "main": peak_main / 1024, "tree": peak_tree / 1024}


def run_batch_quietly(path: Path, out: str, workers: int, tries: int = 2) -> dict[str, Any]:
    """run_batch, again (up to `tries` runs) when other processes took a quarter of a core or
    more meanwhile; the least disturbed run counts."""
    runs = [run_batch(path, out, workers)]
    while runs[-1]["other"] >= 0.25 and len(runs) < tries:
        runs.append(run_batch(path, out, workers))
    best = min(runs, key=lambda r: r["other"])
    best["runs"] = len(runs)
    return best


def bench_scale(rep: Report, sizes: list[int]) -> None:
    rep.out(f"## 5. Scale: yingsu batch over {', '.join(f'{s:,}' for s in sizes)} generated cases (JSON Lines)")
    results: dict[tuple[int, int], dict] = {}
    with tempfile.TemporaryDirectory(prefix="yingsu-bench-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"cases-{size}.jsonl"
            t = time.perf_counter()
            gen.write_jsonl(str(path), size, seed=21)
            rep.out(f"  generated {size:,} cases ({path.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t:.1f} s")
            if size == sizes[0]:  # the output itself, checked once: 2 workers write what 1 writes
                one, two = Path(tmp) / "one.jsonl", Path(tmp) / "two.jsonl"
                run_batch(path, str(one), 1)
                run_batch(path, str(two), 2)  # (timed below, to /dev/null)
                lines = one.read_bytes().count(b"\n")
                same = one.read_bytes() == two.read_bytes()
                rep.out(f"  {size:,} cases: {lines:,} output lines; 2 workers' output identical to 1 worker's: {same}")
                if not same or lines != size:
                    raise SystemExit("batch outputs differ")
            for workers in (1, 2):
                r = results[(size, workers)] = run_batch_quietly(path, os.devnull, workers)
                rep.out(f"  {size:>9,} cases, {workers} worker{'s' if workers > 1 else ' '}: {r['wall']:7.1f} s "
                        f"({us(r['wall'], size):.0f} µs/case; CPU {r['cpu']:.1f} s), peak RSS {r['main']:.0f} MiB"
                        + (f" (all processes {r['tree']:.0f} MiB)" if workers > 1 else "")
                        + f"; other processes meanwhile {r['other']:.2f} core"
                        + (f" (best of {r['runs']} runs)" if r["runs"] > 1 else ""))
            path.unlink()
    big, mid, small = sizes[-1], sizes[-2] if len(sizes) > 2 else sizes[-1], sizes[0]
    for workers in (1, 2):
        key = "main" if workers == 1 else "tree"
        t_ratio = results[(big, workers)]["wall"] / results[(mid, workers)]["wall"]
        m_ratio = results[(big, workers)][key] / results[(small, workers)][key]
        scale = big / mid
        c_ratio = results[(big, workers)]["cpu"] / results[(mid, workers)]["cpu"]
        rep.goal(f"(5) time linear, {workers} worker(s): t({big:,}) ≤ {scale * 1.1:.0f}× t({mid:,})",
                 f"{t_ratio:.2f}× (CPU time {c_ratio:.2f}×)", t_ratio <= scale * 1.1)
        rep.goal(f"(5) memory flat, {workers} worker(s): peak({big:,}) ≤ 1.2× peak({small:,})",
                 f"{m_ratio:.2f}×", m_ratio <= 1.2)
    s1, s2 = results[(big, 1)]["wall"], results[(big, 2)]["wall"]
    rep.out(f"  2 workers vs 1 at {big:,}: {s1 / s2:.2f}× as fast")
    busy = max(results[(size, 2)]["other"] for size in sizes)
    if busy >= 0.5:
        rep.out(f"  (other processes took up to {busy:.2f} of the {os.cpu_count()} cores during the 2-worker runs: "
                "the workers could not run side by side, so this is no measure of the speed-up)")


# --- (6) start-up ----------------------------------------------------------------------------


def bench_startup(rep: Report, reps: int) -> None:
    rep.out(f"## 6. Start-up: yingsu evaluate on one case vs python -c 'import pydantic' (median of {reps})")
    example = ROOT / "examples" / "xianzhou-government-sued.yaml"
    ours = [sys.executable, "-m", "yingsu", "evaluate", str(example), "--json"]
    base = [sys.executable, "-c", "import pydantic"]

    def wall(cmd):
        t = time.perf_counter()
        subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t

    wall(ours), wall(base)  # warm the file cache
    a, b = [], []
    for _ in range(reps):
        a.append(wall(ours))
        b.append(wall(base))
    ma, mb = statistics.median(a), statistics.median(b)
    rep.out(f"  yingsu evaluate {ma * 1000:.0f} ms, import pydantic {mb * 1000:.0f} ms: {ma / mb:.1f}×")
    rep.goal("(6) start-up ratio (no goal set)", f"{ma / mb:.1f}×", None)


# --- main ----------------------------------------------------------------------------------


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes (checks the bench, not the figures)")
    ap.add_argument("--no-1m", action="store_true", help="leave out the 1,000,000-case batch runs")
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"), help="where to write the results")
    args = ap.parse_args()
    q = args.quick
    rep = Report()
    started = time.perf_counter()
    rep.out("# yingsu benchmark results")
    rep.out()
    rep.out(f"- run: {datetime.now().isoformat(timespec='seconds')}, `python bench/run.py"
            f"{' --quick' if q else ''}{' --no-1m' if args.no_1m else ''}`")
    rep.out(f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"pydantic {__import__('pydantic').VERSION}; load average at start {load()}")
    rep.out()
    rounds = 3 if q else 5
    bench_floor(rep, 5_000 if q else 100_000, rounds)
    rep.out()
    bench_zen(rep, 2_000 if q else 20_000, rounds)
    rep.out()
    bench_calendar(rep, 10_000 if q else 100_000, 1_000 if q else 10_000, rounds)
    rep.out()
    bench_whole(rep, 5_000 if q else 50_000, 3)
    rep.out()
    sizes = [1_000, 10_000, 100_000] if q else [10_000, 100_000] + ([] if args.no_1m else [1_000_000])
    bench_scale(rep, sizes)
    rep.out()
    bench_startup(rep, 3 if q else 7)
    rep.out()
    rep.out(f"- load average at end {load()}; whole bench {time.perf_counter() - started:.0f} s")
    rep.out()
    rep.out("## Goals")
    rep.out()
    rep.out("| goal | figure | met |")
    rep.out("|---|---|---|")
    for name, figure, met in rep.goals:
        rep.out(f"| {name} | {figure} | {'yes' if met else 'no' if met is not None else '—'} |")
    Path(args.out).write_text("\n".join(rep.lines) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
