"""`yingsu test [CITY] [--coverage]`: run the lawyer-written cases (案例) of rulesets/<city>/cases/."""
from __future__ import annotations

NAME = "test"


def register(sub) -> None:
    p = sub.add_parser(NAME, help="run the lawyer-written cases (rulesets/<city>/cases/*.yaml)")
    p.add_argument("city", nargs="?", help="one city (default: every city with cases)")
    p.add_argument("--coverage", action="store_true", help="also list the rules no case fires (exit 1 if any)")


def run(args, out) -> int:
    from ..casebook import cities_with_cases, render_coverage, render_run, rule_coverage, run_city
    from ..cities import city_ids, city_labels
    from ..errors import YingsuError
    from ..versions import timeline

    if args.city is not None and args.city not in city_ids():
        raise YingsuError(f"unknown city '{args.city}' (known: {', '.join(city_ids())})")
    cities = [args.city] if args.city else cities_with_cases()
    if not cities:
        raise YingsuError("no cases found (rulesets/<city>/cases/*.yaml)")
    failed = unfired = 0
    for city in cities:
        outcomes = run_city(city)
        out.write(f"[{city_labels().get(city, city)} {city}] " + render_run(outcomes) + "\n")
        failed += sum(not o.passed for o in outcomes)
        if args.coverage:
            cov = rule_coverage(city, outcomes)
            total = sum(len(rs.rules) for rs in timeline(city).versions)
            out.write(render_coverage(cov, total) + "\n")
            unfired += len(cov.unfired)
    return 1 if failed or unfired else 0
