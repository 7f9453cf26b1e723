"""Evaluation (适用规则): case → facts → the four decisions, each with its basis.

No legal rule lives here: this module only applies what a ruleset says, in the way the
ruleset's `combine:` section declares. Data flows one way: the undertaking, appearance and
loss decisions are taken from the facts; the deadlines may also test the loss decision.
"""
from __future__ import annotations

import ast
from collections import Counter
import re
from datetime import date
from typing import Any, Iterable

from .calendar import WorkingCalendar, default_calendar
from .catalogue import DEADLINES, ROLE_LABELS, ROLE_NAME_FACTS
from .counting import count
from .decision import (
    Appearance,
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
)
from .facts import FACTS, READ_SCOPE, FactValues, read_facts
from .models import Case, City
from .rulesets import available_cities, Combine, DecisionKind, DeadlineSpec, Rule, Ruleset, UnitSpec, get_base, get_ruleset


def evaluate(case: Case, *, calendar: WorkingCalendar | None = None, today: date | None = None) -> Decision:
    """Decide a case under the ruleset of `case.city`."""
    if not isinstance(case, Case):
        raise TypeError("evaluate() takes a yingsu.Case; use Case.model_validate(data) or load_case(path) first")
    return _Evaluation(case, get_ruleset(case.city.value), calendar or default_calendar(), today).run()


def compare(case: Case, cities: Iterable[str] | None = None, **kwargs: Any) -> dict[str, Decision]:
    """The same facts under every city's ruleset (or the given ones), keyed by city, in order."""
    chosen = [City(c) for c in (cities if cities is not None else available_cities())]
    return {c.value: evaluate(case.model_copy(update={"city": c}), **kwargs) for c in chosen}


_UNREAD = object()  # a fact not yet read in a compiled decision
_NO_NAME = object()
_MAX_OUTCOMES = 4096  # appearance outcomes kept per ruleset (one per combination of fired rules)
_NOTHING_DECIDED: dict[str, Any] = {}  # never written to


class _Inline(ast.NodeTransformer):
    """Turns `f['fact']` in a condition's expression into a read of the case on first use.

    The first time a compiled decision needs a fact it reads it off the case (with the
    ruleset's assumed value built in) into a local variable; later conditions use that
    variable. A decided fact (`loss.is_loss`) is looked up in `_d`.
    """

    def __init__(self, plan: _Plan):
        self.plan = plan
        self.slots: dict[str, str] = {}

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        node = self.generic_visit(node)
        if (
            isinstance(node.value, ast.Name)
            and node.value.id == "f"
            and isinstance(node.slice, ast.Constant)
            and type(node.slice.value) is str
        ):
            name = node.slice.value
            if name in FACTS:
                v = self.slots.setdefault(name, f"v{len(self.slots)}")
                src = f"({v} if {v} is not _U else ({v} := {self.plan.effective_expr(name)}))"
            else:
                src = f"_d.get({name!r})"
            return ast.parse(src, mode="eval").body
        return node


class _Plan:
    """What evaluating under one ruleset needs, prepared once per ruleset.

    The conditions of each decision's rules, in the ruleset's order, are compiled into one
    Python function of the case (see _Inline and yingsu.conditions): a decision costs one
    call, and each fact is read at most once, when a condition first needs it. Nothing here
    changes which rules fire or how they combine: the `fired` functions return exactly the
    rules whose condition holds, in order, and the `first` functions the first of them.
    """

    def __init__(self, rs: Ruleset):
        self.rs = rs
        rules = {kind: list(rs.by_decision.get(kind, ())) for kind in DecisionKind}
        # Assumed facts (default_level, then `assume:` of the base and of the ruleset; a later
        # one wins): a fact the case leaves missing reads as its assumed value.
        self.assumed: dict[str, Any] = {}
        if rs.default_level is not None:
            self.assumed["defendant.level"] = rs.default_level.value
        checks = []
        for source in (get_base(), rs):
            for fact, value in source.assume.items():
                self.assumed[fact] = value
                checks.append((fact, f"{fact} 未提供，按 {value} 处理：{source.assume_notes[fact]}"))
        self.ns: dict[str, Any] = {**READ_SCOPE, "_U": _UNREAD, "_NONE": {}}
        self._consts = 0
        self._readers: dict[str, Any] = {}
        lines = ["def assumed(c):", "    out = []"]
        for i, (fact, message) in enumerate(checks):
            lines += [f"    if {FACTS[fact].expr} is None:", f"        out.append({self._const(message)})"]
        self.assumption_warnings = self._define(lines + ["    return out"], "assumed")

        self.rules = rules
        self._fired: dict[DecisionKind, Any] = {}  # made on first use (see fired)
        # With no `also` rule, the undertaking is the first matching rule: later rules need no test.
        self.undertaking_also = any(r.also for r in rules[DecisionKind.undertaking])
        undertaking = rules[DecisionKind.undertaking]
        self.fired_undertaking = (
            self._join(undertaking, first=False, item=self._undertaking_item) if self.undertaking_also else None
        )
        self.first_undertaking = self._join(undertaking, first=True, item=self._undertaking_item)
        self.precedence = rs.combine.get(DecisionKind.appearance) is Combine.precedence
        appearance = rules[DecisionKind.appearance]
        position = {id(r): i for i, r in enumerate(appearance)}
        # fired appearance rules as their positions: the outcome of each combination is kept
        self.fired_appearance = self._join(appearance, first=False, item=lambda r: position[id(r)])
        self.appearance_rules = appearance
        self.appearance_outcomes: dict[tuple[int, ...], tuple[Rule, tuple[Rule, ...], tuple[str, ...]]] = {}
        self.first_loss = self._join(rules[DecisionKind.loss], first=True)
        self.fired_deadlines = self._join(rules[DecisionKind.deadline], first=False, item=self._deadline_item)
        self.loss_definition = rs.loss_definition or LossDefinition.default
        self.level = self.reader("defendant.level")
        outcome, document, dispositions = (
            self.effective_expr(n) for n in ("outcome", "outcome.document", "outcome.dispositions")
        )
        # no outcome to judge: no outcome, or neither a document nor a disposition
        self.loss_open = self._lambda(f"not {outcome} or ({document} is None and not {dispositions})")
        self.info: dict[bool, RulesetInfo] = {}

    def fired(self, kind: DecisionKind):
        """The function (case, decided facts) -> the rules of `kind` whose condition holds."""
        fn = self._fired.get(kind)
        if fn is None:
            fn = self._fired[kind] = self._join(self.rules[kind], first=False)
        return fn

    # -- reading facts ---------------------------------------------------------------------
    def effective_expr(self, name: str) -> str:
        """The expression reading fact `name` off the case `c`, its assumed value built in.

        It is the fact's `test` reading (enum members as the case holds them, which compare
        and hash as their values): what conditions, names and dates need.
        """
        expr = FACTS[name].test
        if name in self.assumed:
            return f"(y if (y := {expr}) is not None else {self._const(self.assumed[name])})"
        return expr

    def reader(self, name: str):
        """case -> the value of fact `name` (None when it is not a fact)."""
        if name not in self._readers:
            self._readers[name] = self._lambda(self.effective_expr(name)) if name in FACTS else (lambda c: None)
        return self._readers[name]

    def facts_of(self, case: Case, decided: dict[str, Any]) -> FactValues:
        """Every fact of the case by name, as the decisions see them (assumed and decided ones included)."""
        values = read_facts(case)
        for fact, value in self.assumed.items():
            if values.get(fact) is None:
                values[fact] = value
        values.update(decided)
        return FactValues(values)

    # -- compiling -------------------------------------------------------------------------
    def _const(self, value: Any) -> str:
        if type(value) in (str, int, bool) or value is None:
            return repr(value)
        self._consts += 1
        name = f"_c{self._consts}"
        self.ns[name] = value
        return name

    def _lambda(self, expr: str):
        return eval(f"lambda c: {expr}", self.ns)  # noqa: S307 - built from the fact table and checked rules

    def _define(self, lines: list[str], name: str):
        ns = dict(self.ns)
        exec("\n".join(lines), ns)  # noqa: S102 - built from the fact table and checked rules
        return ns[name]

    def _join(self, rules: list[Rule], *, first: bool, item=None):
        """One function (case, decided facts) -> the rules whose condition holds (or the first, or None).

        A test that several rules share (e.g. "the session is a trial or not stated") is
        worked out once, when a rule first needs it, and kept in a local variable.
        """
        inline = _Inline(self)
        conditions: list[Any] = []
        for i, rule in enumerate(rules):
            self.ns[f"_r{id(rule)}_{i}"] = rule if item is None else item(rule)
            expr = getattr(rule.when, "expr", None)
            if expr is None:  # a predicate not made by yingsu.conditions: call it on all the facts
                self.ns[f"_p{id(rule)}"] = rule.when
                self.ns["_facts"] = self.facts_of
                conditions.append(f"_p{id(rule)}(_facts(c, _d))")
            else:
                self.ns.update(rule.when.consts)
                conditions.append(inline.visit(ast.parse(expr, mode="eval")).body)
        tests = [_tests(c) if isinstance(c, ast.AST) else [] for c in conditions]
        seen = Counter(text for ts in tests for text in {ast.unparse(t) for t in ts})
        shared: dict[str, str] = {}
        body: list[str] = []
        for i, (rule, condition, ts) in enumerate(zip(rules, conditions, tests)):
            if isinstance(condition, ast.AST):
                parts = []
                for t in ts:
                    text = ast.unparse(t)
                    if seen[text] > 1:
                        name = shared.setdefault(text, f"t{len(shared)}")
                        text = f"({name} if {name} is not _U else ({name} := {text}))"
                    parts.append(f"({text})")
                condition = " and ".join(parts)
            body.append(f"    if {condition}:")
            body.append(f"        return _r{id(rule)}_{i}" if first else f"        out.append(_r{id(rule)}_{i})")
        # constants and rules as default arguments: local variables, the fastest to load
        local = sorted({n for n in self.ns if n.startswith(("_k", "_r", "_c"))} & set(_names("\n".join(body))))
        head = ["def decide(c, _d=_NONE, _U=_U" + "".join(f", {n}={n}" for n in local) + "):"]
        unread = [*inline.slots.values(), *shared.values()]
        if unread:
            head.append("    " + " = ".join(unread) + " = _U")
        if not first:
            head.append("    out = []")
        return self._define(head + body + ["    return None" if first else "    return out"], "decide")

    def _undertaking_item(self, rule: Rule):
        specs, by = rule.then
        units = []
        for spec in specs:
            co = spec.role is Role.co_department and spec.name is None
            name_fact = ROLE_NAME_FACTS.get(spec.role)
            reader = self.reader(name_fact) if name_fact is not None and spec.name is None else None
            fallback = {
                level: self.rs.name_of(spec.role, level) or ROLE_LABELS[spec.role] for level in (None, "city", "county")
            }
            units.append((spec.role, spec.duty, spec.scope, spec.name, co, reader, fallback))
        return rule, tuple(units), by

    def _deadline_item(self, rule: Rule):
        spec: DeadlineSpec = rule.then
        return rule, self.reader(f"events.{spec.start}"), tuple((f, self.reader(f)) for f in spec.requires)


def _tests(condition: ast.AST) -> list[ast.AST]:
    """The tests a condition requires all of (the operands of its top-level `and`)."""
    if isinstance(condition, ast.BoolOp) and isinstance(condition.op, ast.And):
        return list(condition.values)
    return [condition]


_IDENT = re.compile(r"\b_[krc]\w*")


def _names(source: str) -> set[str]:
    """Names of constants and rules a generated body may use (a superset is harmless)."""
    return set(_IDENT.findall(source))


def _plan(rs: Ruleset) -> _Plan:
    plan = rs.__dict__.get("_plan")
    if plan is None or plan.rs is not rs:
        plan = rs.__dict__["_plan"] = _Plan(rs)
    return plan


_DEADLINE_ORDER = {d: i for i, d in enumerate(DEADLINES)}
_calendar_info: tuple[WorkingCalendar, str, tuple[int, ...]] | None = None


class _Evaluation:
    __slots__ = ("case", "rs", "calendar", "plan", "today", "warnings", "trace", "decided", "_level")

    def __init__(self, case: Case, rs: Ruleset, calendar: WorkingCalendar, today: date | None):
        self.case, self.rs, self.calendar = case, rs, calendar
        self.plan = plan = _plan(rs)
        self.today = today  # None: today, taken when needed (ruleset_info)
        self.warnings: list[str] = plan.assumption_warnings(case)
        self.trace: list[str] = []
        self.decided: dict[str, Any] = _NOTHING_DECIDED  # facts decided on the way (loss.is_loss, in run)
        self._level: Any = _UNREAD

    @property
    def level(self) -> str | None:
        """defendant.level as the decisions see it (the ruleset's default when the case has none)."""
        if self._level is _UNREAD:
            self._level = self.plan.level(self.case)
        return self._level

    @property
    def facts(self) -> FactValues:
        """Every fact as the decisions see it (for inspection; the decisions read the case directly)."""
        return self.plan.facts_of(self.case, self.decided)

    def fired(self, kind: DecisionKind) -> list[Rule]:
        return self.plan.fired(kind)(self.case, self.decided)

    def run(self) -> Decision:
        for rule in self.fired(DecisionKind.notice):
            self.trace.append(rule.id)
            self.warnings.append(f"{rule.then}（{rule.article}{rule.item or ''}：{rule.quote}）")
        undertaking = self.undertaking()
        appearance = self.appearance()
        loss = self.loss()
        self.decided = {"loss.is_loss": loss.is_loss}
        deadlines, pending = self.deadlines()
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
        )

    # --- 应诉承办单位 ---------------------------------------------------------------
    def undertaking_parts(self) -> tuple[list[Rule], list[tuple[Role, str, Duty, Scope]], list[Role]]:
        """The undertaking as plain data: the rules chosen, the units (role, name, duty, scope)
        and the roles that must still designate the undertaker."""
        plan, case = self.plan, self.case
        if plan.undertaking_also:
            decided = None
            added = []
            for item in plan.fired_undertaking(case, self.decided):
                if item[0].also:
                    added.append(item)
                elif decided is None:
                    decided = item
        else:
            decided, added = plan.first_undertaking(case, self.decided), []
        if decided is None:
            self.warnings.append("本规定没有适用于这些事实的应诉承办单位规则：请由本级人民政府指定")
            chosen = added
        else:
            chosen = [decided, *added]
        rules: list[Rule] = []
        rows: list[tuple[Role, str, Duty, Scope]] = []
        designated: list[Role] = []
        trace = self.trace
        for rule, units, by in chosen:
            rules.append(rule)
            trace.append(rule.id)
            for role, duty, scope, name, co, reader, fallback in units:
                if co:
                    lead = case.act.lead_department
                    rows.extend((role, d, duty, scope) for d in case.act.departments if d != lead)
                    continue
                if reader is not None:
                    name = reader(case)
                if not name:
                    level = self.level
                    name = fallback.get(level, _NO_NAME)
                    if name is _NO_NAME:
                        name = self.rs.name_of(role, level) or ROLE_LABELS[role]
                rows.append((role, name, duty, scope))
            if by:
                designated.extend(r for r in by if r not in designated)
        return rules, rows, designated

    def undertaking(self) -> Undertaking:
        chosen, rows, designated = self.undertaking_parts()
        units = [Unit(role=role, name=name, duty=duty, scope=scope) for role, name, duty, scope in rows]
        return Undertaking(units=units, designated_by=designated, basis=[r.citation for r in chosen])

    # --- 负责人出庭 -----------------------------------------------------------------
    def appearance_parts(self) -> tuple[Rule, list[Rule]]:
        """The appearance as plain data: the deciding rule and the rules of its basis."""
        plan = self.plan
        fired = tuple(plan.fired_appearance(self.case, self.decided))
        outcome = plan.appearance_outcomes.get(fired)
        if outcome is None:
            outcome = self._combine_appearance(fired)
            if len(plan.appearance_outcomes) < _MAX_OUTCOMES:
                plan.appearance_outcomes[fired] = outcome
        winner, basis, ids = outcome
        self.trace.extend(ids)
        return winner, list(basis)

    def _combine_appearance(self, positions: tuple[int, ...]) -> tuple[Rule, tuple[Rule, ...], tuple[str, ...]]:
        """Which of the fired appearance rules decides, and its basis (a function of which fired)."""
        fired = [self.plan.appearance_rules[i] for i in positions]
        if not fired:
            raise RuntimeError(f"ruleset {self.rs.id} has no appearance rule for these facts")  # load guarantees one
        winner = fired[0]
        if self.plan.precedence:  # the strongest level wins; the earlier rule wins a tie
            rank = {level: i for i, level in enumerate(self.rs.precedence)}
            winner = min(fired, key=lambda r: rank[r.then[0]])  # min is stable: the earlier rule wins a tie
        level = winner.then[0]
        basis = (winner, *[r for r in fired if r is not winner and r.then[0] is level])
        return winner, basis, tuple(r.id for r in fired)

    def appearance(self) -> Appearance:
        winner, basis = self.appearance_parts()
        level, who = winner.then
        return Appearance(level=level, who=who, basis=[r.citation for r in basis])

    # --- 败诉 -----------------------------------------------------------------------
    def loss_parts(self) -> tuple[bool | None, Rule | None]:
        """The loss as plain data: is_loss (None while undecided) and the deciding rule."""
        if self.plan.loss_open(self.case):
            return None, None
        rule = self.plan.first_loss(self.case, self.decided)
        if rule is not None:
            self.trace.append(rule.id)
            return rule.then, rule
        self.warnings.append("败诉规则未覆盖该裁判结果：是否败诉无法判定")
        return None, None

    def loss(self) -> Loss:
        is_loss, rule = self.loss_parts()
        return Loss(
            is_loss=is_loss, definition=self.plan.loss_definition, basis=[rule.citation] if rule is not None else []
        )

    # --- 期限 -----------------------------------------------------------------------
    def deadlines(self) -> tuple[list[Deadline], list[Pending]]:
        case = self.case
        chosen: dict[str, tuple] = {}
        for fired in self.plan.fired_deadlines(case, self.decided):
            chosen.setdefault(fired[0].then.id, fired)
        done: dict[str, Deadline] = {}
        pending: dict[str, Pending] = {}
        todo = list(chosen.values())
        while todo:
            progress = False
            waiting = []  # rules whose anchor deadline is not computed yet: the next pass
            for fired in todo:
                rule, event, requires = fired
                spec: DeadlineSpec = rule.then
                if spec.start in chosen:
                    if spec.start in pending:
                        pending[spec.id] = Pending(id=spec.id, waits_for=pending[spec.start].waits_for)
                        progress = True
                        continue
                    if spec.start not in done:
                        waiting.append(fired)  # its anchor deadline is computed first
                        continue
                    start = done[spec.start].due
                else:
                    start = event(case)
                progress = True
                self.trace.append(rule.id)
                missing = next((f for f, read in requires if read(case) is None), None)
                if start is None or missing:
                    pending[spec.id] = Pending(id=spec.id, waits_for=spec.start if start is None else missing)
                    continue
                counted = count(spec.rule, start, spec.amount, self.calendar)
                if counted.provisional_years:
                    years = "、".join(str(y) for y in counted.provisional_years)
                    self.warnings.append(
                        f"{spec.id}：{years} 年尚无国务院节假日安排数据，按法定节假日推算，日期为暂定（provisional）"
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
                for rule, _, _ in todo:
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
            self.warnings.append(f"{when}（{on}）本规定不在施行期间（{span}）：结论仅供参考")
        elif rs.effective_from_latest and on < rs.effective_from_latest:
            self.warnings.append(
                f"{when}（{on}）可能早于本规定施行之日：{rs.effective_note or '施行日期不能确定'}"
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
