"""Command line (命令行): evaluate or compare a case, list rules, print schemas, check rulesets.

Every error is one line on stderr and exit code 2; never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Sequence

from . import __version__
from . import commands as COMMANDS
from .caseio import case_schema, decision_schema, load_case
from .engine import compare, evaluate
from .errors import YingsuError
from .explain import cite, explain
from .rulesets import DecisionKind, available_cities, get_base, get_ruleset
from .streams import GuardedOutput, quiet_broken_pipe, refuse_same_file
from .yamlsafe import one_line

EXIT_ERROR = 2
EXIT_INCOMPLETE = 3  # batch: stopped before the end of IN (OUT.partial holds what was decided)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: one line, exit 2
        self.exit(EXIT_ERROR, f"yingsu: {message} (see 'yingsu --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="yingsu", description="行政应诉规则：应诉承办单位、负责人出庭、期限、败诉认定")
    p.add_argument("--version", action="version", version=f"yingsu {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ev = sub.add_parser("evaluate", help="decide one case (YAML or JSON) under its city's ruleset")
    ev.add_argument("case", help="case file (.yaml, .yml or .json)")
    ev.add_argument("--json", action="store_true", help="print the contract's Decision JSON")
    ev.add_argument("--today", type=_date, help="the date used when the case has no served date")

    cp = sub.add_parser("compare", help="decide one case under several cities' rulesets, side by side")
    cp.add_argument("case")
    cp.add_argument("--cities", help="城市：简称、地名或编号，逗号分隔（默认：全部）")
    cp.add_argument("--json", action="store_true", help="the Decision JSON per city")
    cp.add_argument("--basis", action="store_true", help="show each cell's article")
    cp.add_argument("--today", type=_date)

    ru = sub.add_parser("rules", help="list a ruleset's rules with their articles")
    ru.add_argument("city")
    ru.add_argument("--version", dest="ruleset_version", metavar="V", help="one dated version (default: the one in force today)")

    sc = sub.add_parser("schema", help="print the JSON Schema of the Case (default) or the Decision")
    sc.add_argument("which", nargs="?", choices=["case", "decision"], default="case")

    sub.add_parser("check", help="load and validate every ruleset, proving every quote")

    mx = sub.add_parser("matrix", help="render every scenario across the cities into docs/comparison.md")
    mx.add_argument("--scenarios", default="examples/scenarios", help="folder of scenario cases")
    mx.add_argument("--out", default="docs/comparison.md", help="the document to write ('-' for stdout)")
    mx.add_argument("--check", action="store_true", help="only check that --out is current (exit 1 if stale)")

    co = sub.add_parser("coverage", help="every article of an ordinance: the rules that encode it or why none does")
    co.add_argument("city", nargs="?", help="one city (default: all)")
    co.add_argument("--markdown", action="store_true", help="Markdown tables (as in the README)")

    dk = sub.add_parser("docket", help="a year's docket: every case, yearly figures against targets, the agenda")
    dk.add_argument("file", help="docket file: YAML or JSON list of cases (or of {id, case}), or CSV")
    dk.add_argument("--today", type=_date, help="the date overdue deadlines are marked against (default: today)")
    dk.add_argument("--ics", metavar="OUT.ics", help="also write the agenda as an iCalendar file (needs yingsu[ics])")
    dk.add_argument("--json", action="store_true", help="print the Docket JSON")

    bt = sub.add_parser("batch", help="decide a JSON Lines file of cases: one Decision (or error record) per line")
    bt.add_argument("input", metavar="IN", help="cases, one JSON object a line ('-' for stdin)")
    bt.add_argument("output", metavar="OUT", help="decisions, one JSON object a line ('-' for stdout)")
    bt.add_argument("--workers", type=_workers, default=1, help="processes to decide in (default 1)")
    bt.add_argument("--today", type=_date, help="the date used when a case has no served date")
    bt.add_argument("--resume", action="store_true",
                    help="continue an interrupted run from OUT.partial (no line lost, none repeated)")
    bt.add_argument("--summary", action="store_true",
                    help='end OUT with {"summary": {...}} once every line is decided')

    sv = sub.add_parser("serve", help="the HTTP service (JSON API, OpenAPI, /docs); needs yingsu[serve]")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--workers", type=_workers, default=1, help="worker processes (default 1)")
    for module in COMMANDS.MODULES:  # test, new-city, diff, annotate: one module each
        module.register(sub)
    return p


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of workers (1 or more)")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = GuardedOutput(sys.stdout)
    try:
        code = _run(args, out)
        out.flush()  # a full disk or an unencodable character shows here, not at exit
        return code
    except YingsuError as e:
        print(f"yingsu: {one_line(_officer_error(e, args))}", file=sys.stderr)  # a path may hold a line break
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("yingsu: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): end quietly, as `cat` would
        return quiet_broken_pipe()


def _officer_error(e: YingsuError, args: argparse.Namespace) -> str:
    """A case's validation error in Chinese for the officer's text outputs; --json keeps English.

    The English message follows on the same line (for integrators and scripts that match it)."""
    validation = getattr(e, "validation", None)
    if validation is None or getattr(args, "json", True) or args.command not in ("evaluate", "compare"):
        return str(e)
    from .officer_errors import officer_message

    where = f"{e.source}: " if getattr(e, "source", None) else ""
    english = str(e).removeprefix(where)
    return f"{where}{officer_message(validation)} —— 供系统集成：{english}"


def _cities(text: str) -> list[str]:
    """--cities 新洲,中卫 or xianzhou,zhongwei (ids, 简称 or full place names, ，or , between)."""
    from .labels import city_id, values

    names = [c.strip() for c in text.replace("，", ",").replace("、", ",").split(",")]
    if not any(names) or "" in names:
        example = ",".join(list(values("city").values())[:2])  # the first cities' 简称, from the headers
        raise YingsuError(f"--cities：城市名之间用逗号分隔，不能有空项（收到“{text}”），例如 --cities {example}")
    try:
        return [city_id(c) for c in names]
    except YingsuError as e:
        raise YingsuError(f"--cities：{e}") from None



def _load_case(path: str):
    """load_case, saying on stderr what it assumed (a GB18030 file), one line each."""
    notes: list[str] = []
    case = load_case(path, notes=notes)
    for note in notes:
        print(f"yingsu: {one_line(note)}", file=sys.stderr)
    return case


def _run(args: argparse.Namespace, out) -> int:
    if args.command == "evaluate":
        decision = evaluate(_load_case(args.case), today=args.today)
        if args.json:
            out.write(json.dumps(decision.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(explain(decision) + "\n")
        return 0
    if args.command == "compare":
        from .compare_view import render_table

        from .declared import missing_rulesets

        cities = _cities(args.cities) if args.cities is not None else None
        missing = {c: p for c, p in missing_rulesets().items() if cities is None or c in cities}
        if missing:  # a city left out silently would read as "no difference"
            names = ", ".join(f"{c} ({p} is missing)" for c, p in missing.items())
            raise YingsuError(f"compare: no ruleset for {names}; compare the other cities with --cities")
        decisions = compare(_load_case(args.case), cities, today=args.today)
        if args.json:
            data = {city: d.model_dump(mode="json") for city, d in decisions.items()}
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(render_table(decisions, basis=args.basis) + "\n")
        return 0
    if args.command == "rules":
        if args.city not in available_cities() and args.city != "national":
            raise YingsuError(f"unknown city '{args.city}' (known: {', '.join(available_cities())}, national)")
        rs = get_base() if args.city == "national" else get_ruleset(args.city, args.ruleset_version)
        version = f" 版本 {rs.version}" if rs.version else ""
        out.write(f"{rs.title}（{rs.number or '文号不详'}）{version}\n")
        for kind in DecisionKind:
            rules = rs.by_decision.get(kind) or [r for r in rs.rules if r.decision is kind]
            if not rules:
                continue
            out.write(f"\n[{kind.value}] ({rs.combine.get(kind, '—')})\n")
            for r in rules:
                out.write(f"  {r.id}\n    {cite(r.citation)}\n")
                if r.overrides:  # 例外规则: the rules this one wins over
                    out.write(f"    优先于：{'、'.join(o.rule for o in r.overrides)}\n")
                    for o in r.overrides:
                        if o.citation is not None:
                            out.write(f"      （{o.rule}：{cite(o.citation)}）\n")
        return 0
    if args.command == "schema":
        schema = case_schema() if args.which == "case" else decision_schema()
        out.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.command == "check":
        from .declared import missing_rulesets

        missing = missing_rulesets()
        for city, path in missing.items():  # every declared city must load
            print(f"yingsu: check: {city}: no ruleset: {path} is missing", file=sys.stderr)
        base = get_base()
        total = len(base.rules)
        out.write(f"national: {len(base.rules)} rules, quotes proved\n")
        from .checks import check_city

        todo = 0
        for city in available_cities():
            report = check_city(city)  # every version, the windows across versions, TODOs left
            total += report.rules
            out.write(report.text() + "\n")
            todo += report.todo
        if missing:
            print(f"yingsu: check failed: {len(missing)} declared cities have no ruleset", file=sys.stderr)
            return EXIT_ERROR
        if todo:
            print(f"yingsu: {todo} articles still read 'reason: TODO': encode them or give the reason", file=sys.stderr)
            return 1
        from .docket.targets import check_all  # targets and metrics: the same reader and quote proof

        out.write(f"targets: {check_all()} targets, quotes proved\n")
        out.write(f"all rulesets valid: {total} rules\n")
        return 0
    if args.command == "matrix":
        from pathlib import Path

        from .matrix import render_matrix

        text = render_matrix(Path(args.scenarios))
        if args.out == "-":
            out.write(text)
            return 0
        target = Path(args.out)
        if args.check:
            current = target.read_text(encoding="utf-8") if target.is_file() else ""
            if current != text:
                print(f"yingsu: {target} is stale: run 'yingsu matrix'", file=sys.stderr)
                return 1
            return 0
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        out.write(f"wrote {target}\n")
        return 0
    if args.command == "coverage":
        from .coverage import coverage, render_markdown, render_text

        cities = [args.city] if args.city else list(available_cities())
        for city in cities:
            if city not in available_cities():
                raise YingsuError(f"unknown city '{city}' (known: {', '.join(available_cities())})")
        if args.markdown:
            out.write(render_markdown(cities))
        else:
            out.write("\n\n".join(render_text(c) for c in cities) + "\n")
        gaps = [(c, r.article) for c in cities for r in coverage(get_ruleset(c)) if not r.covered]
        return 1 if gaps else 0
    if args.command == "docket":
        return _docket(args, out)
    if args.command == "batch":
        return _batch(args)
    if args.command == "serve":
        from .service import serve

        serve(args.host, args.port, args.workers)
        return 0
    if args.command in COMMANDS.BY_NAME:
        return COMMANDS.BY_NAME[args.command].run(args, out)
    raise YingsuError(f"unknown command {args.command}")


def _docket(args: argparse.Namespace, out) -> int:
    from .docket import open_docket, write_ics
    from .docket.cli import write_text
    from .docket.evaluate import gc_paused
    from .docket.jsonout import write_docket_json

    refuse_same_file("docket", [args.file], ([args.ics] if args.ics else []) + ["-"])
    tty = sys.stderr.isatty()  # progress only on a terminal, on stderr

    def progress(label: str):
        shown = [-1]

        def report(done: int, total: int) -> None:
            pct = done * 100 // max(total, 1)
            if pct != shown[0]:
                shown[0] = pct
                print(f"\r{label} {pct}%", file=sys.stderr, end="\n" if done >= total else "", flush=True)

        return report if tty else None

    today = args.today or date.today()
    with gc_paused(exiting=True):  # a docket's many live objects make the cyclic collector costly; no cycles
        entries = open_docket(args.file, progress=progress(f"读取 {args.file}"))
        decide = progress(f"决定 {len(entries)} 件案件")
        if args.json:
            run = write_docket_json(entries, out, today=today, progress=decide)
        else:
            run = write_text(entries, out, today=today, source=args.file, progress=decide)
        if args.ics:
            if tty:
                print(f"写日历 {args.ics} …", file=sys.stderr, flush=True)
            path = write_ics(run.agenda_items(), args.ics)
    if args.ics:
        print(f"日历：{path}（{len(run.agenda)} 个事件）", file=sys.stderr if args.json else out)
    return 0


def _batch(args: argparse.Namespace) -> int:
    """yingsu batch IN OUT: 0 when every line was decided, 1 when any line is an error
    record, 2 when IN or OUT cannot be used (nothing is decided then), 3 when the run
    stopped before the end of IN (interrupted, a worker died: OUT.partial, --resume)."""
    from .batch import InputNotLines, Interrupted, TerminalProgress, WorkerDied, run_files, worker_cap

    workers = args.workers
    if workers > 1:
        cap, why = worker_cap()
        if workers > cap:
            print(f"yingsu batch: --workers {workers} capped at {cap} ({why})", file=sys.stderr)
            workers = cap
    progress = TerminalProgress() if sys.stderr.isatty() else None
    try:
        result = run_files(args.input, args.output, workers=workers, today=args.today, progress=progress,
                           resume=args.resume, summary=args.summary)
    except (Interrupted, WorkerDied, InputNotLines) as e:
        if progress is not None and progress.shown:
            print(file=sys.stderr)
        print(f"yingsu: {e}", file=sys.stderr)
        return EXIT_INCOMPLETE
    if progress is not None:
        progress.done(result.lines)
    print(
        f"yingsu batch: {result.lines} lines, {result.decisions} decisions, {result.errors} errors",
        file=sys.stderr,
    )
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
