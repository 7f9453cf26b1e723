"""`yingsu check` per city (规则集校验): every version loaded and its quotes proved, the validity
windows across versions, and the articles a skeleton still leaves as `reason: TODO`."""
from __future__ import annotations

from dataclasses import dataclass

from .rulesets import TODO
from .versions import timeline


@dataclass(frozen=True)
class CityCheck:
    city: str
    lines: tuple[str, ...]
    rules: int
    todo: int
    warnings: tuple[str, ...]

    def text(self) -> str:
        return "\n".join(self.lines + tuple(f"  warning: {w}" for w in self.warnings))


def todo_articles(rs) -> list[str]:
    return [f"{d} {a}" if d else a for (d, a), reason in rs.articles.items() if reason == TODO]


def check_city(city: str) -> CityCheck:
    """Load every version of a city (raises RulesetError on the first problem)."""
    t = timeline(city)
    lines, rules, todo = [], 0, 0
    for rs in t.versions:
        name = f"{city} {rs.version}" if len(t.versions) > 1 else city
        left = todo_articles(rs)
        rules += len(rs.rules)
        todo += len(left)
        line = f"{name}: {len(rs.rules)} rules, quotes proved"
        if left:
            line += f"; {len(left)} articles still TODO: {', '.join(left[:8])}{' …' if len(left) > 8 else ''}"
        lines.append(line)
    return CityCheck(city, tuple(lines), rules, todo, t.warnings)
