"""`yingsu new-city ID ordinance.txt [--out DIR]`: a skeleton ruleset from an ordinance text."""
from __future__ import annotations

NAME = "new-city"


def register(sub) -> None:
    p = sub.add_parser(NAME, help="write a skeleton ruleset (every article, reason: TODO) from an ordinance text")
    p.add_argument("city", metavar="ID", help="the new city's id (lower-case letters, digits, _)")
    p.add_argument("ordinance", metavar="ordinance.txt", help="the ordinance text (UTF-8)")
    p.add_argument("--out", metavar="DIR", help="the rulesets folder to write into (default: yingsu's own)")


def run(args, out) -> int:
    from ..cities import clear, rulesets_dir
    from ..skeleton import write_city
    from ..structure import parse
    from ..yamlsafe import read_file

    folder = write_city(args.city, args.ordinance, args.out or rulesets_dir())
    clear()
    parsed = parse(read_file(folder / "ordinance.txt"))
    docs = "；".join(f"{d.id or '全文'} {len(d.articles)} 条" for d in parsed.documents)
    items = sum(len(a.items) for a in parsed.articles)
    out.write(f"已写入 {folder}：{docs}，共 {len(parsed.articles)} 条、{items} 项，均为 reason: TODO\n")
    out.write(f"下一步：yingsu coverage {args.city}（逐条编码或写明理由），yingsu check，yingsu test {args.city}\n")
    return 0
