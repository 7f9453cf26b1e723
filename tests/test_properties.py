"""Property tests (hypothesis): random valid cases in every city, and the counting rules.

The strategy `cases()` draws every field of the contract's Case with every enum value, and
respects the model's contradiction checks (events in date order, a lead department among
two or more departments, nothing about an appeal at first instance, dispositions that fit
the document, …), so every drawn case validates.

Properties:
- evaluating a random valid case never raises, in every city, and the decision round-trips;
- every deadline that is moved to a working day falls on one (working_days, calendar_days,
  months, days_before, working_days_before);
- a calendar_days due date is never earlier than start + n;
- a later start never gives an earlier due date, for each counting rule (yingsu.counting.count);
- `yingsu.compare(case)` gives, for each city, the decision of evaluating that city alone;
- an undertaking is never empty: a unit or who designates it, and the rule that says so; a
  unit never bears another unit's name (an abolished maker, an entrusted organisation, a
  township named after a department);
- at second instance and retrial the undertaking is the first instance's, decided from the
  same facts, with the named first-instance undertaker in the leading unit's place.

Examples per property: 300 by default (profile "yingsu-properties"); set
YINGSU_HYPOTHESIS_EXAMPLES=N for a long run of N (profile "yingsu-properties-many"), e.g.
    YINGSU_HYPOTHESIS_EXAMPLES=20000 python -m pytest -q tests/test_properties.py
"""
from __future__ import annotations

import os
from datetime import date, timedelta
from enum import StrEnum

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import yingsu
from yingsu import models as m
from yingsu.calendar import default_calendar
from yingsu.counting import CountingRule, count
from yingsu.decision import Decision, Duty, Scope
from yingsu.rulesets import DecisionKind, get_ruleset

TODAY = date(2026, 11, 23)
CITIES = [c.value for c in m.City]

# -- settings profiles ----------------------------------------------------------------------

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("yingsu-properties", max_examples=300, **_COMMON)
_MANY = int(os.environ.get("YINGSU_HYPOTHESIS_EXAMPLES") or 0)
if _MANY > 0:
    settings.register_profile("yingsu-properties-many", max_examples=_MANY, **_COMMON)
PROFILE = settings.get_profile("yingsu-properties-many" if _MANY > 0 else "yingsu-properties")

# -- the strategy ---------------------------------------------------------------------------

UNITS = ["区住房和城乡建设局", "区自然资源和规划局", "区城市管理执法局", "区市场监督管理局", "区生态环境局", "某街道办事处"]
# names are one line of plain text, not only spaces (models.Name)
_TEXT = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
NAMES = st.one_of(st.sampled_from(UNITS), st.text(_TEXT, min_size=1, max_size=12).filter(str.strip))

# Event dates: a base day anywhere a case can fall, the other events up to 500 days after
# it, all inside the dates the model accepts (m.FIRST_EVENT_DATE .. m.LAST_EVENT_DATE).
BASE = st.one_of(
    st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31)),  # mostly today's cases
    st.dates(min_value=m.FIRST_EVENT_DATE, max_value=date(2195, 12, 31)),  # anywhere, incl. provisional years
)
OFFSET = st.integers(min_value=0, max_value=500)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


def enum(e: type[StrEnum]):
    return st.sampled_from(list(e))


def flag():
    return maybe(st.booleans())


@st.composite
def events(draw, session: m.Session | None) -> dict:
    base = draw(BASE)
    out: dict[str, date] = {}
    if draw(st.booleans()) or draw(st.booleans()):
        out["served"] = base
    for name in ("forwarded", "judgment_served", "case_closed", "suggestion_received"):
        if draw(st.booleans()):
            start = out.get("judgment_served", base) if name == "case_closed" else base
            out[name] = start + timedelta(days=draw(OFFSET))
    if session not in (m.Session.none, m.Session.not_accepted) and draw(st.booleans()):
        out["hearing"] = base + timedelta(days=draw(OFFSET))
    if draw(st.booleans()):
        after = out.get("judgment_served", base)
        out["judgment_effective"] = after + timedelta(days=draw(OFFSET))
    return {k: v.isoformat() if draw(st.booleans()) else v for k, v in out.items()}  # text or date


@st.composite
def act(draw) -> dict:
    departments = draw(st.lists(st.sampled_from(UNITS), max_size=4, unique=True))
    lead = draw(maybe(st.sampled_from(departments))) if len(departments) >= 2 else None
    abolished = draw(flag())
    return {
        "maker": draw(maybe(NAMES)),
        "maker_kind": draw(maybe(enum(m.MakerKind))),
        "in_government_name": draw(flag()),
        "approved_by_government": draw(flag()),
        "inaction": draw(flag()),
        "responsible_unit": draw(maybe(NAMES)),
        "departments": departments,
        "lead_department": lead,
        "lead_has_duty": draw(flag()) if lead is not None else None,
        "maker_abolished": abolished,
        "successor": draw(maybe(NAMES)) if abolished is not False else None,
        "category": draw(maybe(enum(m.Category))),
    }


@st.composite
def proceeding(draw, later_only: bool = False) -> dict:
    instance = draw(st.sampled_from([m.Instance.second, m.Instance.retrial]) if later_only else maybe(enum(m.Instance)))
    later = instance in (m.Instance.second, m.Instance.retrial)  # an absent instance is not assumed
    return {
        "instance": instance,
        "appellant": draw(maybe(enum(m.Appellant))) if later else None,
        "first_instance_lost": draw(flag()) if later else None,
        "first_instance_undertaker": draw(maybe(NAMES)) if later else None,
        "procedure": draw(maybe(enum(m.Procedure))),
        "session": draw(maybe(enum(m.Session))),
        "first_trial_of_year": draw(flag()),
        "plaintiffs": draw(maybe(st.integers(min_value=1, max_value=500))),
    }


ALONE = (m.Disposition.suit_dismissed,)
JUDGMENTS = [d for d in m.Disposition if d is not m.Disposition.suit_dismissed]


@st.composite
def outcome(draw, prc: dict) -> dict:
    session, instance = prc["session"], prc["instance"]
    no_merits = session is m.Session.not_accepted or (
        session is m.Session.none and instance in (None, m.Instance.first))
    document = draw(maybe(enum(m.Document)))
    if session is m.Session.not_accepted and document in (m.Document.judgment, m.Document.mediation):
        document = m.Document.ruling
    if document in (m.Document.withdrawal, m.Document.mediation):
        dispositions = []
    elif document is m.Document.ruling:
        dispositions = draw(st.sampled_from([[], [m.Disposition.suit_dismissed]]))
    else:
        pool = JUDGMENTS if document is m.Document.judgment else list(m.Disposition)
        dispositions = draw(st.lists(st.sampled_from(pool), max_size=4, unique=True))
        for alone in ALONE:
            if alone in dispositions and len(dispositions) > 1:
                dispositions = draw(st.sampled_from([[alone], [d for d in dispositions if d not in ALONE]]))
    if no_merits:  # no trial: no judgment on the merits (models.MERITS)
        dispositions = [d for d in dispositions if d not in m.MERITS]
    return {"document": document, "dispositions": dispositions}


@st.composite
def reconsideration(draw) -> dict:
    role = draw(maybe(enum(m.GovernmentRole)))
    upheld = m.ReconsiderationOutcome.upheld  # co-defendant exactly when upheld (行政诉讼法 第二十六条第二款)
    outcomes = [o for o in m.ReconsiderationOutcome
                if role is None or (o is upheld) == (role is m.GovernmentRole.co_defendant)]
    return {"government_role": role, "outcome": draw(maybe(st.sampled_from(outcomes)))}


PRINCIPAL_REQUEST = st.fixed_dictionaries(
    {"by": enum(m.Requester)},
    optional={"rank": enum(m.Rank), "written": flag()},
)

# The fields drawn for each model: test_the_strategy_covers_every_field checks that these
# are exactly the models' fields, so a field added to the contract must be added here.
DRAWN = {
    m.Case: {"city", "defendant", "reconsideration", "act", "proceeding", "circumstances", "principal_requests",
             "principal_unavailable", "principal_appeared", "events", "outcome"},
    m.Defendant: {"kind", "level", "name"},
    m.Reconsideration: {"government_role", "outcome"},
    m.Act: {"maker", "maker_kind", "in_government_name", "approved_by_government", "inaction", "responsible_unit",
            "departments", "lead_department", "lead_has_duty", "maker_abolished", "successor", "category"},
    m.Proceeding: {"instance", "appellant", "first_instance_lost", "first_instance_undertaker", "procedure",
                   "session", "first_trial_of_year", "plaintiffs"},
    m.PrincipalRequest: {"by", "rank", "written"},
    m.Events: set(m.EVENT_NAMES),
    m.Outcome: {"document", "dispositions"},
}


def _drop_some_nones(draw, data: dict) -> dict:
    """Absent and null are both allowed: leave some None values out of the input."""
    return {k: v for k, v in data.items() if v is not None or draw(st.booleans())}


@st.composite
def case_data(draw, city: str | None = None, later_only: bool = False) -> dict:
    kind = draw(enum(m.DefendantKind))
    prc = draw(proceeding(later_only))
    data = {
        "city": city or draw(st.sampled_from(CITIES)),
        "defendant": _drop_some_nones(draw, {"kind": kind, "level": draw(maybe(enum(m.Level))),
                                             "name": draw(maybe(NAMES))}),
        "act": _drop_some_nones(draw, draw(act())),
        "proceeding": _drop_some_nones(draw, prc),
        "circumstances": draw(st.lists(enum(m.Circumstance), max_size=4, unique=True)),
        "principal_requests": draw(st.lists(PRINCIPAL_REQUEST, max_size=3)),
        "principal_unavailable": draw(flag()),
        "principal_appeared": draw(flag()),
        "events": draw(events(prc["session"])),
        "outcome": draw(maybe(outcome(prc))),
    }
    if data["principal_appeared"] and (data["principal_unavailable"]
                                       or prc["session"] in (m.Session.none, m.Session.not_accepted)):
        data["principal_appeared"] = draw(st.sampled_from([None, False]))
    if kind is m.DefendantKind.government:
        data["reconsideration"] = draw(maybe(reconsideration()))
    data = _drop_some_nones(draw, data)
    # enums as their plain values, as a YAML or JSON case would hold them
    return _plain(data)


def _plain(value):
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def cases(city: str | None = None, later_only: bool = False):
    """Valid cases (of one city; only second instance and retrial cases with later_only)."""
    return case_data(city, later_only).map(yingsu.Case.model_validate)


def evaluate(case: m.Case) -> Decision:
    return yingsu.evaluate(case, today=TODAY)


# -- the strategy itself --------------------------------------------------------------------


def test_the_strategy_covers_every_field():
    for model, drawn in DRAWN.items():
        assert drawn == set(model.model_fields), model.__name__


@PROFILE
@given(case_data())
def test_the_strategy_draws_only_valid_cases(data):
    yingsu.Case.model_validate(data)  # a contradiction here is a bug in the strategy


# -- evaluation -----------------------------------------------------------------------------

MOVED_TO_WORKING_DAYS = {"working_days", "calendar_days", "months", "days_before", "working_days_before"}


@pytest.mark.parametrize("city", CITIES)
def test_evaluation_never_raises_and_deadlines_fall_on_working_days(city):
    cal = default_calendar()

    @PROFILE
    @given(cases(city))
    def check(case):
        d = evaluate(case)
        assert d.city == city and d.ruleset.id == city
        assert Decision.model_validate(d.model_dump(mode="json")) == d
        for dl in d.deadlines:
            if dl.rule in MOVED_TO_WORKING_DAYS:
                assert cal.is_working_day(dl.due), (dl.id, dl.rule, dl.due)
            if dl.start_date is None:
                continue
            if dl.rule == "calendar_days":
                assert dl.due >= dl.start_date + timedelta(days=dl.amount), dl
            elif dl.rule == "months":
                assert dl.due >= dl.start_date + relativedelta(months=dl.amount), dl
            elif dl.rule == "working_days":
                assert dl.due > dl.start_date or dl.amount == 0, dl
            elif dl.rule in ("days_before", "working_days_before"):
                assert dl.due <= dl.start_date - timedelta(days=dl.amount), dl
        assert {p.id for p in d.pending}.isdisjoint(dl.id for dl in d.deadlines)

    check()


# -- the undertaking (应诉承办单位) ------------------------------------------------------------

# Cities whose ordinance names the entrusted organisation itself as an undertaker (偃师规范第十条
# for acts in the government's name, 中卫第四条): everywhere else it never is (行政诉讼法第二十六条第五款).
NAMES_ENTRUSTED_ORG = {"yanshi", "zhongwei"}
m_lead, m_whole = Duty.lead, Scope.whole


@pytest.mark.parametrize("city", CITIES)
def test_an_undertaking_is_never_empty_and_always_cited(city):
    """Every case ends with a unit or the roles that designate one, and the rule that says so;
    a unit's name is its own (never the maker's where the unit is not the maker), an abolished
    maker never undertakes, an entrusted organisation only where the ordinance says so."""

    @PROFILE
    @given(cases(city))
    def check(case):
        d = evaluate(case)
        u = d.undertaking
        assert u.units or u.designated_by, d.trace
        assert u.basis, d.trace
        assert not any("没有适用于这些事实的应诉承办单位规则" in w for w in d.warnings)
        act = case.act
        maker = act.maker
        if maker is None:
            return
        for unit in u.units:
            if unit.name != maker or unit.name in (act.successor, act.responsible_unit, act.lead_department,
                                                   case.defendant.name, case.proceeding.first_instance_undertaker,
                                                   *act.departments):
                continue
            # only a role that stands for the maker carries the maker's name
            assert unit.role.value in {"act_maker", "functional_department", "township", "disclosure_handler"}, unit
            if unit.role.value == "township":
                assert act.maker_kind is m.MakerKind.township, unit
            if unit.role.value == "functional_department":
                assert act.maker_kind in (m.MakerKind.department, None), unit
            assert act.maker_abolished is not True, (unit, d.trace)
            if act.maker_kind is m.MakerKind.entrusted_org:
                assert city in NAMES_ENTRUSTED_ORG, (unit, d.trace)

    check()


@pytest.mark.parametrize("city", CITIES)
def test_second_instance_carries_the_first_instance_undertaking_whole(city):
    """Where the ordinance carries the first-instance undertaking (新洲 第九条（四）, 中卫 第十三条、
    第十四条, 德州 第二十五条), the same facts at first instance give the same units with the same
    duties and scopes; the named first-instance undertaker only takes the leading unit's place."""

    carrying = {r.id for r in get_ruleset(city).by_decision[DecisionKind.undertaking] if r.then.form == "carry"}

    @PROFILE
    @given(cases(city, later_only=True))
    def check(case):
        later = evaluate(case).undertaking
        first_case = case.model_copy(update={"proceeding": case.proceeding.model_copy(update={
            "instance": m.Instance.first, "appellant": None, "first_instance_lost": None,
            "first_instance_undertaker": None})})
        first = evaluate(first_case).undertaking

        def rows(u):
            return [(x.role.value, x.name, x.duty, x.scope) for x in u.units]

        named = case.proceeding.first_instance_undertaker
        if not named or not carrying.intersection(c.rule for c in later.basis):
            assert rows(later) == rows(first) and later.designated_by == first.designated_by
            return
        f = rows(first)
        in_place = f and [("first_instance_undertaker", named, f[0][2], f[0][3])] + f[1:]
        added = [("first_instance_undertaker", named, m_lead, m_whole)] + f
        assert rows(later) in (in_place, added), (rows(later), f)
        if rows(later) == added:
            assert later.designated_by == []

    check()


@PROFILE
@given(cases())
def test_compare_is_each_city_evaluated_alone(case):
    compared = yingsu.compare(case, today=TODAY)
    assert list(compared) == CITIES
    for city, decision in compared.items():
        alone = evaluate(case.model_copy(update={"city": m.City(city)}))
        assert decision.model_dump() == alone.model_dump(), city


# -- counting -------------------------------------------------------------------------------

COUNTED = [r for r in CountingRule if r is not CountingRule.fixed]
# starts whose counts (up to 400 days later, plus 24 months or 90 working days) stay in the
# calendar's 1950–2199
DAYS = st.dates(min_value=date(1952, 1, 1), max_value=date(2195, 12, 31))


def amounts(rule: CountingRule):
    return st.integers(min_value=0, max_value=24 if rule is CountingRule.months else 90)


@pytest.mark.parametrize("rule", COUNTED, ids=[r.value for r in COUNTED])
def test_a_later_start_never_gives_an_earlier_due_date(rule):
    @PROFILE
    @given(DAYS, st.integers(min_value=0, max_value=400), amounts(rule))
    def check(start, later_by, n):
        later = start + timedelta(days=later_by)
        assert count(rule, start, n).due <= count(rule, later, n).due

    check()


@PROFILE
@given(DAYS, amounts(CountingRule.calendar_days))
def test_calendar_days_never_fall_before_start_plus_n(start, n):
    due = count(CountingRule.calendar_days, start, n).due
    assert due >= start + timedelta(days=n)
    assert default_calendar().is_working_day(due)
    # it is the first working day on or after start + n
    assert all(not default_calendar().is_working_day(start + timedelta(days=k)) for k in range(n, (due - start).days))


@PROFILE
@given(DAYS, st.integers(min_value=1, max_value=90))
def test_working_days_is_the_nth_working_day_after_start(start, n):
    cal = default_calendar()
    due = count(CountingRule.working_days, start, n).due
    assert cal.is_working_day(due) and due > start
    between = [start + timedelta(days=k) for k in range(1, (due - start).days + 1)]
    assert sum(cal.is_working_day(d) for d in between) == n


@PROFILE
@given(DAYS, amounts(CountingRule.months))
def test_months_due_dates_are_working_days_not_before_the_same_day_n_months_later(start, n):
    due = count(CountingRule.months, start, n).due
    assert default_calendar().is_working_day(due)
    assert due >= start + relativedelta(months=n)
