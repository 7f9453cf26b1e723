"""Evaluation (适用规则): case → facts → the four decisions, each with its basis.

No legal rule lives here: this module only applies what a ruleset says, in the way the
ruleset's `combine:` section declares. Data flows one way: the undertaking, appearance and
loss decisions are taken from the facts; the deadlines may also test the loss decision.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from .calendar import WorkingCalendar, default_calendar
from .catalogue import DEADLINES, ROLE_LABELS, ROLE_NAME_FACTS
from .counting import count
from .decision import (
    Appearance,
    AppearanceLevel,
    CalendarInfo,
    Deadline,
    Decision,
    Duty,
    Loss,
    LossDefinition,
    Pending,
    Role,
    RulesetInfo,
    Scope,
    Undertaking,
    Unit,
    WarningDetail,
)
from .conditions import LIST_NONEMPTY, all_tests, domain
from .facts import DECIDED_FACTS, FACTS, FactValues
from .models import EVENT_NAMES, Case, City
from .errors import RulesetError
from .provenance import provenance_of
from .versions import get_version
from .rulesets import (
    available_cities, Combine, DecisionKind, DeadlineSpec, Rule, Ruleset, get_base, get_ruleset, rivals,
)


def evaluate(
    case: Case, *, calendar: WorkingCalendar | None = None, today: date | None = None, version: str | None = None
) -> Decision:
    """Decide a case under the ruleset of `case.city`: the version in force on events.served
    (today where there is none), or the pinned `version` (to reproduce an old decision)."""
    if not isinstance(case, Case):
        raise TypeError("evaluate() takes a yingsu.Case; use Case.model_validate(data) or load_case(path) first")
    rs = get_version(case.city.value, version, case.events.served or today)
    return _Evaluation(case, rs, calendar or default_calendar(), today).run()


def compare(case: Case, cities: Iterable[str] | None = None, **kwargs: Any) -> dict[str, Decision]:
    """The same facts under every city's ruleset (or the given ones), keyed by city, in order."""
    if not isinstance(case, Case):
        raise TypeError("compare() takes a yingsu.Case; use Case.model_validate(data) or load_case(path) first")
    chosen = [City(c) for c in (cities if cities is not None else available_cities())]
    return {c.value: evaluate(case.model_copy(update={"city": c}), **kwargs) for c in chosen}


_UNREAD = object()
_NO_NAME = object()
_MAX_OUTCOMES = 4096  # appearance outcomes kept per ruleset (one per combination of fired rules)


class _CaseFacts(dict):
    """The facts of one case as the decisions see them, each read off the case on first use.

    A fact the case leaves missing reads as the ruleset's assumed value where it has one; a
    name that is no fact of the case (a decided fact not decided yet) reads as None.
    """

    __slots__ = ("case", "readers")

    def __missing__(self, name: str) -> Any:
        value = self[name] = self.readers[name](self.case)
        return value


class _Without(dict):
    """The facts of a case with one fact read as missing (does a rule rest on its assumed value?)."""

    __slots__ = ("facts", "name")

    def __init__(self, facts: dict, name: str):
        super().__init__()
        self.facts, self.name = facts, name

    def __missing__(self, key: str) -> Any:
        return None if key == self.name else self.facts[key]


class _Switch:
    """Rules sorted by the value of one fact: `table[value]` holds only the rules that can fire
    when the fact has that value (the others ask for another value of it)."""

    __slots__ = ("fact", "table", "other", "nonempty")

    def __init__(self, fact: str, table: dict, other: Any, nonempty: bool):
        self.fact, self.table, self.other, self.nonempty = fact, table, other, nonempty


def _index(entries: list[tuple[tuple, Any]], depth: int = 3):
    """A decision tree over the rules' value tests, down to lists of (remaining test, item).

    `entries` are (conjuncts, item) in the ruleset's order; every list keeps that order, so
    the rules found for a case are exactly those whose whole condition holds, in order.
    """
    counts: dict[str, int] = {}
    for conjuncts, _ in entries:
        for fact in {c.fact for c in conjuncts if c.fact is not None}:
            counts[fact] = counts.get(fact, 0) + 1
    if depth == 0 or not counts or max(counts.values()) < 2:
        return [(all_tests([c.test for c in conjuncts]), item) for conjuncts, item in entries]
    guard = max(counts, key=lambda k: (counts[k], k == "defendant.kind"))
    nonempty = guard.endswith(LIST_NONEMPTY)
    table = {}
    for value in (True, False) if nonempty else domain(FACTS[guard]):
        # a value test is settled by the table and dropped; an emptiness test only rules a rule
        # out (a non-empty list may still lack the value asked for), so the test stays
        sub = [
            (
                tuple(
                    c if c.fact != guard else c._replace(fact=None, allowed=None)
                    for c in conjuncts
                    if c.fact != guard or nonempty
                ),
                item,
            )
            for conjuncts, item in entries
            if all(value in c.allowed for c in conjuncts if c.fact == guard)
        ]
        table[value] = _index(sub, depth - 1)
    fact = guard.removesuffix(LIST_NONEMPTY) if nonempty else guard
    return _Switch(fact, table, _index(entries, 0), nonempty)


def _candidates(node, f: dict) -> list:
    """The (test, item) pairs of the rules that can fire for these facts."""
    while node.__class__ is _Switch:
        value = f[node.fact]
        node = node.table.get(bool(value) if node.nonempty else value, node.other)
    return node


class _Leaf(list):
    """A list of (test, item) pairs (an index leaf) of a first-match decision that also knows,
    for each rule, the tests of its rivals in this leaf (`rivals`): the rules that override it
    or could conflict with it. Rules outside the leaf cannot apply to a case that reaches it."""

    __slots__ = ("rivals",)


def _leaves(node, rule_of, rivals: dict[str, tuple]) -> Any:
    """The index with each leaf made a _Leaf (see above)."""
    if node.__class__ is _Switch:
        node.table = {k: _leaves(v, rule_of, rivals) for k, v in node.table.items()}
        node.other = _leaves(node.other, rule_of, rivals)
        return node
    leaf = _Leaf(node)
    tests = {rule_of(i).id: t for t, i in node}
    leaf.rivals = {
        rule_of(i).id: tuple(tests[r.id] for r in rivals.get(rule_of(i).id, ()) if r.id in tests) for t, i in node
    }
    return leaf


def _with_assumed(read, assumed):
    def reader(case):
        value = read(case)
        return assumed if value is None else value

    return reader


class _Plan:
    """What evaluating under one ruleset needs, prepared once per ruleset.

    Each decision's rules are kept as (compiled condition, prepared result) pairs in the
    ruleset's order; nothing here changes which rules fire or how they combine.
    """

    def __init__(self, rs: Ruleset):
        self.rs = rs
        rules = {kind: list(rs.by_decision.get(kind, ())) for kind in DecisionKind}
        # Assumed facts (default_level, then `assume:` of the base and of the ruleset; a later
        # one wins): a fact the case leaves missing reads as its assumed value.
        self.assumed: dict[str, Any] = {}
        if rs.default_level is not None:
            self.assumed["defendant.level"] = rs.default_level.value
        self.assumption_checks: dict[str, tuple[Any, str, WarningDetail]] = {}  # fact -> (reader, warning, detail)
        for source in (get_base(), rs):
            for fact, value in source.assume.items():
                self.assumed[fact] = value
                message = f"{fact} 未提供，按 {value} 处理：{source.assume_notes[fact]}"
                self.assumption_checks[fact] = (
                    FACTS[fact].test, message, WarningDetail(code="assumed_fact", text=message, subject=fact)
                )
        self.rule_by_id = {r.id: r for kind in DecisionKind for r in rules[kind]}
        # every fact's reader; a decided fact reads as None until it is decided
        self.readers: dict[str, Any] = {name: fact.read for name, fact in DECIDED_FACTS.items()}
        self.readers.update(
            (name, _with_assumed(fact.test, self.assumed[name]) if name in self.assumed else fact.test)
            for name, fact in FACTS.items()
        )
        def index(kind, item=lambda r: r):
            return _index([(r.when.conjuncts, item(r)) for r in rules[kind]])

        self.beats = rs.beats
        # deciding rules and the rules that add, replace or carry units: two indexes
        deciding = [r for r in rules[DecisionKind.undertaking] if r.then.form == "decide"]
        modifying = [r for r in rules[DecisionKind.undertaking] if r.then.form != "decide"]
        self.undertaking_pairs = _leaves(
            _index([(r.when.conjuncts, self._undertaking_item(r)) for r in deciding]),
            lambda item: item[0], rivals(rs, deciding))
        self.modifier_pairs = _index([(r.when.conjuncts, self._undertaking_item(r)) for r in modifying])
        # a rule that adds or replaces units gives way to any applying rule that overrides it
        self.suppressors: dict[str, tuple[Rule, ...]] = {}
        for r in rules[DecisionKind.undertaking]:
            beaten_by = tuple(x for x in rules[DecisionKind.undertaking] if r.id in rs.beats.get(x.id, ()))
            if beaten_by and r.then.form != "decide":
                self.suppressors[r.id] = beaten_by
        self.precedence = rs.combine.get(DecisionKind.appearance) is Combine.precedence
        self.appearance_rules = rules[DecisionKind.appearance]
        position = {id(r): i for i, r in enumerate(self.appearance_rules)}
        self.appearance_pairs = index(DecisionKind.appearance, lambda r: position[id(r)])
        self.appearance_outcomes: dict[tuple[int, ...], tuple[Rule, tuple[Rule, ...], tuple[str, ...]]] = {}
        self.loss_pairs = _leaves(index(DecisionKind.loss), lambda rule: rule, rivals(rs, rules[DecisionKind.loss]))
        self.deadline_pairs = index(DecisionKind.deadline)
        self.notice_pairs = index(DecisionKind.notice)
        self.loss_definition = rs.loss_definition or LossDefinition.default
        self.info: dict[bool, RulesetInfo] = {}

    def facts(self, case: Case) -> _CaseFacts:
        f = _CaseFacts()
        f.case = case
        f.readers = self.readers
        return f

    def assumption_warnings(self, case: Case, f: "_CaseFacts", cited: list) -> list[tuple[str, WarningDetail]]:
        """The assumptions an answer rests on: a fact the case leaves missing is read as its
        assumed value, and the warning is given only where a rule that decides part of the
        answer (a unit, the level or who, the loss, a computed deadline) holds with the assumed
        value and not without it. A deadline still pending is not an answer yet."""
        out = []
        for fact, (read, message, detail) in self.assumption_checks.items():
            if read(case) is not None:
                continue
            without = _Without(f, fact)
            rules = (self.rule_by_id.get(c.rule) for c in cited)
            if any(rule is not None and not rule.when.fast(without) for rule in rules):
                out.append((message, detail))
        return out

    def _unit_item(self, spec):
        co = spec.role is Role.co_department and spec.name is None
        name_fact = spec.name_from or (ROLE_NAME_FACTS.get(spec.role) if spec.name is None else None)
        fallback = {
            level: self.rs.name_of(spec.role, level) or ROLE_LABELS[spec.role] for level in (None, "city", "county")
        }
        return (spec.role, spec.duty, spec.scope, spec.name, co, name_fact, fallback)

    def _undertaking_item(self, rule: Rule):
        t = rule.then
        units = tuple(self._unit_item(spec) for spec in t.units)
        by = self._unit_item(t.replace.by) if t.replace is not None and t.replace.by is not None else None
        return rule, units, by


def _winners(rules: list, beats: dict) -> list:
    """The fired rules that no other fired rule overrides, in the ruleset's order."""
    if len(rules) < 2:
        return rules
    beaten: set = set()
    for x in rules:
        beaten |= beats.get(x.id, frozenset())
    return [x for x in rules if x.id not in beaten] if beaten else rules


def _conflict(a: Rule, b: Rule) -> RulesetError:
    return RulesetError(
        f"rules '{a.id}' (line {a.line}) and '{b.id}' (line {b.line}) both apply to this case with different "
        "results, and neither overrides the other: the ruleset must say which wins (overrides: [rule-id])",
        a.file, a.line)


def _one(rules: list, result) -> Any:
    """The first of the winning rules, after checking that they all give the same result."""
    first = rules[0]
    for other in rules[1:]:
        if result(other) != result(first):
            raise _conflict(first, other)
    return first


def _plan(rs: Ruleset) -> _Plan:
    plan = rs.__dict__.get("_plan")
    if plan is None or plan.rs is not rs:
        plan = rs.__dict__["_plan"] = _Plan(rs)
    return plan


_DEADLINE_ORDER = {d: i for i, d in enumerate(DEADLINES)}
_calendar_info: tuple[WorkingCalendar, str, tuple[int, ...]] | None = None


class _Evaluation:
    __slots__ = ("case", "rs", "calendar", "plan", "today", "warnings", "details", "trace", "f")

    def __init__(self, case: Case, rs: Ruleset, calendar: WorkingCalendar, today: date | None):
        self.case, self.rs, self.calendar = case, rs, calendar
        self.plan = plan = _plan(rs)
        self.today = today  # None: today, taken when needed (ruleset_info)
        self.warnings: list[str] = []
        self.details: list[WarningDetail] = []  # the warnings with their codes
        self.trace: list[str] = []
        self.f = plan.facts(case)  # facts read on first use; decided facts (loss.is_loss) added in run

    def warn(self, code: str, text: str, subject: str | None = None) -> None:
        """A warning (提示): its Chinese text in `warnings`, with its stable code in `warning_details`."""
        self.warnings.append(text)
        self.details.append(WarningDetail(code=code, text=text, subject=subject))

    @property
    def level(self) -> str | None:
        """defendant.level as the decisions see it (the ruleset's default when the case has none)."""
        return self.f["defendant.level"]

    @property
    def facts(self) -> FactValues:
        """Every fact as the decisions see it (for inspection; the decisions read them lazily)."""
        values = FactValues({name: self.f[name] for name in FACTS})
        values.update((k, v) for k, v in self.f.items() if k not in FACTS)
        return values

    def run(self) -> Decision:
        f = self.f
        for test, rule in _candidates(self.plan.notice_pairs, f):
            if test(f):
                self.trace.append(rule.id)
                self.warn("ruleset_notice", f"{rule.then}（{rule.article}{rule.item or ''}：{rule.quote}）", rule.id)
        undertaking = self.undertaking()
        appearance = self.appearance()
        loss = self.loss()
        f["loss.is_loss"] = loss.is_loss
        deadlines, pending = self.deadlines()
        # assumptions come first among the warnings, and only those an answer rests on
        cited = [*undertaking.basis, *appearance.basis, *loss.basis, *(x.basis for x in deadlines)]
        assumed = self.plan.assumption_warnings(self.case, f, cited)
        self.warnings[:0] = [message for message, _ in assumed]
        self.details[:0] = [detail for _, detail in assumed]
        return Decision(
            city=self.case.city.value,
            ruleset=self.ruleset_info(),
            calendar=self.calendar_info(),
            undertaking=undertaking,
            appearance=appearance,
            deadlines=deadlines,
            pending=pending,
            loss=loss,
            warnings=self.warnings,
            trace=self.trace,
            warning_details=self.details,
            provenance=provenance_of(self.rs, self.calendar),
        )

    # --- 应诉承办单位 ---------------------------------------------------------------
    def undertaking_parts(self) -> tuple[list[Rule], list[tuple[Role, str, Duty, Scope]], list[Role]]:
        """The undertaking as plain data: the rules chosen, the units (role, name, duty, scope)
        and the roles that must still designate the undertaker.

        The deciding rule (the one no other applying rule overrides) gives the units or who
        designates; `also` rules add units; `replace` rules give a unit's place (its duty and
        scope) to another unit or to designation; a `carry` rule keeps all that and, where the
        case names the unit that led at first instance, puts it in the leading unit's place."""
        plan, f = self.plan, self.f
        leaf = _candidates(plan.undertaking_pairs, f)  # the deciding rules
        # the first deciding rule that applies decides, unless one of its rivals applies too
        first = next((item for test, item in leaf if test(f)), None)
        rules: list[Rule] = []
        rows: list[tuple[Role, str, Duty, Scope]] = []
        designated: list[Role] = []
        leading = None  # index in rows of the deciding rule's first unit
        if first is not None:
            if any(test(f) for test in leaf.rivals[first[0].id]):
                deciding = [item for test, item in leaf if test(f)]
                winners = {x.id for x in _winners([item[0] for item in deciding], plan.beats)}
                deciding = [item for item in deciding if item[0].id in winners]
                first = deciding[0]
                _one([item[0] for item in deciding], lambda x: (x.then.units, x.then.designated_by))
            decided = first[0]
            rules.append(decided)
            if decided.then.units:
                leading = 0
                self._rows(first[1], rows)
            designated.extend(decided.then.designated_by)
        else:  # the property tests prove this does not happen with the installed rulesets
            self.warn("no_undertaking_rule", "本规定没有适用于这些事实的应诉承办单位规则：请由本级人民政府指定")
        mods = [item for test, item in _candidates(plan.modifier_pairs, f) if test(f)]
        if mods:
            suppressors = plan.suppressors
            mods = [item for item in mods
                    if not any(x.when.fast(f) for x in suppressors.get(item[0].id, ()))]
            leading = self._modify(mods, rules, rows, designated, leading)
        trace = self.trace
        for x in rules:
            trace.append(x.id)
            if x.then.warning:  # e.g. the ordinance is silent on abolition
                self.warn("ruleset_notice", f"{x.then.warning}（{x.article}{x.item or ''}）", x.id)
        return rules, rows, designated

    def _modify(self, mods: list, rules: list, rows: list, designated: list, leading: int | None) -> int | None:
        """Apply the `also`, then `replace`, then `carry` rules that apply (see undertaking_parts)."""
        f = self.f
        by_form: dict[str, list] = {"also": [], "replace": [], "carry": []}
        for item in mods:
            by_form[item[0].then.form].append(item)
        for item in by_form["also"]:
            rules.append(item[0])
            self._rows(item[1], rows)
        present = {row[0] for row in rows}
        replacing = [item for item in by_form["replace"] if present.intersection(item[0].then.replace.roles)]
        for i, (a, _, _) in enumerate(replacing):
            for b, _, _ in replacing[i + 1:]:
                if (a.then.replace.by, a.then.replace.designated_by) != (b.then.replace.by, b.then.replace.designated_by):
                    if set(a.then.replace.roles) & set(b.then.replace.roles):
                        raise _conflict(a, b)
        for x, _, by in replacing:
            spec = x.then.replace
            for k, (role, name, duty, scope) in enumerate(rows):
                if role not in spec.roles:
                    continue
                if by is not None:
                    rows[k] = (by[0], self._name(by), duty, scope)
                else:
                    rows[k] = None
                    designated.extend(r for r in spec.designated_by if r not in designated)
            if by is None:
                kept = [k for k, row in enumerate(rows) if row is not None]
                leading = kept.index(leading) if leading in kept else None
                rows[:] = [row for row in rows if row is not None]
            rules.append(x)
        if by_form["carry"]:
            x = _one([item[0] for item in by_form["carry"]], lambda x: x.then.carry)
            rules.append(x)
            role = x.then.carry
            name = f[ROLE_NAME_FACTS[role]] if role in ROLE_NAME_FACTS else None
            if name:
                if leading is not None:
                    _, _, duty, scope = rows[leading]
                    rows[leading] = (role, name, duty, scope)
                else:  # designated at first instance: the case now names the unit
                    rows.insert(0, (role, name, Duty.lead, Scope.whole))
                    designated.clear()
        return leading

    def _name(self, unit) -> str:
        role, duty, scope, name, co, name_fact, fallback = unit
        if name_fact is not None:
            name = self.f[name_fact] or name
        if not name:
            level = self.level
            name = fallback.get(level, _NO_NAME)
            if name is _NO_NAME:
                name = self.rs.name_of(role, level) or ROLE_LABELS[role]
        return name

    def _rows(self, units, rows: list) -> None:
        f = self.f
        for unit in units:
            role, duty, scope, name, co, name_fact, fallback = unit
            if co:
                lead = f["act.lead_department"]
                rows.extend((role, d, duty, scope) for d in f["act.departments"] if d != lead)
                continue
            rows.append((role, self._name(unit), duty, scope))

    def undertaking(self) -> Undertaking:
        chosen, rows, designated = self.undertaking_parts()
        units = [Unit(role=role, name=name, duty=duty, scope=scope) for role, name, duty, scope in rows]
        return Undertaking(units=units, designated_by=designated, basis=[r.citation for r in chosen])

    # --- 负责人出庭 -----------------------------------------------------------------
    def appearance_parts(self) -> tuple[AppearanceLevel, str | None, list[Rule]]:
        """The appearance as plain data: the level, who appears, and the rules of its basis
        (the deciding rule first)."""
        plan, f = self.plan, self.f
        fired = tuple([i for test, i in _candidates(plan.appearance_pairs, f) if test(f)])
        outcome = plan.appearance_outcomes.get(fired)
        if outcome is None:
            outcome = self._combine_appearance(fired)
            if len(plan.appearance_outcomes) < _MAX_OUTCOMES:
                plan.appearance_outcomes[fired] = outcome
        level, who, basis, ids = outcome
        self.trace.extend(ids)
        return level, who, list(basis)

    def _combine_appearance(self, positions: tuple[int, ...]):
        """Which of the fired appearance rules decides, who appears, and the basis (a function of
        which rules fired). A rule without a level only names who appears (e.g. 偃师细则第七条):
        the first such rule names them whatever level the others decide, unless nothing is to be
        attended (not_applicable)."""
        fired = [self.plan.appearance_rules[i] for i in positions]
        applying = _winners(fired, self.plan.beats)
        deciding = [r for r in applying if r.then[0] is not None]
        if not deciding:
            raise RuntimeError(f"ruleset {self.rs.id} has no appearance rule for these facts")  # load guarantees one
        if self.plan.precedence:  # the strongest level wins; rules of that level must agree on who
            rank = {level: i for i, level in enumerate(self.rs.precedence)}
            best = min(rank[r.then[0]] for r in deciding)
            top = [r for r in deciding if rank[r.then[0]] == best]
            own = [r for r in top if r.file == self.rs.file]  # the ordinance names who before the base
            winner = _one(own or top, lambda r: r.then)
        else:
            winner = _one(deciding, lambda r: r.then)
        level, who = winner.then
        basis = [winner, *[r for r in deciding if r is not winner and r.then[0] is level]]
        namers = [r for r in applying if r.then[0] is None]
        if namers and level is not AppearanceLevel.not_applicable:
            naming = _one(namers, lambda r: r.then)
            who = naming.then[1]
            basis.append(naming)
        return level, who, tuple(basis), tuple(r.id for r in fired)

    def appearance(self) -> Appearance:
        level, who, basis = self.appearance_parts()
        # who is named by the deciding rule, or by a rule that only names who (listed last)
        naming = basis[-1] if basis[-1].then[0] is None else basis[0]
        return Appearance(
            level=level,
            who=who,
            basis=[r.citation for r in basis],
            who_basis=naming.citation if who is not None else None,
        )

    # --- 败诉 -----------------------------------------------------------------------
    def loss_parts(self) -> tuple[bool | None, Rule | None]:
        """The loss as plain data: is_loss (None while undecided) and the deciding rule."""
        f = self.f
        if not f["outcome"] or (f["outcome.document"] is None and not f["outcome.dispositions"]):
            return None, None  # no outcome to judge
        leaf = _candidates(self.plan.loss_pairs, f)
        rule = next((rule for test, rule in leaf if test(f)), None)
        if rule is not None:
            if any(test(f) for test in leaf.rivals[rule.id]):
                rule = _one(_winners([r for test, r in leaf if test(f)], self.plan.beats), lambda r: r.then)
            self.trace.append(rule.id)
            return rule.then, rule
        self.warn("loss_undetermined", "败诉规则未覆盖该裁判结果：是否败诉无法判定")
        return None, None

    def loss(self) -> Loss:
        is_loss, rule = self.loss_parts()
        return Loss(
            is_loss=is_loss, definition=self.plan.loss_definition, basis=[rule.citation] if rule is not None else []
        )

    # --- 期限 -----------------------------------------------------------------------
    def deadlines(self) -> tuple[list[Deadline], list[Pending]]:
        f = self.f
        per_id: dict[str, list[Rule]] = {}
        for test, rule in _candidates(self.plan.deadline_pairs, f):
            if test(f):
                per_id.setdefault(rule.then.id, []).append(rule)
        chosen: dict[str, Rule] = {
            did: _one(_winners(rules, self.plan.beats), lambda r: r.then) for did, rules in per_id.items()
        }
        done: dict[str, Deadline] = {}
        pending: dict[str, Pending] = {}
        todo = list(chosen.values())
        while todo:
            progress = False
            waiting = []  # rules whose anchor deadline is not computed yet: the next pass
            for rule in todo:
                spec: DeadlineSpec = rule.then
                if spec.start in chosen:
                    if spec.start in pending:
                        pending[spec.id] = Pending(id=spec.id, waits_for=pending[spec.start].waits_for)
                        progress = True
                        continue
                    if spec.start not in done:
                        waiting.append(rule)  # its anchor deadline is computed first
                        continue
                    start = done[spec.start].due
                else:
                    # an event, or a deadline that did not apply here (its anchor never fired)
                    start = f["events." + spec.start] if spec.start in EVENT_NAMES else None
                progress = True
                self.trace.append(rule.id)
                missing = next((name for name in spec.requires if f[name] is None), None)
                if start is None or missing:
                    pending[spec.id] = Pending(id=spec.id, waits_for=spec.start if start is None else missing)
                    continue
                counted = count(spec.rule, start, spec.amount, self.calendar)
                if counted.provisional_years:
                    years = "、".join(str(y) for y in counted.provisional_years)
                    self.warn(
                        "provisional_calendar",
                        f"{spec.id}：{years} 年尚无国务院节假日安排数据，按法定节假日推算，日期为暂定（provisional）",
                        spec.id,
                    )
                for y in counted.replaced_years:  # a deployment's file replaced official data
                    self.warnings.append(
                        f"{spec.id}：{y} 年的节假日安排已由部署方文件替换官方数据（{self.calendar.replacement_note(y)}），日期按该文件计算"
                    )
                done[spec.id] = Deadline(
                    id=spec.id,
                    title=DEADLINES[spec.id],
                    due=counted.due,
                    rule=spec.rule.value,
                    amount=spec.amount,
                    start=spec.start,
                    start_date=start,
                    provisional=counted.provisional,
                    basis=rule.citation,
                )
            todo = waiting
            if not progress:  # the loader rejects cycles; an anchor that never fired lands here
                for rule in todo:
                    pending[rule.then.id] = Pending(id=rule.then.id, waits_for=rule.then.start)
                break
        order = _DEADLINE_ORDER
        deadlines = sorted(done.values(), key=lambda d: (d.due, order[d.id]))
        return deadlines, sorted(pending.values(), key=lambda p: order[p.id])

    # --- 规则集 ---------------------------------------------------------------------
    def ruleset_info(self) -> RulesetInfo:
        rs = self.rs
        on = self.case.events.served or self.today or date.today()
        in_force = (rs.effective_from is None or on >= rs.effective_from) and (
            rs.effective_to is None or on <= rs.effective_to
        )
        when = "收到应诉通知书之日" if self.case.events.served else "今天"
        if not in_force:
            span = f"{rs.effective_from or '…'} 至 {rs.effective_to or '…'}"
            self.warn("ruleset_not_in_force", f"{when}（{on}）本规定不在施行期间（{span}）：结论仅供参考")
        elif rs.effective_from_latest and on < rs.effective_from_latest:
            self.warn(
                "ruleset_effective_date_uncertain",
                f"{when}（{on}）可能早于本规定施行之日：{rs.effective_note or '施行日期不能确定'}",
            )
        info = self.plan.info.get(in_force)
        if info is None:  # the same for every case under this ruleset (an immutable model)
            info = self.plan.info[in_force] = RulesetInfo(
                id=rs.id,
                title=rs.title,
                number=rs.number,
                effective_from=rs.effective_from,
                effective_to=rs.effective_to,
                in_force=in_force,
                version=rs.version,
            )
        return info

    def calendar_info(self) -> CalendarInfo:
        global _calendar_info
        cached = _calendar_info
        if cached is None or cached[0] is not self.calendar:  # a calendar's data are fixed when it is made
            cached = _calendar_info = (self.calendar, self.calendar.source, tuple(_year_span(self.calendar)))
        return CalendarInfo(source=cached[1], official_years=list(cached[2]))


def _year_span(calendar: WorkingCalendar) -> list[int]:
    years = calendar.official_years
    return [years[0], years[-1]] if years else []
