"""Article coverage (条文覆盖): for every article of an ordinance, the rules that encode it or
the recorded reason none does. The README's coverage table is generated from this."""
from __future__ import annotations

from dataclasses import dataclass

from .rulesets import TODO, Ruleset, available_cities, get_ruleset


@dataclass(frozen=True)
class ArticleCoverage:
    document: str | None
    article: str
    rules: tuple[str, ...]
    reason: str | None

    @property
    def covered(self) -> bool:
        return bool(self.rules) or (bool(self.reason) and self.reason != TODO)


def coverage(rs: Ruleset) -> list[ArticleCoverage]:
    """Every article of the ruleset's source text, in the text's order."""
    rows = []
    for doc, article in rs.source.order:
        ids = tuple(r.id for r in rs.rules if r.article == article and r.document == doc)
        rows.append(ArticleCoverage(doc, article, ids, rs.articles.get((doc, article))))
    return rows


def render_markdown(cities: list[str] | None = None) -> str:
    """One Markdown table per city: article | rules | reason."""
    out = []
    for city in cities or list(available_cities()):
        rs = get_ruleset(city)
        out.append(f"#### {rs.title}（`{city}`）\n")
        out.append("| 条 | 规则 | 未编码的理由 |")
        out.append("|---|---|---|")
        for row in coverage(rs):
            label = f"{row.document} {row.article}" if row.document else row.article
            rules = "<br>".join(f"`{r}`" for r in row.rules) or "—"
            out.append(f"| {label} | {rules} | {row.reason or ''} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_text(city: str) -> str:
    rs = get_ruleset(city)
    lines = [f"{rs.title}（{city}）"]
    for row in coverage(rs):
        label = f"{row.document} {row.article}" if row.document else row.article
        if row.rules:
            lines.append(f"  {label}: {', '.join(row.rules)}")
        elif row.reason == TODO:
            lines.append(f"  {label}: !! TODO（待编码或写明理由）")
        elif row.reason:
            lines.append(f"  {label}: （未编码）{row.reason}")
        else:
            lines.append(f"  {label}: !! 既无规则也无理由")
    return "\n".join(lines)
