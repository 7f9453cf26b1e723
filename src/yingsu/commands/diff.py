"""`yingsu diff [OLD.txt] NEW.txt --city C`: articles changed, added, removed, and the rules whose
quotes no longer hold in the new text (without OLD: against the city's current text)."""
from __future__ import annotations

NAME = "diff"


def register(sub) -> None:
    p = sub.add_parser(NAME, help="compare two texts of a city's ordinance: changed articles, rules whose quotes break")
    p.add_argument("texts", nargs="+", metavar="TEXT", help="OLD.txt NEW.txt, or NEW.txt alone (against the city's text)")
    p.add_argument("--city", required=True, help="the city whose rules are checked against the new text")
    p.add_argument("--version", dest="ruleset_version", metavar="V", help="the version whose rules are checked")


def run(args, out) -> int:
    from ..errors import YingsuError
    from ..revision import compare, render
    from ..rulesets import available_cities, get_ruleset
    from ..yamlsafe import read_file

    if args.city not in available_cities():
        raise YingsuError(f"unknown city '{args.city}' (known: {', '.join(available_cities())})")
    if len(args.texts) > 2:
        raise YingsuError("diff: give OLD.txt NEW.txt, or NEW.txt alone")
    rs = get_ruleset(args.city, args.ruleset_version)
    if len(args.texts) == 2:
        old_name, new_name = args.texts
        old_text = read_file(old_name)
    else:
        (new_name,) = args.texts
        old_name, old_text = f"{args.city} 现行文本", rs.source.text
    rev = compare(old_text, read_file(new_name), rs)
    out.write(render(rev, args.city, old_name, new_name) + "\n")
    return 1 if rev.broken else 0
