"""Text revisions (修订对比): what changed between two texts of an ordinance, and which rules'
quotes no longer hold in the new text: the list a lawyer works through when it is revised.

Both texts are split as the ruleset's loader splits them (its documents, its article headings),
and compared article by article with line breaks, page footers and spaces ignored. An article
whose text reappears under another number is reported as renumbered, not as removed and added.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .sources import SourceText, quote_problem


@dataclass
class Revision:
    changed: list[tuple[str | None, str]] = field(default_factory=list)
    added: list[tuple[str | None, str]] = field(default_factory=list)
    removed: list[tuple[str | None, str]] = field(default_factory=list)
    renumbered: list[tuple[tuple[str | None, str], tuple[str | None, str]]] = field(default_factory=list)
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (rule id, article label, why)
    kept: int = 0  # rules whose quotes still hold

    @property
    def unchanged(self) -> bool:
        return not (self.changed or self.added or self.removed or self.renumbered or self.broken)


def _body(segment: str) -> str:
    """An article's text without its heading and without any white space or markdown."""
    text = "".join(segment.split()).replace("*", "")
    i = text.find("条")
    return text[i + 1:] if text.startswith("第") and i > 0 else text


def label(key: tuple[str | None, str]) -> str:
    document, article = key
    return f"{document} {article}" if document else article


def compare(old_text: str, new_text: str, rs) -> Revision:
    """Compare two texts of the ordinance of ruleset `rs` (its documents split both)."""
    documents = rs.source.documents if rs.source is not None else SourceText("").documents
    old, new = SourceText(old_text, documents), SourceText(new_text, documents)
    rev = Revision()
    old_bodies = {k: _body(v) for k, v in old.articles.items()}
    new_bodies = {k: _body(v) for k, v in new.articles.items()}
    for key in old.order:
        if key in new.articles:
            if old_bodies[key] != new_bodies[key]:
                rev.changed.append(key)
        else:
            rev.removed.append(key)
    rev.added = [k for k in new.order if k not in old.articles]
    # the same text under another number: renumbered (a changed article counts when its old
    # text now stands elsewhere)
    by_text = {}
    for k in new.order:
        by_text.setdefault(new_bodies[k], k)
    for key in list(rev.removed) + list(rev.changed):
        moved = by_text.get(old_bodies[key])
        if moved is not None and moved != key:
            rev.renumbered.append((key, moved))
            if key in rev.removed:
                rev.removed.remove(key)
            if moved in rev.added:
                rev.added.remove(moved)
    for rule in rs.rules:
        segment = new.article(rule.article, rule.document)
        where = label((rule.document, rule.article))
        if segment is None:
            rev.broken.append((rule.id, where, "新文本中没有这一条"))
            continue
        problem = quote_problem(rule.quote, segment)
        if problem:
            moved = next((k for k in new.order if quote_problem(rule.quote, new.articles[k]) is None), None)
            why = f"引文已移至{label(moved)}" if moved else "引文在新文本的这一条中不再成立"
            rev.broken.append((rule.id, where, why))
        else:
            rev.kept += 1
    return rev


def render(rev: Revision, city: str, old_name: str, new_name: str) -> str:
    """The revision report, in Chinese."""
    out = [f"{city}：{old_name} → {new_name}"]

    def block(title: str, keys: list) -> None:
        out.append(f"{title}（{len(keys)}）：" + ("、".join(label(k) for k in keys) if keys else "无"))

    block("修改的条文", rev.changed)
    block("新增的条文", rev.added)
    block("删除的条文", rev.removed)
    out.append(
        f"条号变动（{len(rev.renumbered)}）："
        + ("、".join(f"{label(a)} → {label(b)}" for a, b in rev.renumbered) if rev.renumbered else "无")
    )
    out.append(f"引文不再成立的规则（{len(rev.broken)}），须逐条复核：" + ("" if rev.broken else "无"))
    for rid, where, why in rev.broken:
        out.append(f"  {rid}（{where}）：{why}")
    out.append(f"引文仍成立的规则：{rev.kept} 条")
    return "\n".join(out)
