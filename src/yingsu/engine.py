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
    CalendarInfo,
    Deadline,
    Decision,
    Loss,
    LossDefinition,
    Pending,
    Role,
    RulesetInfo,
    Undertaking,
    Unit,
)
from .facts import read_facts
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


class _Evaluation:
    def __init__(self, case: Case, rs: Ruleset, calendar: WorkingCalendar, today: date | None):
        self.case, self.rs, self.calendar = case, rs, calendar
        self.today = today or date.today()
        self.warnings: list[str] = []
        self.trace: list[str] = []
        assumed: dict[str, Any] = {}
        if rs.default_level is not None:
            assumed["defendant.level"] = rs.default_level.value
        self.facts = read_facts(case)
        for source in (get_base(), rs):
            for fact, value in source.assume.items():
                if self.facts.get(fact) is None:
                    assumed[fact] = value
                    self.warnings.append(f"{fact} 未提供，按 {value} 处理：{source.assume_notes[fact]}")
        self.facts.update({k: v for k, v in assumed.items() if self.facts.get(k) is None})
        self.level = self.facts.get("defendant.level")

    def fired(self, kind: DecisionKind) -> list[Rule]:
        out = [r for r in self.rs.by_decision[kind] if r.when(self.facts)]
        return out

    def run(self) -> Decision:
        for rule in self.fired(DecisionKind.notice):
            self.trace.append(rule.id)
            self.warnings.append(f"{rule.then}（{rule.article}{rule.item or ''}：{rule.quote}）")
        undertaking = self.undertaking()
        appearance = self.appearance()
        loss = self.loss()
        self.facts["loss.is_loss"] = loss.is_loss
        deadlines, pending = self.deadlines()
        return Decision(
            city=self.case.city.value,
            ruleset=self.ruleset_info(),
            calendar=CalendarInfo(source=self.calendar.source, official_years=_year_span(self.calendar)),
            undertaking=undertaking,
            appearance=appearance,
            deadlines=deadlines,
            pending=pending,
            loss=loss,
            warnings=self.warnings,
            trace=self.trace,
        )

    # --- 应诉承办单位 ---------------------------------------------------------------
    def undertaking(self) -> Undertaking:
        decided: Rule | None = None
        added: list[Rule] = []
        for rule in self.fired(DecisionKind.undertaking):
            if rule.also:
                added.append(rule)
            elif decided is None:
                decided = rule
        if decided is None:
            self.warnings.append("本规定没有适用于这些事实的应诉承办单位规则：请由本级人民政府指定")
            chosen: list[Rule] = added
        else:
            chosen = [decided, *added]
        units: list[Unit] = []
        designated: list[Role] = []
        for rule in chosen:
            self.trace.append(rule.id)
            specs, by = rule.then
            for spec in specs:
                units.extend(self.units(spec))
            designated.extend(r for r in by if r not in designated)
        return Undertaking(units=units, designated_by=designated, basis=[r.citation for r in chosen])

    def units(self, spec: UnitSpec) -> list[Unit]:
        if spec.role is Role.co_department and spec.name is None:
            lead = self.facts.get("act.lead_department")
            return [
                Unit(role=spec.role, name=d, duty=spec.duty, scope=spec.scope)
                for d in self.facts.get("act.departments") or ()
                if d != lead
            ]
        name = spec.name
        if name is None and spec.role in ROLE_NAME_FACTS:
            name = self.facts.get(ROLE_NAME_FACTS[spec.role])
        name = name or self.rs.name_of(spec.role, self.level) or ROLE_LABELS[spec.role]
        return [Unit(role=spec.role, name=name, duty=spec.duty, scope=spec.scope)]

    # --- 负责人出庭 -----------------------------------------------------------------
    def appearance(self) -> Appearance:
        fired = self.fired(DecisionKind.appearance)
        if not fired:
            raise RuntimeError(f"ruleset {self.rs.id} has no appearance rule for these facts")  # load guarantees one
        self.trace.extend(r.id for r in fired)
        if self.rs.combine[DecisionKind.appearance] is Combine.precedence:
            rank = {level: i for i, level in enumerate(self.rs.precedence)}
            winner = min(fired, key=lambda r: rank[r.then[0]])  # min is stable: the earlier rule wins a tie
        else:
            winner = fired[0]
        level, who = winner.then
        basis = [winner.citation] + [r.citation for r in fired if r is not winner and r.then[0] is level]
        return Appearance(level=level, who=who, basis=basis)

    # --- 败诉 -----------------------------------------------------------------------
    def loss(self) -> Loss:
        definition = self.rs.loss_definition or LossDefinition.default
        if not self.facts.get("outcome") or (
            self.facts.get("outcome.document") is None and not self.facts.get("outcome.dispositions")
        ):
            return Loss(is_loss=None, definition=definition, basis=[])
        for rule in self.fired(DecisionKind.loss):
            self.trace.append(rule.id)
            return Loss(is_loss=rule.then, definition=definition, basis=[rule.citation])
        self.warnings.append("败诉规则未覆盖该裁判结果：是否败诉无法判定")
        return Loss(is_loss=None, definition=definition, basis=[])

    # --- 期限 -----------------------------------------------------------------------
    def deadlines(self) -> tuple[list[Deadline], list[Pending]]:
        chosen: dict[str, Rule] = {}
        for rule in self.fired(DecisionKind.deadline):
            chosen.setdefault(rule.then.id, rule)
        done: dict[str, Deadline] = {}
        pending: dict[str, Pending] = {}
        todo = list(chosen.values())
        while todo:
            progress = False
            for rule in list(todo):
                spec: DeadlineSpec = rule.then
                start = self.facts.get(f"events.{spec.start}") if spec.start not in chosen else None
                if spec.start in chosen:
                    if spec.start in pending:
                        pending[spec.id] = Pending(id=spec.id, waits_for=pending[spec.start].waits_for)
                        todo.remove(rule)
                        progress = True
                        continue
                    if spec.start not in done:
                        continue  # its anchor deadline is computed first
                    start = done[spec.start].due
                todo.remove(rule)
                progress = True
                self.trace.append(rule.id)
                missing = next((f for f in spec.requires if self.facts.get(f) is None), None)
                if start is None or missing:
                    pending[spec.id] = Pending(id=spec.id, waits_for=spec.start if start is None else missing)
                    continue
                counted = count(spec.rule, start, spec.amount, self.calendar)
                if counted.provisional:
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
            if not progress:  # the loader rejects cycles; an anchor that never fired lands here
                for rule in todo:
                    pending[rule.then.id] = Pending(id=rule.then.id, waits_for=rule.then.start)
                break
        order = list(DEADLINES)
        deadlines = sorted(done.values(), key=lambda d: (d.due, order.index(d.id)))
        return deadlines, sorted(pending.values(), key=lambda p: order.index(p.id))

    # --- 规则集 ---------------------------------------------------------------------
    def ruleset_info(self) -> RulesetInfo:
        rs = self.rs
        on = self.case.events.served or self.today
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
        return RulesetInfo(
            id=rs.id,
            title=rs.title,
            number=rs.number,
            effective_from=rs.effective_from,
            effective_to=rs.effective_to,
            in_force=in_force,
        )


def _year_span(calendar: WorkingCalendar) -> list[int]:
    years = calendar.official_years
    return [years[0], years[-1]] if years else []
