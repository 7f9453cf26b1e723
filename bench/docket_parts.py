"""Docket parts bench: instructions per case of each part of `yingsu docket`, under valgrind.

    python bench/docket_parts.py          # about 3 minutes (two valgrind children at a time)
    python bench/docket_parts.py --json   # the same figures as one JSON object

bench/docket.py --instructions gives the whole commands; this gives their parts, to judge a
change to one of them. Each part runs once, in a child process, on 1,000 and on 3,000 cases
(everything warmed first). It runs inside its own C-level iterator (itertools.takewhile,
dropwhile, …), so callgrind's inclusive cost of that C function is the part's cost. The
difference between the two sizes over 2,000 is its instructions per case (fixed costs cancel).
The parts run on decisions made beforehand, so "plain" (json.loads, validate, evaluate) is the
reference they add to.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from docket import write  # noqa: E402

# the C function (what callgrind names) whose inclusive cost is the part's
PARTS = {
    "takewhile_next": "plain: json.loads, validate, evaluate",
    "dropwhile_next": "docket load (JsonDocket)",
    "filterfalse_next": "pass 1 (first-trial keys)",
    "starmap_next": "tallies",
    "functools_reduce": "agenda.add",
    "accumulate_next": "agenda.json_items",
    "groupby_next": "DocketCase and its JSON",
}

CHILD = r'''
import functools, gc, io, itertools, json, sys
from datetime import date
gc.disable()
from yingsu import Case
from yingsu.caseio import json_object_pairs
from yingsu.docket import load as L
from yingsu.docket.agenda import Agenda
from yingsu.docket.case_json import CaseJson
from yingsu.docket.figures import Tallies
from yingsu.docket.first_trial import derive, key_of
from yingsu.docket.models import DocketCase, trusted
from yingsu.docket.targets import first_trial_spec
from yingsu.engine import evaluate

today = date.fromisoformat(sys.argv[2])
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    text = f.read()
entries = list(L.JsonDocket(text, path))
cases = [e.case for e in entries]
decisions = [evaluate(c, today=today) for c in cases]
spec = first_trial_spec()
keys = [key_of(e.id, e.case, spec, {}) for e in entries]
cities = [e.case.city._value_ for e in entries]
labels = [k.label for k in keys]
firsts, _ = derive(keys, cities)

def plain():
    for d in json.loads(text, object_pairs_hook=json_object_pairs):
        evaluate(Case.model_validate(d), today=today)

def load():
    list(L.JsonDocket(text, path))

def pass1():
    memo = {}
    [key_of(e.id, e.case, spec, memo) for e in entries]
    [e.case.city._value_ for e in entries]

def tallies():
    t = Tallies(today)
    for c, d, city, label in zip(cases, decisions, cities, labels):
        t.add(c, d, city, label)

def agenda():
    a = Agenda(today)
    for e, d, city in zip(entries, decisions, cities):
        a.add(e.id, city, d, e.case.events.hearing, e.done)
    return a

built = agenda()  # sorted by the warm-up's json_items: the measured one is without the sort

def agenda_json():
    list(built.json_items())

def docket_cases():
    case_json = CaseJson()  # as write_docket_json writes each case
    for e, city, label, ft, d in zip(entries, cities, labels, firsts, decisions):
        dc = trusted(DocketCase, id=e.id, city=city, defendant=label, first_trial_of_year=ft.model(),
                     decision=d, warnings=[], done=e.done)
        case_json(dc)

for f in (plain, load, pass1, tallies, agenda_json, docket_cases):
    f()  # warm: every cache filled, bytecode run once
stop = lambda f: lambda _: (f(), False)[1]
list(itertools.takewhile(stop(plain), [0]))
list(itertools.dropwhile(stop(load), [0]))
list(itertools.filterfalse(lambda _: (pass1(), True)[1], [0]))
list(itertools.starmap(tallies, [()]))
functools.reduce(lambda a, b: agenda(), [0, 0])
list(itertools.accumulate([0, 0], lambda a, b: agenda_json()))
list(itertools.groupby([0], key=lambda _: docket_cases()))
'''


def inclusive(out: Path) -> dict[str, int]:
    """Each part's C function and its inclusive instructions, from callgrind_annotate."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                          capture_output=True, text=True, check=True).stdout
    found: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts or not line.rstrip().endswith("]"):
            continue
        for fn in PARTS:
            if f":{fn} " in line and fn not in found:
                found[fn] = int(parts[0].replace(",", ""))
    return found


def measure(path: Path, out: Path) -> dict[str, int]:
    argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", CHILD,
            str(path), "2026-11-23"]
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or [""])[-1]
        raise SystemExit(f"the child on {path.name} failed ({p.returncode}): {tail}")
    return inclusive(out)


def main() -> None:
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        raise SystemExit("valgrind (callgrind_annotate) is needed: apt-get install valgrind")
    sizes = (1000, 3000)
    with tempfile.TemporaryDirectory() as tmp:
        paths = {n: Path(tmp) / f"d{n}.json" for n in sizes}
        for n, p in paths.items():
            write(p, n)
        with ThreadPoolExecutor(2) as pool:
            got = dict(zip(sizes, pool.map(lambda n: measure(paths[n], Path(tmp) / f"cg{n}.out"), sizes)))
    per = {fn: (got[3000][fn] - got[1000][fn]) / (sizes[1] - sizes[0])
           for fn in PARTS if fn in got[1000] and fn in got[3000]}
    print(json.dumps({PARTS[fn]: round(v) for fn, v in per.items()}, ensure_ascii=False) if "--json" in sys.argv
          else "\n".join(f"{PARTS[fn]:40s} {v / 1000:8.1f}k instructions per case" for fn, v in per.items()))
    missing = [PARTS[fn] for fn in PARTS if fn not in per]
    if missing:
        raise SystemExit(f"not found in callgrind's output: {', '.join(missing)}")


if __name__ == "__main__":
    main()
