"""`yingsu annotate CITY [--html]`: the ordinance article by article with the rules that encode it."""
from __future__ import annotations

NAME = "annotate"


def register(sub) -> None:
    p = sub.add_parser(NAME, help="the ordinance article by article with its rules, in words (Markdown or HTML)")
    p.add_argument("city", help="a city id, or national")
    p.add_argument("--html", action="store_true", help="one self-contained HTML page instead of Markdown")
    p.add_argument("--version", dest="ruleset_version", metavar="V", help="one dated version (default: in force today)")


def run(args, out) -> int:
    from ..annotate import render_html, render_markdown
    from ..errors import YingsuError
    from ..rulesets import available_cities, get_base, get_ruleset

    if args.city != "national" and args.city not in available_cities():
        raise YingsuError(f"unknown city '{args.city}' (known: {', '.join(available_cities())}, national)")
    rs = get_base() if args.city == "national" else get_ruleset(args.city, args.ruleset_version)
    out.write(render_html(rs) if args.html else render_markdown(rs))
    return 0
