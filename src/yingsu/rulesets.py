"""Loading and validating rulesets (规则集): one YAML file per ordinance, checked completely.

Everything is checked at load, with file and line: unknown keys, conditions on facts or
values that do not exist, duplicate ids, deadlines that start from an unknown event or
deadline or go round in a cycle, named exceptions (`overrides:`, yingsu.precedence) to unknown
rules or in a cycle, two rules that can apply together with different results and no stated
relation, and every
quote, which must occur verbatim in the article it cites (see yingsu.sources), and every
deadline whose quote states a period (2 个工作日, 十五日, 3 个月) must count that period.

An article block (条文的引导语及各项) quotes an article's opening clause once, with the
conditions and result its items share; each item is a rule that inherits them, and its
citation carries the chapeau beside the item's quote:

  - article: 第十九条
    decision: appearance
    chapeau: 行政诉讼案件有下列情形之一的，行政机关主要负责人应当出庭应诉
    then: {level: head, who: 行政机关主要负责人}
    items:
      - {id: dezhou.appearance.19-1…, item: （一）, quote: 涉及重大公共利益的, when: {…}}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from .catalogue import DEADLINES
from .conditions import ConditionCompiler, Predicate
from .counting import CountingRule
from .decision import AppearanceLevel, Citation, Duty, LossDefinition, Role, Scope
from .errors import RulesetError
from .facts import FACTS, FactType
from .models import EVENT_NAMES, Level
from .precedence import box, closure, find_cycle, meet
from .sources import Document, SourceText, quote_problem, stated_periods
from .yamlsafe import LineDict, LineList, check_keys, load_text, read_file
from .provenance import content_hash

BASE_RULESET = "national"


class DecisionKind(StrEnum):
    """The part of the decision a rule contributes to."""

    undertaking = "undertaking"  # 应诉承办单位
    appearance = "appearance"  # 负责人出庭
    loss = "loss"  # 败诉
    deadline = "deadline"  # 期限
    notice = "notice"  # 提示（参照适用等）


class Combine(StrEnum):
    """How the matching rules of one decision combine (declared in each ruleset)."""

    first_match = "first_match"  # the matching rule that no other matching rule overrides decides
    precedence = "precedence"  # all matching rules; the strongest result by the declared order wins
    first_match_per_id = "first_match_per_id"  # deadlines: the first matching rule per deadline id
    collect_all = "collect_all"  # every matching rule contributes


_ALLOWED_COMBINE = {
    DecisionKind.undertaking: {Combine.first_match},
    DecisionKind.appearance: {Combine.precedence, Combine.first_match},
    DecisionKind.loss: {Combine.first_match},
    DecisionKind.deadline: {Combine.first_match_per_id},
    DecisionKind.notice: {Combine.collect_all},
}


@dataclass(frozen=True)
class UnitSpec:
    role: Role
    duty: Duty
    scope: Scope
    name: str | None = None
    name_from: str | None = None  # a text fact that names the unit when the case gives it


@dataclass(frozen=True)
class ReplaceSpec:
    """替代: the units of the given roles give their place (duty and scope) to another unit,
    or to designation by the given roles (被撤销、受委托: who stands in the maker's place)."""

    roles: tuple[Role, ...]
    by: UnitSpec | None
    designated_by: tuple[Role, ...] = ()


@dataclass(frozen=True)
class UndertakingSpec:
    """What an undertaking rule says. `form`: decide (the deciding rule: units or who
    designates), also (adds units to whatever decides), replace (a unit's place taken, see
    ReplaceSpec) or carry (二审、再审: the undertaking decided from the same facts stands, and
    the unit that led it takes the `carry` role when the case names that unit)."""

    form: str
    units: tuple[UnitSpec, ...] = ()
    designated_by: tuple[Role, ...] = ()
    replace: ReplaceSpec | None = None
    carry: Role | None = None
    warning: str | None = None


@dataclass(frozen=True)
class Override:
    """A named exception: this rule wins over `rule`; `citation` is the text that says so, if any."""

    rule: str
    line: int | None
    citation: Citation | None = None


@dataclass(frozen=True)
class DeadlineSpec:
    id: str
    rule: CountingRule
    amount: int
    start: str
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One rule: one article, one quote, its conditions (compiled) and its result."""

    id: str
    decision: DecisionKind
    article: str
    item: str | None
    quote: str
    document: str | None
    note: str | None
    overrides: tuple[Override, ...]
    also: bool
    when: Predicate
    then: Any
    file: str
    line: int | None
    catch_all: bool
    citation: Citation
    chapeau: str | None = None  # the opening clause of its article block, when it is an item of one
    condition: Any = None  # the `when:` as written (for the precedence checks)


@dataclass
class Ruleset:
    """A loaded ruleset: the ordinance's metadata and its rules by decision."""

    id: str
    title: str
    label: str  # 简称: the short Chinese name officers use (新洲), in columns and --cities
    place: str  # 地方: the full name of the place (武汉市新洲区)
    number: str | None
    issued_by: str | None
    effective_from: date | None
    effective_from_latest: date | None
    effective_to: date | None
    effective_note: str | None
    default_level: Level | None
    loss_definition: LossDefinition | None
    names: dict[Role, dict[str | None, str]]
    assume: dict[str, Any]
    assume_notes: dict[str, str]
    inherits: tuple[DecisionKind, ...]
    combine: dict[DecisionKind, Combine]
    precedence: tuple[AppearanceLevel, ...]
    rules: list[Rule]
    articles: dict[tuple[str | None, str], str]  # articles no rule encodes -> the reason
    source: SourceText | None
    file: str
    by_decision: dict[DecisionKind, list[Rule]] = field(default_factory=dict)
    beats: dict[str, frozenset[str]] = field(default_factory=dict)  # rule id -> the rules it wins over
    assumed: dict[str, Any] = field(default_factory=dict)  # fact -> the value a missing fact reads as
    sha256: str = ""  # content hash of the files read at load (yingsu.provenance)
    hashed_files: tuple[str, ...] = ()
    version: str | None = None  # 版本: the version folder, or the header's `version` (see yingsu.versions)
    replaces: str | None = None  # the version this one replaces (header `replaces`)

    def name_of(self, role: Role, level: str | None) -> str | None:
        names = self.names.get(role)
        if not names:
            return None
        return names.get(level) or names.get(None)


_TOP_KEYS = {"ruleset", "combine", "rules", "articles"}
_HEADER_KEYS = {
    "id", "title", "number", "issued_by", "effective_from", "effective_from_latest", "effective_to",
    "effective_note", "default_level", "loss_definition", "names", "assume", "inherits", "source",
    "documents", "label", "place", "version", "replaces", "order",
}
_RULE_KEYS = {"id", "decision", "article", "item", "quote", "document", "when", "then", "overrides", "also", "note"}
_THEN_KEYS = {
    DecisionKind.undertaking: {"units", "designated_by", "replace", "carry", "warning"},
    DecisionKind.appearance: {"level", "who"},
    DecisionKind.loss: {"is_loss"},
    DecisionKind.deadline: {"id", "rule", "amount", "start", "requires"},
    DecisionKind.notice: {"warning"},
}


class _Reader:
    """Reads one ruleset file; every error names the file and the line."""

    def __init__(self, path: Path):
        self.path = path
        self.file = str(path)

    def error(self, message: str, line: int | None) -> RulesetError:
        return RulesetError(message, self.file, line)

    def mapping(self, value: Any, what: str, line: int | None, allowed: set[str] | None = None) -> LineDict:
        if not isinstance(value, dict):
            raise self.error(f"{what} must be a mapping", getattr(value, "line", line))
        if allowed is not None:
            check_keys(value, allowed, what, self.file)
        return value

    def text(self, value: Any, what: str, line: int | None, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{what} must be non-empty text", line)
        return value

    def enum(self, e: type[StrEnum], value: Any, what: str, line: int | None):
        try:
            return e(value)
        except ValueError:
            allowed = ", ".join(x.value for x in e)
            raise self.error(f"{what} '{value}' is not one of: {allowed}", line) from None

    def date(self, value: Any, what: str, line: int | None) -> date | None:
        if value is None:
            return None
        if isinstance(value, date):
            return value
        raise self.error(f"{what} must be a date (YYYY-MM-DD)", line)


def load_ruleset(path: Path | str, base: Ruleset | None = None) -> Ruleset:
    """Load and validate one ruleset file (and its source text); raise RulesetError if anything is wrong."""
    path = Path(path)
    r = _Reader(path)
    raw = read_file(path)
    data = load_text(raw, r.file)
    doc = r.mapping(data, "the ruleset file", 1, _TOP_KEYS)
    if "ruleset" not in doc:
        raise r.error("missing 'ruleset:' header", 1)
    h = r.mapping(doc["ruleset"], "the 'ruleset' header", doc.line_of("ruleset"), _HEADER_KEYS)
    hl = h.line_of
    rid = r.text(h.get("id"), "ruleset.id", hl("id"))
    version = _version_of(r, h, path, rid)

    documents = _documents(r, h)
    source = None
    if h.get("source") is not None:
        src_name = r.text(h["source"], "ruleset.source", hl("source"))
        src_path = path.parent / src_name
        if not src_path.is_file():
            raise r.error(f"source text '{src_name}' not found beside the ruleset", hl("source"))
        source = SourceText(read_file(src_path), documents)
    hashed = [(path.name, raw)] + ([(src_name, source.text)] if source is not None else [])

    names = _names(r, h)
    assume, assume_notes = _assume(r, h)
    inherits = tuple(
        r.enum(DecisionKind, x, "ruleset.inherits item", hl("inherits")) for x in (h.get("inherits") or [])
    )
    if inherits and base is None and rid != BASE_RULESET:
        raise r.error(f"ruleset.inherits needs the '{BASE_RULESET}' base ruleset", hl("inherits"))

    combine, precedence = _combine(r, doc, rid)
    rs = Ruleset(
        id=rid,
        title=r.text(h.get("title"), "ruleset.title", hl("title")),
        label=r.text(h.get("label"), "ruleset.label", hl("label")),
        place=r.text(h.get("place"), "ruleset.place", hl("place")),
        number=r.text(h.get("number"), "ruleset.number", hl("number"), required=False),
        issued_by=r.text(h.get("issued_by"), "ruleset.issued_by", hl("issued_by"), required=False),
        effective_from=r.date(h.get("effective_from"), "ruleset.effective_from", hl("effective_from")),
        effective_from_latest=r.date(
            h.get("effective_from_latest"), "ruleset.effective_from_latest", hl("effective_from_latest")
        ),
        effective_to=r.date(h.get("effective_to"), "ruleset.effective_to", hl("effective_to")),
        effective_note=r.text(h.get("effective_note"), "ruleset.effective_note", hl("effective_note"), required=False),
        default_level=r.enum(Level, h["default_level"], "ruleset.default_level", hl("default_level"))
        if h.get("default_level") is not None
        else None,
        loss_definition=r.enum(LossDefinition, h["loss_definition"], "ruleset.loss_definition", hl("loss_definition"))
        if h.get("loss_definition") is not None
        else None,
        names=names,
        assume=assume,
        assume_notes=assume_notes,
        inherits=inherits,
        combine=combine,
        precedence=precedence,
        rules=[],
        articles={},
        source=source,
        file=r.file,
        version=version,
        replaces=r.text(h.get("replaces"), "ruleset.replaces", hl("replaces"), required=False),
    )
    if h.get("order") is not None and (not isinstance(h["order"], int) or isinstance(h["order"], bool)):
        raise r.error("ruleset.order must be a whole number (the city's place in lists)", hl("order"))
    if rs.effective_from and rs.effective_to and rs.effective_to < rs.effective_from:
        raise r.error("ruleset.effective_to is before ruleset.effective_from", hl("effective_to"))

    rules_node = doc.get("rules")
    if not isinstance(rules_node, list) or (not rules_node and not _draft(doc)):
        raise r.error("'rules:' must be a non-empty list", doc.line_of("rules"))
    compiler = ConditionCompiler(r.file, allow_decided=True)
    seen: dict[str, int | None] = {}
    for i, node in enumerate(rules_node):
        for item, chapeau in _block_items(r, node, rules_node.line_of(i)):
            rule = _rule(r, item, item.line, compiler, rs, documents, chapeau)
            if rule.id in seen:
                raise r.error(f"duplicate rule id '{rule.id}' (first at line {seen[rule.id]})", rule.line)
            seen[rule.id] = rule.line
            rs.rules.append(rule)

    rs.sha256, rs.hashed_files = content_hash(hashed), tuple(name for name, _ in hashed)
    rs.articles = _articles(r, doc, rs, documents)
    _assemble(r, rs, base)
    return rs


def _draft(doc: LineDict) -> bool:
    """A skeleton still being worked through: some article's reason is TODO (rules may be empty)."""
    node = doc.get("articles")
    entries = node if isinstance(node, list) else [{"reason": v} for v in node.values()] if isinstance(node, dict) else []
    return any(isinstance(e, dict) and e.get("reason") == TODO for e in entries)


def _version_of(r: _Reader, h: LineDict, path: Path, rid: str) -> str | None:
    """The version id: the version folder's name (rulesets/<city>/<version>/rules.yaml), else
    the header's `version`, else the day it takes effect; the id must name the city's folder."""
    folder = path.parent.name
    versioned = rid != folder and rid == path.parent.parent.name
    if rid != folder and not versioned:
        raise r.error(f"ruleset.id '{rid}' must match its folder '{folder}' (or, for a version, its city folder)", h.line_of("id"))
    given = r.text(h.get("version"), "ruleset.version", h.line_of("version"), required=False)
    if versioned:
        if given is not None and given != folder:
            raise r.error(f"ruleset.version '{given}' must match its version folder '{folder}'", h.line_of("version"))
        return folder
    if given is not None:
        return given
    start = h.get("effective_from")
    return start.isoformat() if isinstance(start, date) else None


def _documents(r: _Reader, h: LineDict) -> tuple[Document, ...]:
    node = h.get("documents")
    if node is None:
        return (Document(None),)
    if not isinstance(node, list) or not node:
        raise r.error("ruleset.documents must be a non-empty list", h.line_of("documents"))
    docs = []
    for i, d in enumerate(node):
        d = r.mapping(d, "a ruleset.documents entry", node.line_of(i), {"id", "title", "begins"})
        docs.append(Document(r.text(d.get("id"), "document id", d.line), d.get("begins")))
    return tuple(docs)


def _names(r: _Reader, h: LineDict) -> dict[Role, dict[str | None, str]]:
    node = h.get("names")
    out: dict[Role, dict[str | None, str]] = {}
    if node is None:
        return out
    node = r.mapping(node, "ruleset.names", h.line_of("names"))
    for key, value in node.items():
        role = r.enum(Role, key, "role in ruleset.names", node.line_of(key))
        if isinstance(value, str):
            out[role] = {None: value}
        elif isinstance(value, dict):
            per = {}
            for lvl, nm in value.items():
                level = r.enum(Level, lvl, f"level in ruleset.names.{key}", value.line_of(lvl))
                per[level.value] = r.text(nm, f"ruleset.names.{key}.{lvl}", value.line_of(lvl))
            out[role] = per
        else:
            raise r.error(f"ruleset.names.{key} must be a name or a mapping of level to name", node.line_of(key))
    return out


def _assume(r: _Reader, h: LineDict) -> tuple[dict[str, Any], dict[str, str]]:
    node = h.get("assume")
    if node is None:
        return {}, {}
    if not isinstance(node, list):
        raise r.error("ruleset.assume must be a list of {fact, value, note}", h.line_of("assume"))
    values, notes = {}, {}
    compiler = ConditionCompiler(r.file)
    for i, a in enumerate(node):
        a = r.mapping(a, "a ruleset.assume entry", node.line_of(i), {"fact", "value", "note"})
        fact = a.get("fact")
        if fact not in FACTS or FACTS[fact].type not in (FactType.enum, FactType.flag, FactType.count):
            raise r.error(f"ruleset.assume names unknown or non-scalar fact '{fact}'", a.line_of("fact"))
        compiler._check_value(FACTS[fact], a.get("value"), a.line_of("value"))
        values[fact] = a.get("value")
        notes[fact] = r.text(a.get("note"), "ruleset.assume note", a.line_of("note"))
    return values, notes


def _combine(r: _Reader, doc: LineDict, rid: str) -> tuple[dict[DecisionKind, Combine], tuple[AppearanceLevel, ...]]:
    node = doc.get("combine")
    if node is None:
        if rid == BASE_RULESET:
            return {}, ()
        raise r.error("missing 'combine:' (how the rules of each decision combine)", 1)
    node = r.mapping(node, "combine", doc.line_of("combine"), {k.value for k in DecisionKind})
    combine: dict[DecisionKind, Combine] = {}
    precedence: tuple[AppearanceLevel, ...] = ()
    for key, value in node.items():
        kind = DecisionKind(key)
        line = node.line_of(key)
        if isinstance(value, dict):
            value = r.mapping(value, f"combine.{key}", line, {"precedence"})
            strategy = Combine.precedence
            order = value.get("precedence")
            if not isinstance(order, list) or not order:
                raise r.error(f"combine.{key}.precedence must list the levels, strongest first", line)
            precedence = tuple(r.enum(AppearanceLevel, x, "precedence level", line) for x in order)
            if len(set(precedence)) != len(precedence) or set(precedence) != set(AppearanceLevel):
                raise r.error(f"combine.{key}.precedence must list every appearance level exactly once", line)
        else:
            strategy = r.enum(Combine, value, f"combine.{key}", line)
        if strategy not in _ALLOWED_COMBINE[kind]:
            ok = ", ".join(s.value for s in _ALLOWED_COMBINE[kind])
            raise r.error(f"combine.{key} cannot be '{strategy}' (allowed: {ok})", line)
        if strategy is Combine.precedence and not precedence:
            raise r.error(f"combine.{key}: precedence needs its order, e.g. {{precedence: [...]}}", line)
        combine[kind] = strategy
    missing = [k.value for k in DecisionKind if k not in combine]
    if missing:
        raise r.error(f"combine does not say how these decisions combine: {', '.join(missing)}", doc.line_of("combine"))
    return combine, precedence


_BLOCK_KEYS = {"decision", "article", "document", "chapeau", "when", "then", "note", "items", "overrides"}
_INHERITED = ("decision", "article", "document")  # an item takes these from its block, never sets them


def _block_items(r: _Reader, node: Any, line: int | None) -> list[tuple[LineDict, tuple[str, int | None] | None]]:
    """A rule as (node, None), or an article block as one (node, (chapeau, line)) per item, each
    item node holding what it inherits: the block's decision, article and document, its
    conditions and'ed before the item's own, its result under the item's, and its note."""
    if not isinstance(node, dict) or "items" not in node:
        return [(r.mapping(node, "a rule", line), None)]
    b = r.mapping(node, "an article block", line, _BLOCK_KEYS)
    for key in ("decision", "article", "chapeau"):
        if b.get(key) is None:
            raise r.error(f"article block is missing '{key}'", b.line)
    chapeau = r.text(b["chapeau"], "article block: chapeau", b.line_of("chapeau"))
    items = b["items"]
    if not isinstance(items, list) or not items:
        raise r.error("an article block's 'items:' must be a non-empty list of rules", b.line_of("items"))
    out = []
    for i, raw in enumerate(items):
        it = r.mapping(raw, "an item of an article block", items.line_of(i), _RULE_KEYS - set(_INHERITED))
        merged = LineDict(it)
        merged.line, merged.key_lines = it.line, dict(it.key_lines)
        for key in _INHERITED:
            if key in b:
                merged[key], merged.key_lines[key] = b[key], b.line_of(key)
        merged["when"] = _conjoin(r, b.get("when"), it.get("when"), it.line_of("when"))
        if merged["when"] is None:
            del merged["when"]
        then = _overlay(b.get("then"), it.get("then"), it.line_of("then"))
        if then is not None:
            merged["then"] = then
            merged.key_lines.setdefault("then", b.line_of("then"))
        if b.get("overrides") is not None:  # every item is an exception to what the block names
            both = LineList(list(b["overrides"]) + list(it.get("overrides") or []))
            both.line = b.line_of("overrides")
            both.item_lines = [b.line_of("overrides")] * len(b["overrides"]) + [
                it["overrides"].line_of(k) if hasattr(it["overrides"], "line_of") else it.line_of("overrides")
                for k in range(len(it.get("overrides") or []))
            ]
            merged["overrides"], merged.key_lines["overrides"] = both, b.line_of("overrides")
        notes = [x for x in (b.get("note"), it.get("note")) if x is not None]
        if notes:
            merged["note"] = " ".join(str(x) for x in notes)
        out.append((merged, (chapeau, b.line_of("chapeau"))))
    return out


def _conjoin(r: _Reader, first: Any, second: Any, line: int | None) -> Any:
    """Both conditions (the block's, then the item's) as one mapping; a fact tested by both goes
    under `all:` so neither test is lost."""
    if not first or not second:
        return second if not first else first
    if not isinstance(first, dict) or not isinstance(second, dict):
        raise r.error("a condition must be a mapping of facts to values", line)
    out = LineDict()
    out.line, out.key_lines = getattr(second, "line", line), {}
    both = LineList()
    both.line, both.item_lines = line, []
    for part in (first, second):
        for key, value in part.items():
            if key in out:
                one = LineDict({key: value})
                one.line, one.key_lines = part.line_of(key), {key: part.line_of(key)}
                both.append(one)
                both.item_lines.append(part.line_of(key))
            else:
                out[key], out.key_lines[key] = value, part.line_of(key)
    if both:
        if "all" in out:  # both used `all:` already, or a clash joins an existing `all:`
            both[:0] = out["all"]
            both.item_lines[:0] = [getattr(out["all"], "line", line)] * len(out["all"])
        out["all"] = both
        out.key_lines.setdefault("all", line)
    return out


def _overlay(base: Any, top: Any, line: int | None) -> Any:
    """The block's result with the item's keys over it."""
    if base is None or not isinstance(base, dict) or not isinstance(top, dict):
        return top if top is not None else base
    out = LineDict(base)
    out.line, out.key_lines = getattr(top, "line", line), dict(base.key_lines)
    for key, value in top.items():
        out[key], out.key_lines[key] = value, top.line_of(key)
    return out


def _rule(
    r: _Reader, node: Any, line: int | None, compiler: ConditionCompiler, rs: Ruleset, documents,
    chapeau: tuple[str, int | None] | None = None,
) -> Rule:
    if isinstance(node, dict) and "priority" in node:
        raise r.error(
            "'priority:' is no longer part of the format: name the rule this one wins over "
            "(overrides: [rule-id])",
            node.line_of("priority") if hasattr(node, "line_of") else line,
        )
    n = r.mapping(node, "a rule", line, _RULE_KEYS)
    line = n.line
    for key in ("id", "decision", "article", "quote", "then"):
        if n.get(key) is None:
            raise r.error(f"rule is missing '{key}'", line)
    rid = r.text(n["id"], "rule id", n.line_of("id"))
    kind = r.enum(DecisionKind, n["decision"], f"rule '{rid}': decision", n.line_of("decision"))
    article, item, quote, document = read_citation(r, n, rs, documents, f"rule '{rid}'")
    if chapeau is not None and rs.source is not None:
        _check_chapeau(r, rid, article, chapeau, quote, rs.source.article(article, document))
    also = n.get("also", False)
    if not isinstance(also, bool) or (also and kind is not DecisionKind.undertaking):
        raise r.error(f"rule '{rid}': 'also: true' is only for undertaking rules that add a unit", n.line_of("also"))
    note = r.text(n.get("note"), f"rule '{rid}': note", n.line_of("note"), required=False)
    when = compiler.compile(n.get("when"), n.line_of("when"))
    then = _then(r, kind, n["then"], n.line_of("then"), rid)
    if kind is DecisionKind.undertaking:
        if also and then.form != "decide":
            raise r.error(f"rule '{rid}': 'also: true' adds units; it cannot go with replace or carry", n.line_of("also"))
        if also:
            then = UndertakingSpec("also", then.units, then.designated_by, warning=then.warning)
        if then.form == "also" and then.designated_by:
            raise r.error(f"rule '{rid}': a rule that adds units ('also: true') names units, not who designates",
                          n.line_of("then"))
    overrides = _overrides(r, n, rid, rs, document)
    if kind is DecisionKind.deadline:
        _check_period(r, rid, quote, then, n.line_of("quote"))
    return Rule(
        id=rid,
        decision=kind,
        article=article,
        item=item,
        quote=quote,
        document=document,
        note=note,
        overrides=overrides,
        also=also,
        when=when,
        then=then,
        file=r.file,
        line=line,
        catch_all=not n.get("when"),
        citation=Citation(
            ruleset=rs.id, article=article, item=item, quote=quote, document=document, rule=rid, note=note,
            chapeau=chapeau[0] if chapeau else None,
        ),
        condition=n.get("when"),
        chapeau=chapeau[0] if chapeau else None,
    )


def _overrides(r: _Reader, n: LineDict, rid: str, rs: Ruleset, own_document: str | None) -> tuple[Override, ...]:
    """`overrides:` a list of rule ids, or of {rule, article, item, quote} where the text
    states the precedence (the quote is proved like a rule's; in the rule's own document
    unless `document:` says otherwise)."""
    node = n.get("overrides")
    if node is None:
        return ()
    line = n.line_of("overrides")
    if not isinstance(node, list) or not node:
        raise r.error(f"rule '{rid}': overrides must be a non-empty list of rule ids", line)
    out = []
    for i, entry in enumerate(node):
        el = node.line_of(i) if hasattr(node, "line_of") else line
        citation = None
        if isinstance(entry, dict):
            e = r.mapping(entry, f"rule '{rid}': an overrides entry", el, {"rule", "article", "item", "quote", "document"})
            target = r.text(e.get("rule"), f"rule '{rid}': overrides rule", el)
            if e.get("article") is not None or e.get("quote") is not None:
                article = r.text(e.get("article"), f"rule '{rid}': overrides article", el)
                quote = r.text(e.get("quote"), f"rule '{rid}': overrides quote", el)
                document = r.text(e.get("document"), f"rule '{rid}': overrides document", el, required=False)
                if document is None:
                    document = own_document
                if rs.source is not None:
                    segment = rs.source.article(article, document)
                    if segment is None:
                        raise r.error(f"rule '{rid}': overrides article {article} is not in the source text", el)
                    problem = quote_problem(quote, segment)
                    if problem:
                        raise r.error(f"rule '{rid}': overrides quote: {problem} ({article}): {quote}", el)
                item = r.text(e.get("item"), f"rule '{rid}': overrides item", el, required=False)
                citation = Citation(ruleset=rs.id, article=article, item=item, quote=quote, document=document)
        else:
            target = r.text(entry, f"rule '{rid}': overrides entry", el)
        if target == rid:
            raise r.error(f"rule '{rid}' overrides itself", el)
        out.append(Override(target, el, citation))
    return tuple(out)


def _check_chapeau(r: _Reader, rid: str, article: str, chapeau: tuple[str, int | None], quote: str, segment: str):
    """The chapeau is proved like a quote (verbatim, whole clauses, in the same article) and opens
    the item: it comes before the item's quote in the article."""
    text, line = chapeau
    problem = quote_problem(text, segment)
    if problem:
        raise r.error(f"article block of '{rid}': chapeau: {problem} ({article}): {text}", line)
    if segment.find(text) >= segment.rfind(quote):
        raise r.error(f"rule '{rid}': the chapeau must come before the item it opens in {article}: {quote}", line)


_PERIOD_RULES = {  # the unit a quote states -> the counting rules that count it, by direction
    "日": (CountingRule.calendar_days, CountingRule.days_before),
    "工作日": (CountingRule.working_days, CountingRule.working_days_before),
    "月": (CountingRule.months, None),
}


def _check_period(r: _Reader, rid: str, quote: str, spec: DeadlineSpec, line: int | None) -> None:
    """Where the quote states the period (2 个工作日内, 十五日内, 3 个月内, 开庭三日前), the deadline
    counts exactly that: the same amount, and 日 as calendar days, 工作日 as working days, 月 as
    months, …前 backwards from the anchor and …内 forwards from the start."""
    periods = stated_periods(quote)
    if not periods:
        return
    if len(periods) > 1:
        said = "、".join(p.text for p in periods)
        raise r.error(f"rule '{rid}': the quote states several periods ({said}); quote only the clause of this deadline", line)
    p = periods[0]
    forward, backward = _PERIOD_RULES[p.unit]
    allowed = {x for x, way in ((forward, False), (backward, True)) if x is not None and p.before in (None, way)}
    if spec.amount != p.amount or spec.rule not in allowed:
        ok = " or ".join(sorted(x.value for x in allowed)) or "none"
        raise r.error(
            f"rule '{rid}': the quote says “{p.text}” but the deadline counts {spec.amount} ({spec.rule.value}); "
            f"it must be amount {p.amount} with rule {ok}",
            line,
        )


def read_citation(r: _Reader, n: LineDict, rs: Ruleset, documents, what: str) -> tuple[str, str | None, str, str | None]:
    """(article, item, quote, document) of an entry that cites the ordinance (a rule, a target, a
    periodic duty): the document must be declared and the quote must stand verbatim in its article."""
    article = r.text(n["article"], f"{what}: article", n.line_of("article"))
    item = r.text(n.get("item"), f"{what}: item", n.line_of("item"), required=False)
    quote = r.text(n["quote"], f"{what}: quote", n.line_of("quote"))
    document = r.text(n.get("document"), f"{what}: document", n.line_of("document"), required=False)
    doc_ids = {d.id for d in documents}
    if document not in doc_ids:
        if document is None:
            raise r.error(f"{what} must say which document it cites (one of: {', '.join(map(str, doc_ids))})", n.line)
        raise r.error(f"{what}: document '{document}' is not declared in ruleset.documents", n.line_of("document"))
    if rs.source is not None:
        segment = rs.source.article(article, document)
        if segment is None:
            raise r.error(f"{what}: article {article} is not in the source text", n.line_of("article"))
        problem = quote_problem(quote, segment)
        if problem:
            raise r.error(f"{what}: {problem} ({article}): {quote}", n.line_of("quote"))
    return article, item, quote, document


def _then(r: _Reader, kind: DecisionKind, node: Any, line: int | None, rid: str) -> Any:
    t = r.mapping(node, f"rule '{rid}': then", line, _THEN_KEYS[kind])
    tl = t.line_of
    if kind is DecisionKind.undertaking:
        return _undertaking_then(r, t, line, rid)
    if kind is DecisionKind.appearance:
        who = r.text(t.get("who"), "who", tl("who"), required=False)
        if t.get("level") is None:  # a rule that only names who appears, whatever the level
            if who is None:
                raise r.error(f"rule '{rid}': an appearance rule gives a level, or names who appears", line)
            return (None, who)
        return (r.enum(AppearanceLevel, t.get("level"), "appearance level", tl("level")), who)
    if kind is DecisionKind.loss:
        if not isinstance(t.get("is_loss"), bool):
            raise r.error(f"rule '{rid}': is_loss must be true or false", tl("is_loss"))
        return t["is_loss"]
    if kind is DecisionKind.notice:
        return r.text(t.get("warning"), "warning", tl("warning"))
    did = t.get("id")
    if did not in DEADLINES:
        raise r.error(f"rule '{rid}': deadline id '{did}' is not in the deadline catalogue", tl("id"))
    rule = r.enum(CountingRule, t.get("rule"), "counting rule", tl("rule"))
    if rule is CountingRule.fixed:
        raise r.error(f"rule '{rid}': 'fixed' is for periodic duties, not case deadlines", tl("rule"))
    amount = t.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
        raise r.error(f"rule '{rid}': amount must be a whole number of 1 or more", tl("amount"))
    start = r.text(t.get("start"), "deadline start", tl("start"))
    requires = tuple(t.get("requires") or ())
    for fact in requires:
        if fact not in FACTS:
            raise r.error(f"rule '{rid}': requires unknown fact '{fact}'", tl("requires"))
    return DeadlineSpec(did, rule, amount, start, requires)


def _unit(r: _Reader, u: Any, ul: int | None) -> UnitSpec:
    u = r.mapping(u, "a unit", ul, {"role", "duty", "scope", "name", "name_from"})
    name_from = r.text(u.get("name_from"), "unit name_from", u.line_of("name_from"), required=False)
    if name_from is not None and (name_from not in FACTS or FACTS[name_from].type is not FactType.text):
        raise r.error(f"unit name_from '{name_from}' is not a text fact of the case", u.line_of("name_from"))
    return UnitSpec(
        role=r.enum(Role, u.get("role"), "unit role", u.line_of("role")),
        duty=r.enum(Duty, u.get("duty", "lead"), "unit duty", u.line_of("duty")),
        scope=r.enum(Scope, u.get("scope", "whole"), "unit scope", u.line_of("scope")),
        name=r.text(u.get("name"), "unit name", u.line_of("name"), required=False),
        name_from=name_from,
    )


def _roles(r: _Reader, node: Any, what: str, line: int | None) -> tuple[Role, ...]:
    if node is None:
        return ()
    if not isinstance(node, list):
        raise r.error(f"{what} must be a list of roles", line)
    return tuple(r.enum(Role, x, f"{what} role", line) for x in node)


def _undertaking_then(r: _Reader, t: LineDict, line: int | None, rid: str) -> UndertakingSpec:
    tl = t.line_of
    warning = r.text(t.get("warning"), f"rule '{rid}': warning", tl("warning"), required=False)
    forms = [k for k in ("replace", "carry") if k in t]
    if forms and ("units" in t or "designated_by" in t or len(forms) > 1):
        raise r.error(f"rule '{rid}': an undertaking rule either decides (units, designated_by), "
                      "replaces a unit (replace) or carries the first instance's undertaking (carry)", line)
    if "replace" in t:
        p = r.mapping(t["replace"], f"rule '{rid}': replace", tl("replace"), {"roles", "by", "designated_by"})
        roles = _roles(r, p.get("roles"), "replace.roles", p.line_of("roles"))
        if not roles:
            raise r.error(f"rule '{rid}': replace.roles names the roles whose place is taken", tl("replace"))
        by = p.get("by")
        designated = _roles(r, p.get("designated_by"), "replace.designated_by", p.line_of("designated_by"))
        if (by is None) == (not designated):
            raise r.error(f"rule '{rid}': replace takes 'by' (the unit that takes the place) or "
                          "'designated_by' (who designates it), one of the two", tl("replace"))
        if by is not None:
            by = r.mapping(by, f"rule '{rid}': replace.by", p.line_of("by"), {"role", "name", "name_from"})
            by = _unit(r, by, p.line_of("by"))
        return UndertakingSpec("replace", replace=ReplaceSpec(roles, by, designated), warning=warning)
    if "carry" in t:
        c = r.mapping(t["carry"], f"rule '{rid}': carry", tl("carry"), {"leading_role"})
        role = r.enum(Role, c.get("leading_role"), "carry.leading_role", c.line_of("leading_role"))
        return UndertakingSpec("carry", carry=role, warning=warning)
    units = tuple(_unit(r, u, t["units"].line_of(i)) for i, u in enumerate(t.get("units") or []))
    designated = _roles(r, t.get("designated_by"), "designated_by", tl("designated_by"))
    if not units and not designated:
        raise r.error(f"rule '{rid}': an undertaking names units or who designates them", line)
    return UndertakingSpec("decide", units, designated, warning=warning)


def _articles(r: _Reader, doc: LineDict, rs: Ruleset, documents) -> dict[tuple[str | None, str], str]:
    """The `articles:` section: reasons why an article has no rule (for the coverage table)."""
    node = doc.get("articles")
    out: dict[tuple[str | None, str], str] = {}
    if node is None:
        return out
    if isinstance(node, list):  # the skeleton's form (yingsu new-city): one entry per article
        node = _article_entries(r, node, documents)
    node = r.mapping(node, "articles", doc.line_of("articles"))
    encoded = {(x.document, x.article) for x in rs.rules}
    multi = len(documents) > 1
    for key, reason in node.items():
        line = node.line_of(key)
        if multi:
            if not isinstance(key, str) or " " not in key:
                raise r.error(f"articles key '{key}' must be '<document> <article>' in a multi-document ruleset", line)
            d, a = key.split(" ", 1)
        else:
            d, a = documents[0].id, key
        if rs.source is not None and rs.source.article(a, d) is None:
            raise r.error(f"articles: {key} is not an article of the source text", line)
        if (d, a) in encoded:
            raise r.error(f"articles: {key} has rules; a reason is only for articles no rule encodes", line)
        out[(d, a)] = r.text(reason, f"articles.{key}", line)
    return out


TODO = "TODO"  # the reason of an article not yet worked through (yingsu new-city); `check` fails on it


def _article_entries(r: _Reader, node: list, documents) -> LineDict:
    """`articles:` as a list of {article, document, text, reason} (the skeleton's form), read
    as the mapping form: '<document> <article>' (or '<article>') -> reason."""
    out = LineDict()
    out.line = getattr(node, "line", None)
    out.key_lines = {}
    for i, e in enumerate(node):
        e = r.mapping(e, "an articles entry", node.line_of(i), {"article", "document", "item", "text", "reason"})
        article = r.text(e.get("article"), "articles entry: article", e.line)
        document = e.get("document")
        key = f"{document} {article}" if len(documents) > 1 else article
        if key in out:
            raise r.error(f"articles: {key} is listed twice", e.line)
        out[key] = e.get("reason")
        out.key_lines[key] = e.line
    return out


def _assemble(r: _Reader, rs: Ruleset, base: Ruleset | None) -> None:
    """Order each decision's rules and check what can only be checked on the whole set."""
    own = {k: [x for x in rs.rules if x.decision is k] for k in DecisionKind}
    inherited = {k: [x for x in base.rules if x.decision is k] if base and k in rs.inherits else [] for k in DecisionKind}
    for kind in DecisionKind:
        rs.by_decision[kind] = own[kind] + inherited[kind]  # file order: the ordinance's order, then the base
    _named_exceptions(rs)
    if rs.id == BASE_RULESET:
        return
    _no_unstated_conflicts(rs, base)
    # Deadlines start from an event or from another deadline of this ruleset, without cycles.
    deadline_rules = rs.by_decision[DecisionKind.deadline]
    produced = {x.then.id for x in deadline_rules}
    graph: dict[str, set[str]] = {}
    for x in deadline_rules:
        spec: DeadlineSpec = x.then
        if spec.start not in EVENT_NAMES and spec.start not in produced:
            raise RulesetError(
                f"rule '{x.id}': deadline '{spec.id}' starts from '{spec.start}', "
                f"which is neither an event ({', '.join(EVENT_NAMES)}) nor a deadline of this ruleset",
                x.file,
                x.line,
            )
        before = spec.rule in (CountingRule.days_before, CountingRule.working_days_before)
        if spec.start in produced:
            graph.setdefault(spec.id, set()).add(spec.start)
        elif before and spec.start not in EVENT_NAMES:
            raise r.error(f"rule '{x.id}': unknown anchor '{spec.start}'", x.line)
    _no_cycles(r, graph, deadline_rules)
    # Every case gets an appearance level: some rule with a level and no condition must exist.
    if not any(x.catch_all and x.then[0] is not None for x in rs.by_decision[DecisionKind.appearance]):
        raise r.error("no appearance rule gives a level for every case (a rule with a level and no 'when')", 1)


def _named_exceptions(rs: Ruleset) -> None:
    """Check every `overrides:` (the rule exists, in the same decision; no cycles) and close them."""
    where = {x.id: x for x in rs.rules}
    for kind, rules in rs.by_decision.items():
        where.update((x.id, x) for x in rules)
    beats: dict[str, set[str]] = {}
    for kind, rules in rs.by_decision.items():
        ids = {x.id for x in rules}
        for x in rules:
            for o in x.overrides:
                if o.rule not in ids:
                    other = where.get(o.rule)
                    if other is not None:
                        raise RulesetError(
                            f"rule '{x.id}' overrides '{o.rule}', a {other.decision} rule: "
                            f"an exception is to a rule of the same decision ({kind})", x.file, o.line)
                    raise RulesetError(f"rule '{x.id}' overrides unknown rule '{o.rule}'", x.file, o.line)
                beats.setdefault(x.id, set()).add(o.rule)
    cycle = find_cycle(beats)
    if cycle:
        first = where[cycle[0]]
        raise RulesetError(f"rules override each other in a cycle: {' -> '.join(cycle)}", first.file, first.line)
    # A over B over C means A over C among rules of one form; an exception to a rule of another
    # form (a deciding rule that sets aside a replacement) is only what it says.
    def form(x: Rule) -> str:
        return x.then.form if x.decision is DecisionKind.undertaking else "decide"

    same = {a: {b for b in bs if form(where[a]) == form(where[b])} for a, bs in beats.items()}
    rs.beats = {a: frozenset(bs | beats[a]) for a, bs in closure(same).items()}
    # a rule overridden by a rule that applies to every case can never apply
    for kind, rules in rs.by_decision.items():
        for x in rules:
            if x.catch_all:
                for y in rules:
                    if y.id in rs.beats.get(x.id, ()) and y.file == rs.file:
                        raise RulesetError(
                            f"rule '{y.id}' can never apply: rule '{x.id}' (line {x.line}) applies to every case "
                            "and overrides it", y.file, y.line)


def _result(x: Rule) -> Any:
    """What a rule decides, as compared for conflicts (None: it cannot conflict)."""
    t = x.then
    if x.decision is DecisionKind.undertaking:
        if t.form == "decide":
            return ("decide", t.units, t.designated_by)
        if t.form == "replace":
            return ("replace", t.replace.by, t.replace.designated_by)
        if t.form == "carry":
            return ("carry", t.carry)
        return None  # also: adds, never conflicts
    if x.decision is DecisionKind.notice:
        return None
    return t


def conflicting(rs: Ruleset, a: Rule, b: Rule) -> bool:
    """Whether two rules of one decision give different results for a case where both apply
    and neither overrides the other (whether they can both apply is not asked here)."""
    if b.id in rs.beats.get(a.id, ()) or a.id in rs.beats.get(b.id, ()):
        return False
    ra, rb = _result(a), _result(b)
    if ra is None or rb is None or ra == rb:
        return False
    kind = a.decision
    if kind is DecisionKind.undertaking:
        if ra[0] != rb[0]:
            return False
        if ra[0] == "replace":
            return bool(set(a.then.replace.roles) & set(b.then.replace.roles))
        return True
    if kind is DecisionKind.appearance and rs.combine.get(kind) is Combine.precedence:
        # the stronger level wins; at one level the ruleset's own rule names who before an
        # inherited one (`inherits:`: the base fills in what the ordinance leaves), and two
        # rules of the same origin must agree
        return ra[0] is rb[0] and (a.file == rs.file) == (b.file == rs.file)
    if kind is DecisionKind.deadline:
        return ra.id == rb.id
    return True


def rivals(rs: Ruleset, rules: list[Rule]) -> dict[str, tuple[Rule, ...]]:
    """For each rule, the rules that could take a case from it: those that override it, and
    those that could apply with another result and no stated relation (checked at run time).
    Where a rule applies and none of its rivals does, it decides (the engine's short cut)."""
    boxes = {x.id: box(x.condition) for x in rules}
    out = {}
    for a in rules:
        out[a.id] = tuple(
            b for b in rules
            if b is not a and (
                a.id in rs.beats.get(b.id, ())
                or (conflicting(rs, a, b) and meet(boxes[a.id], boxes[b.id], rs.assumed) is not None)
            )
        )
    return out


def _no_unstated_conflicts(rs: Ruleset, base: Ruleset | None) -> None:
    """Two rules that can apply to one case with different results, and no stated relation
    between them, are a load error where the conditions decide it; the engine checks the rest."""
    assumed: dict[str, Any] = {}
    if rs.default_level is not None:
        assumed["defendant.level"] = rs.default_level.value
    for source in (base, rs):
        if source is not None:
            assumed.update(source.assume)
    rs.assumed = assumed
    for kind, rules in rs.by_decision.items():
        boxes = [box(x.condition) for x in rules]
        for i, a in enumerate(rules):
            for j in range(i + 1, len(rules)):
                b = rules[j]
                if not conflicting(rs, a, b):
                    continue
                both = meet(boxes[i], boxes[j], assumed)
                if both is not None and both.exact:
                    first, second = (a, b) if a.file == rs.file else (b, a)
                    other = f"line {second.line}" if second.file == first.file else f"{second.file}:{second.line}"
                    raise RulesetError(
                        f"rules '{first.id}' and '{second.id}' ({other}) can both apply to one case with different "
                        f"results, and neither overrides the other: say which wins (overrides: [rule-id])",
                        first.file, first.line)


def _no_cycles(r: _Reader, graph: dict[str, set[str]], rules: list[Rule]) -> None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cycle = " -> ".join(path[path.index(node):] + [node])
            first = next((x for x in rules if x.then.id == node), None)
            raise RulesetError(f"deadlines start from each other in a cycle: {cycle}", first.file if first else r.file,
                               first.line if first else None)
        state[node] = 1
        for nxt in graph.get(node, ()):
            visit(nxt, path + [node])
        state[node] = 2

    for node in graph:
        visit(node, [])


# --- the installed rulesets (found in the folders: yingsu.cities, yingsu.versions) -------

from .cities import city_ids, clear as _clear_folders, rulesets_dir  # noqa: E402

CITIES: tuple[str, ...] = city_ids()  # the cities of the rulesets folders, in their headers' order


def available_cities() -> tuple[str, ...]:
    """The cities whose ruleset folder exists, in their headers' order."""
    return city_ids()


@lru_cache(maxsize=None)
def get_base() -> Ruleset:
    from .cities import city_folder

    folder = city_folder(BASE_RULESET)
    path = folder.versions[-1].path if folder else rulesets_dir() / BASE_RULESET / "rules.yaml"
    return load_ruleset(path)


def get_ruleset(city: str, version: str | None = None) -> Ruleset:
    """The validated ruleset of a city: the named version, or the one in force today (loaded
    once, then cached)."""
    from .versions import get_version

    return get_version(str(city), version)


def clear_cache() -> None:
    from .versions import clear as _clear_versions

    get_base.cache_clear()
    _clear_versions()
    _clear_folders()
