"""A year's docket: first trial of the year, yearly figures against the cities' targets, the
agenda, periodic duties, calendar export, CSV/YAML/JSON loading and their errors."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

import yingsu
from yingsu import docket as dk
from yingsu.cli import main
from yingsu.errors import CaseError, RulesetError, YingsuError
from yingsu.rulesets import CITIES, clear_cache, get_ruleset, rulesets_dir
from yingsu.sources import quote_problem

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "docket-2026.yaml"
TODAY = date(2026, 11, 23)
DUTY_LEVELS = {"head", "principal", "default"}


def entry(cid: str, city: str, **parts) -> dk.DocketEntry:
    data = {"city": city, "defendant": {"kind": "department", "name": "区住房和城乡建设局"}}
    data.update(parts)
    return dk.DocketEntry(id=cid, case=yingsu.Case.model_validate(data))


def tried(cid, city, hearing, *, appeared=None, name="区住房和城乡建设局", kind="department", given=None, **more):
    proceeding = {"session": "trial", **({"first_trial_of_year": given} if given is not None else {})}
    parts = {
        "defendant": {"kind": kind, **({"name": name} if name else {})},
        "proceeding": proceeding,
        "events": {"served": "2026-01-05", "hearing": hearing},
    }
    if appeared is not None:
        parts["principal_appeared"] = appeared
    parts.update(more)
    return entry(cid, city, **parts)


def decided(cid, city, judgment_served, dispositions, document="judgment", name="区住房和城乡建设局"):
    return entry(cid, city, defendant={"kind": "department", "name": name},
                 events={"served": "2026-01-05", "judgment_served": judgment_served},
                 outcome={"document": document, "dispositions": dispositions})


def figure(docket, target_id, year=2026):
    found = [f for f in docket.figures if f.id == target_id and f.year == year]
    assert len(found) == 1, [f.id for f in docket.figures]
    return found[0]


@pytest.fixture(scope="module")
def example():
    entries = yingsu.load_docket(EXAMPLE)
    return entries, yingsu.evaluate_docket(entries, today=TODAY)


# --- the generated docket ------------------------------------------------------------------

def test_example_docket_is_reproducible_and_current():
    spec = importlib.util.spec_from_file_location("make_docket", ROOT / "examples" / "make_docket.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.render() == mod.render()  # seeded: the same text every time
    assert EXAMPLE.read_text(encoding="utf-8") == mod.render(), "run: python examples/make_docket.py"


def test_example_docket_has_200_cases_across_the_five_cities(example):
    entries, docket = example
    assert len(entries) >= 200
    assert {e.case.city.value for e in entries} == set(CITIES)
    assert len({e.id for e in entries}) == len(entries)
    assert [c.id for c in docket.cases] == [e.id for e in entries]


def test_each_case_decision_is_the_plain_evaluation_with_the_derived_first_trial(example):
    entries, docket = example
    for e, dc in zip(entries, docket.cases):
        case = e.case.model_copy(update={"proceeding": e.case.proceeding.model_copy(
            update={"first_trial_of_year": dc.first_trial_of_year.used})})
        assert dc.decision == yingsu.evaluate(case, today=TODAY), e.id


def _outcome_year(case):
    ev = case.events
    d = ev.judgment_served or ev.judgment_effective or ev.case_closed
    return d.year if d else None


def test_loss_rates_recomputed_from_the_per_case_decisions(example):
    entries, docket = example
    figures = [f for f in docket.figures if f.metric == "loss_rate"]
    assert {f.city for f in figures} == set(CITIES)  # every city has its loss rate
    for f in figures:
        rows = [(e, dc) for e, dc in zip(entries, docket.cases)
                if dc.city == f.city and dc.decision.loss.is_loss is not None and _outcome_year(e.case) == f.year]
        losses = sum(dc.decision.loss.is_loss for _, dc in rows)
        assert (f.numerator, f.denominator) == (losses, len(rows)), f.id
        assert f.value == pytest.approx(losses / len(rows))
        # by its own definition: the decision's loss basis is the city's (or the national default)
        for _, dc in rows:
            assert dc.decision.loss.definition.value == ("ordinance" if f.city in ("xianzhou", "zhongwei") else "default")


def test_appearance_rates_recomputed_from_the_per_case_decisions(example):
    entries, docket = example
    figures = [f for f in docket.figures if f.metric in ("principal_appearance_rate", "principal_speaking_rate")]
    assert {f.city for f in figures if f.metric == "principal_appearance_rate"} == set(CITIES)
    for f in figures:
        rows = [e for e, dc in zip(entries, docket.cases)
                if dc.city == f.city and dc.decision.appearance.level.value in DUTY_LEVELS
                and e.case.events.hearing and e.case.events.hearing.year == f.year
                and e.case.principal_appeared is not None]
        appeared = sum(e.case.principal_appeared for e in rows)
        assert (f.numerator, f.denominator) == (appeared, len(rows)), f.id
    # exempt and not_applicable cases are never in a denominator
    for e, dc in zip(entries, docket.cases):
        if dc.decision.appearance.level.value not in DUTY_LEVELS:
            assert e.case.principal_appeared is None or dc.decision.appearance.level.value in ("exempt", "not_applicable")


def test_xianzhou_targets_judged_independently(example):
    _, docket = example
    loss = figure(docket, "xianzhou.target.25.loss-rate")
    assert loss.threshold.op == "<=" and loss.threshold.value == 0.05
    assert loss.status == ("met" if loss.value <= 0.05 else "not_met")
    speaking = figure(docket, "xianzhou.target.16.principal-speaking-rate")
    appearance = figure(docket, "xianzhou.target.26-4.principal-appearance-rate")
    assert (speaking.numerator, speaking.denominator) == (appearance.numerator, appearance.denominator)
    assert speaking.bound == "upper" and "出声" in speaking.cannot_compute
    assert speaking.status == ("not_met" if speaking.value < 0.65 else "undetermined")
    assert [r.threshold for r in speaking.readings] == [0.65, 0.75, 0.85, 0.95]
    head = figure(docket, "xianzhou.target.16.head-speaking-rate")
    assert head.status == "not_computable" and head.value is None and "正职" in head.cannot_compute


def test_per_defendant_figures_add_up(example):
    _, docket = example
    for f in docket.figures:
        if f.by_defendant and f.denominator is not None:
            assert sum(d.denominator for d in f.by_defendant) == f.denominator
            assert sum(d.numerator for d in f.by_defendant) == f.numerator


# --- targets: data, quotes proved ------------------------------------------------------------

def _all_targets():
    for city in CITIES:
        targets, specs = dk.load_targets(city)
        for t in targets:
            yield pytest.param(city, t.basis, id=t.id)
        for s in specs:
            yield pytest.param(city, s.basis, id=f"{city}.{s.id}")


@pytest.mark.parametrize("city, basis", list(_all_targets()))
def test_target_quote_is_proved_in_its_article(city, basis):
    rs = get_ruleset(city)
    segment = rs.source.article(basis.article, basis.document)
    assert segment is not None
    assert quote_problem(basis.quote, segment) is None
    if basis.item:  # the quote stands right after its item marker, （四） or (四)
        flat = segment.replace("(", "（").replace(")", "）").replace(" ", "")
        assert (basis.item + basis.quote).replace(" ", "") in flat


def test_every_city_has_targets_for_loss_and_appearance():
    for city in CITIES:
        metrics = {t.metric for t in dk.load_targets(city)[0]}
        assert {"loss_rate"} <= metrics
        assert metrics & {"principal_appearance_rate", "principal_speaking_rate"}


def test_xianzhou_16_illegible_digit_is_every_reading_not_one():
    t = {t.id: t for t in dk.load_targets("xianzhou")[0]}["xianzhou.target.16.principal-speaking-rate"]
    assert t.basis.quote == "各单位年度行政机关负责人出庭出声率应当达到？5%"
    assert t.threshold.value is None
    assert t.threshold.candidates == [0.65, 0.75, 0.85, 0.95] and t.threshold.likely == 0.95


def test_yanshi_28_items():
    targets = {t.basis.item: t for t in dk.load_targets("yanshi")[0] if t.id.startswith("yanshi.target.guifan-28")}
    assert sorted(targets) == ["（一）", "（三）", "（二）", "（四）"]
    assert all(t.basis.document == "规范" and t.basis.article == "第二十八条" for t in targets.values())
    assert targets["（四）"].threshold.unknown and "上级设定考核标准" in targets["（四）"].threshold.unknown


# --- figures on small dockets ------------------------------------------------------------------

def _appearance_docket(appeared: int, total: int):
    entries = [tried(f"A{i}", "xianzhou", f"2026-0{1 + i % 8}-1{i % 9}", appeared=i < appeared,
                     name=f"单位{i % 3}") for i in range(total)]
    return yingsu.evaluate_docket(entries, today=TODAY)


@pytest.mark.parametrize("appeared, total, status, met", [
    (10, 10, "undetermined", [True, True, True, True]),  # 100% appearance: 出声 unknown, never 'met'
    (8, 10, "undetermined", [True, True, False, False]),
    (6, 10, "not_met", [False, False, False, False]),  # below every reading: surely missed
])
def test_xianzhou_speaking_rate_on_every_reading(appeared, total, status, met):
    f = figure(_appearance_docket(appeared, total), "xianzhou.target.16.principal-speaking-rate")
    assert f.value == appeared / total and f.status == status
    assert [r.met for r in f.readings] == met


def test_loss_rate_target_includes_five_percent_itself():
    entries = [decided(f"L{i}", "xianzhou", "2026-06-01", ["claims_dismissed"]) for i in range(19)]
    entries.append(decided("L19", "xianzhou", "2026-06-01", ["revoked"]))
    f = figure(yingsu.evaluate_docket(entries, today=TODAY), "xianzhou.target.25.loss-rate")
    assert (f.numerator, f.denominator, f.status) == (1, 20, "met")
    entries[0] = decided("L0", "xianzhou", "2026-06-01", ["revoked"])
    f = figure(yingsu.evaluate_docket(entries, today=TODAY), "xianzhou.target.25.loss-rate")
    assert (f.numerator, f.denominator, f.status) == (2, 20, "not_met")


def test_loss_rate_follows_each_citys_own_definition():
    # a bare 确认违法: no loss in 新洲 (第二十七条（四）), a loss in 中卫 (第十二条)
    docket = yingsu.evaluate_docket([
        decided("X", "xianzhou", "2026-06-01", ["confirmed_illegal"]),
        decided("Z", "zhongwei", "2026-06-01", ["confirmed_illegal"]),
    ], today=TODAY)
    assert figure(docket, "xianzhou.target.25.loss-rate").numerator == 0
    assert figure(docket, "zhongwei.figure.12.loss-rate").numerator == 1


def test_loss_rate_year_is_the_judgment_year():
    docket = yingsu.evaluate_docket([
        decided("A", "dezhou", "2026-12-30", ["revoked"]),
        decided("B", "dezhou", "2027-01-04", ["claims_dismissed"]),
    ], today=TODAY)
    assert (figure(docket, "dezhou.figure.6.loss-rate", 2026).numerator,
            figure(docket, "dezhou.figure.6.loss-rate", 2026).denominator) == (1, 1)
    assert figure(docket, "dezhou.figure.6.loss-rate", 2027).denominator == 1


def test_yanshi_judicial_suggestion_is_an_upper_bound():
    quiet = yingsu.evaluate_docket([decided("A", "yanshi", "2026-06-01", ["claims_dismissed"])], today=TODAY)
    assert figure(quiet, "yanshi.target.guifan-28-3.judicial-suggestion").status == "met"
    noisy = yingsu.evaluate_docket([entry("B", "yanshi", events={
        "served": "2026-01-05", "judgment_served": "2026-06-01", "suggestion_received": "2026-06-20"},
        outcome={"document": "judgment", "dispositions": ["claims_dismissed"]})], today=TODAY)
    f = figure(noisy, "yanshi.target.guifan-28-3.judicial-suggestion")
    assert (f.value, f.status, f.bound) == (1.0, "undetermined", "upper")
    assert figure(noisy, "yanshi.target.guifan-28-4.loss-and-correction-rate").status == "not_computable"
    assert figure(noisy, "yanshi.target.guifan-28-1.enforcement-blacklist").status == "not_computable"


def test_appearance_exclusions_are_counted_not_guessed():
    docket = yingsu.evaluate_docket([
        tried("A", "zhongwei", "2026-03-01", appeared=True, name="中卫市公安局"),
        tried("B", "zhongwei", "2026-04-01", name="中卫市公安局"),  # not recorded
        tried("C", "zhongwei", "2026-12-01", name="中卫市公安局"),  # after today
    ], today=TODAY)
    f = figure(docket, "zhongwei.figure.20.principal-appearance-rate")
    assert (f.numerator, f.denominator) == (1, 1)
    assert {x.reason: x.count for x in f.excluded} == {
        "负责人应当出庭但未记载是否出庭（principal_appeared）": 1, "尚未开庭（开庭日期在今天之后）": 1}


# --- first trial of the year (新洲 第十四条) -----------------------------------------------------

def test_first_trial_is_the_earliest_hearing_of_the_defendant_in_the_year():
    docket = yingsu.evaluate_docket([
        tried("late", "xianzhou", "2026-03-10"),
        tried("early", "xianzhou", "2026-01-20"),
        tried("next-year", "xianzhou", "2027-02-01"),
        tried("other", "xianzhou", "2026-05-01", name="区市场监督管理局"),
    ], today=TODAY)
    ft = {c.id: c.first_trial_of_year for c in docket.cases}
    assert {k: v.derived for k, v in ft.items()} == {"late": False, "early": True, "next-year": True, "other": True}
    assert ft["late"].first_case == "early" and ft["late"].year == 2026
    level = {c.id: c.decision.appearance for c in docket.cases}
    assert level["early"].level.value == "head"
    assert [b.article for b in level["early"].basis] == ["第十四条"]
    assert "第十四条" not in [b.article for b in level["late"].basis]
    assert docket.warnings == []


def test_given_value_contradicting_the_docket_is_overridden_with_a_warning():
    docket = yingsu.evaluate_docket([
        tried("A", "xianzhou", "2026-01-20", given=False),
        tried("B", "xianzhou", "2026-03-10", given=True),
    ], today=TODAY)
    a, b = docket.cases
    assert (a.first_trial_of_year.given, a.first_trial_of_year.used) == (False, True)
    assert (b.first_trial_of_year.given, b.first_trial_of_year.used) == (True, False)
    assert a.decision.appearance.basis[0].article == "第十四条"
    assert b.decision.appearance.basis[0].article != "第十四条"
    assert len(docket.warnings) == 2
    assert docket.warnings[1].startswith("B：") and "A" in docket.warnings[1] and "2026-01-20" in docket.warnings[1]
    assert b.warnings and "第十四条" in b.warnings[0]


def test_non_trial_sessions_and_missing_hearing_dates():
    docket = yingsu.evaluate_docket([
        entry("none", "xianzhou", proceeding={"session": "none", "first_trial_of_year": True},
              events={"served": "2026-01-05"}),
        entry("exchange", "xianzhou", proceeding={"session": "evidence_exchange"},
              events={"served": "2026-01-05", "hearing": "2026-01-10"}),
        entry("undated", "xianzhou", proceeding={"session": "trial", "first_trial_of_year": True},
              events={"served": "2026-01-05"}),
        tried("trial", "xianzhou", "2026-02-01"),
    ], today=TODAY)
    ft = {c.id: c.first_trial_of_year for c in docket.cases}
    assert (ft["none"].derived, ft["none"].used) == (False, False)
    assert ft["exchange"].derived is False  # an evidence exchange is not a 开庭审理
    assert (ft["undated"].derived, ft["undated"].used) == (None, True)  # cannot be checked: kept, with a warning
    assert ft["trial"].derived is True
    assert any(w.startswith("undated：") and "无法核实" in w for w in docket.warnings)
    assert any(w.startswith("none：") for w in docket.warnings)


def test_unnamed_defendants_group_by_kind_and_level_and_cities_stay_apart():
    entries = [
        tried("u1", "xianzhou", "2026-02-01", name=None, kind="township"),
        tried("u2", "xianzhou", "2026-01-15", name=None, kind="township"),
        tried("z1", "zhongwei", "2026-03-01"),
        tried("x1", "xianzhou", "2026-04-01"),
    ]
    docket = yingsu.evaluate_docket(entries, today=TODAY)
    ft = {c.id: c.first_trial_of_year.derived for c in docket.cases}
    assert ft == {"u1": False, "u2": True, "z1": True, "x1": True}
    assert any("未署名的县级（县、市、区）乡镇人民政府、街道办事处" in n for n in docket.notes), docket.notes


def test_same_day_first_hearings_are_flagged():
    docket = yingsu.evaluate_docket([tried("A", "xianzhou", "2026-02-01"), tried("B", "xianzhou", "2026-02-01")],
                                    today=TODAY)
    assert [c.first_trial_of_year.derived for c in docket.cases] == [True, False]
    assert any(w.startswith("A：") and "B" in w and "核实" in w for w in docket.warnings)


# --- the agenda --------------------------------------------------------------------------------

def test_agenda_holds_every_deadline_in_date_order(example):
    _, docket = example
    dues = [a.due for a in docket.agenda]
    assert dues == sorted(dues)
    case_items = [a for a in docket.agenda if a.kind == "case"]
    expected = sorted((c.id, d.id, d.due) for c in docket.cases for d in c.decision.deadlines)
    assert sorted((a.case_id, a.deadline, a.due) for a in case_items) == expected
    assert len(docket.pending) == sum(len(c.decision.pending) for c in docket.cases)


def test_agenda_overdue_marks_relative_to_today(example):
    _, docket = example
    for a in docket.agenda:
        assert a.overdue == (a.due < TODAY and a.kind != "hearing")  # no done records in the example
        assert a.status == ("hearing" if a.kind == "hearing" else "overdue" if a.due < TODAY else "open")
        assert a.days_left == (a.due - TODAY).days
    assert any(a.overdue for a in docket.agenda) and any(not a.overdue for a in docket.agenda)
    later = yingsu.evaluate_docket(yingsu.load_docket(EXAMPLE)[:5], today=date(2030, 1, 1))
    assert all(a.overdue for a in later.agenda if a.kind == "case")


def test_agenda_names_the_unit_from_the_undertaking_decision(example):
    _, docket = example
    by_id = {c.id: c for c in docket.cases}
    for a in docket.agenda:
        if a.kind != "case":
            continue
        units = by_id[a.case_id].decision.undertaking.units
        names = {u.name for u in units}
        assert set(a.units) <= names
        leads = {u.name for u in units if u.duty.value in ("lead", "joint")}
        if leads:
            assert set(a.units) == leads


def test_agenda_carries_the_periodic_duties_of_the_docket_year(example):
    _, docket = example
    periodic = [(a.city, a.deadline, a.due) for a in docket.agenda if a.kind == "periodic"]
    assert ("yanshi", "quarterly_statistics", date(2026, 4, 10)) in periodic
    assert ("yanshi", "quarterly_statistics", date(2027, 1, 10)) in periodic  # the report on 2026 Q4
    assert ("xinzhou", "annual_report", date(2026, 3, 31)) in periodic
    assert ("xinzhou", "annual_report", date(2027, 3, 31)) in periodic  # the report on 2026
    assert ("dezhou", "annual_report", date(2026, 1, 10)) in periodic
    assert not any(c in ("xianzhou", "zhongwei") for c, _, _ in periodic)
    assert ("yanshi", "quarterly_statistics", date(2027, 4, 10)) not in periodic  # about 2027: another docket


# --- periodic duties -----------------------------------------------------------------------------

def test_periodic_duties_dates_articles_quotes():
    ys = yingsu.periodic("yanshi", 2026)
    assert [d.due for d in ys] == [date(2026, 1, 10), date(2026, 4, 10), date(2026, 7, 10), date(2026, 10, 10)]
    assert [d.period for d in ys] == ["2025年第四季度", "2026年第一季度", "2026年第二季度", "2026年第三季度"]
    assert all(d.rule == "fixed" and d.basis.document == "规范" and d.basis.article == "第二十七条" for d in ys)
    assert "每季度第一个月 10 日前" in ys[0].basis.quote
    (xz,) = yingsu.periodic("xinzhou", 2026)
    assert (xz.id, xz.due, xz.period, xz.basis.article) == ("annual_report", date(2026, 3, 31), "2025年度", "第二十三条")
    assert "每年3月底前" in xz.basis.quote
    (dz,) = yingsu.periodic("dezhou", 2026)
    assert (dz.due, dz.basis.article) == (date(2026, 1, 10), "第三十条")
    assert "每年 1 月 10 日前" in dz.basis.quote
    assert yingsu.periodic("xianzhou", 2026) == [] and yingsu.periodic("zhongwei", 2026) == []


def test_periodic_dates_are_fixed_not_moved():
    # 2026-01-10 is a Saturday: rule `fixed` keeps it (counting.fixed_date)
    assert date(2026, 1, 10).weekday() == 5
    assert yingsu.periodic("dezhou", 2026)[0].due == date(2026, 1, 10)
    assert yingsu.periodic("dezhou", 2026)[0].provisional is False
    assert yingsu.periodic("dezhou", 2031)[0].provisional is True  # no official arrangement for 2031
    assert yingsu.periodic("xinzhou", 2028)[0].due == date(2028, 3, 31)


def test_periodic_unknown_city():
    with pytest.raises(YingsuError, match="unknown city 'wuhan'"):
        yingsu.periodic("wuhan", 2026)


# --- calendar export --------------------------------------------------------------------------

def test_ics_parses_back_one_event_per_deadline_on_its_date(example, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    _, docket = example
    path = dk.write_ics(docket, tmp_path / "agenda.ics")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(docket.agenda)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for ev, item in zip(events, docket.agenda):
        start = ev.decoded("DTSTART")
        assert start == item.due and not isinstance(start, __import__("datetime").datetime)
        assert ev.decoded("DTEND") == date.fromordinal(item.due.toordinal() + 1)
        text = str(ev["DESCRIPTION"])
        if item.basis is not None:
            assert item.basis.article in text and item.basis.quote in text
        if item.case_id:
            assert item.case_id in str(ev["SUMMARY"])
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal


def test_ics_without_icalendar_is_a_clear_error(monkeypatch, example):
    _, docket = example
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(YingsuError, match=r"yingsu\[ics\]"):
        dk.agenda_ics(docket)


# --- loading: YAML, JSON, CSV and their errors -------------------------------------------------

def test_yaml_plain_cases_get_position_ids(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("- {city: dezhou, defendant: {kind: government}}\n"
                 "- id: K-1\n  case: {city: yanshi, defendant: {kind: department}}\n", encoding="utf-8")
    assert [e.id for e in yingsu.load_docket(p)] == ["#1", "K-1"]


def test_yaml_errors_name_file_entry_line_and_field(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("- id: A\n  case:\n    city: dezhou\n    defendant: {kind: government}\n"
                 "- id: B\n  case:\n    city: dezhou\n    defendant:\n      kind: govt\n", encoding="utf-8")
    with pytest.raises(CaseError) as e:
        yingsu.load_docket(p)
    msg = str(e.value)
    assert str(p) in msg and "entry 2" in msg and "line 9" in msg and "defendant.kind" in msg


@pytest.mark.parametrize("text, expected", [
    ("{city: dezhou}", "must be a list"),
    ("- 3\n", "entry 1"),
    ("- {id: A, case: {city: dezhou, defendant: {kind: government}}, note: x}\n", "unknown key(s) note"),
    ("- {id: A, case: {city: dezhou, defendant: {kind: government}}}\n"
     "- {id: A, case: {city: dezhou, defendant: {kind: government}}}\n", "'A' is already the id of entry 1"),
    ("- {case: {city: dezhou, defendant: {kind: government}}}\n", "id: must be non-empty"),
    ("", "the file is empty"),
])
def test_yaml_docket_errors(tmp_path, text, expected):
    p = tmp_path / "d.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError, match=None) as e:
        yingsu.load_docket(p)
    assert expected in str(e.value) and str(p) in str(e.value)


def test_yaml_docket_of_thousands_of_cases_is_read_entry_by_entry(tmp_path):
    # one YAML document may hold at most yamlsafe.MAX_EXPANDED_NODES values; a docket is read per entry
    case = "- {city: dezhou, defendant: {kind: government, name: 德州市人民政府}, proceeding: {session: trial}, " \
           "events: {served: 2026-03-02, hearing: 2026-04-15, judgment_served: 2026-05-20}, " \
           "outcome: {document: judgment, dispositions: [claims_dismissed]}}\n"
    p = tmp_path / "big.yaml"
    p.write_text("# a big docket\n" + case * 6000, encoding="utf-8")
    seen = []
    entries = yingsu.load_docket(p, progress=lambda done, total: seen.append((done, total)))
    assert len(entries) == 6000 and entries[-1].id == "#6000"
    assert seen[-1][0] <= seen[-1][1] and len(seen) == 6000


def test_yaml_alias_bomb_spread_over_entries_is_refused(tmp_path):
    lines = ["- &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 5)]
    lines += ["- *a4"] * 500
    p = tmp_path / "bomb.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CaseError, match="alias bomb"):
        yingsu.load_docket(p)


def test_json_docket_and_its_errors(tmp_path):
    p = tmp_path / "d.json"
    p.write_text(json.dumps([{"id": 7, "case": {"city": "zhongwei", "defendant": {"kind": "government"}}}]),
                 encoding="utf-8")
    assert [e.id for e in yingsu.load_docket(p)] == ["7"]
    p.write_text('[\n {"city": "zhongwei",\n  "defendant": {"kind": "government"},\n  "events": {"served": "2026-02-30"}}\n]',
                 encoding="utf-8")
    with pytest.raises(CaseError) as e:
        yingsu.load_docket(p)
    assert "entry 1" in str(e.value) and "events.served" in str(e.value) and "line 4" in str(e.value)
    p.write_text('[{"city": "zhongwei", "city": "dezhou", "defendant": {"kind": "government"}}]', encoding="utf-8")
    with pytest.raises(CaseError, match="duplicate key"):
        yingsu.load_docket(p)


CSV_HEADER = (
    "id,city,defendant.kind,defendant.level,defendant.name,reconsideration,reconsideration.government_role,"
    "reconsideration.outcome,act.departments,act.lead_department,circumstances,principal_requests,"
    "principal_appeared,proceeding.session,proceeding.plaintiffs,events.served,events.hearing,"
    "events.judgment_served,outcome.document,outcome.dispositions"
)


def test_csv_loads_every_kind_of_column(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text(
        "\ufeff" + CSV_HEADER + "\n"
        "A-1,xianzhou,government,,武汉市新洲区人民政府,,co_defendant,upheld,"
        "区自然资源和规划局;区住房和城乡建设局,区自然资源和规划局,high_social_concern；petition_backlog,"
        "court:head:written;government,true,trial,3,2026-03-02,2026-04-15,2026-05-20,judgment,revoked;redo\n"
        "\n"
        ",dezhou,department,city,德州市自然资源和规划局,false,,,,,,,FALSE,,,2026-03-02,,,,\n",
        encoding="utf-8",
    )
    a, b = yingsu.load_docket(p)
    assert (a.id, b.id) == ("A-1", "#2")
    c = a.case
    assert c.reconsideration.government_role.value == "co_defendant"
    assert c.act.departments == ["区自然资源和规划局", "区住房和城乡建设局"]
    assert [x.value for x in c.circumstances] == ["high_social_concern", "petition_backlog"]
    assert [(r.by.value, r.rank.value, r.written) for r in c.principal_requests] == [
        ("court", "head", True), ("government", "principal", None)]
    assert c.principal_appeared is True and c.proceeding.plaintiffs == 3
    assert c.events.hearing == date(2026, 4, 15)
    assert [d.value for d in c.outcome.dispositions] == ["revoked", "redo"]
    assert b.case.reconsideration is None and b.case.outcome is None
    assert b.case.defendant.level.value == "city" and b.case.principal_appeared is False


def test_csv_reconsideration_true_without_details(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("city,defendant.kind,reconsideration\nzhongwei,government,true\n", encoding="utf-8")
    (e,) = yingsu.load_docket(p)
    assert e.case.reconsideration is not None and e.case.reconsideration.outcome is None


@pytest.mark.parametrize("rows, expected", [
    ("city,defendant.kind,defendant.colour\nzhongwei,government,red\n", "line 1, column 3 'defendant.colour': unknown column"),
    ("city,defendant.name\nzhongwei,x\n", "required column 'defendant.kind' is missing"),
    ("city,defendant.kind,city\nzhongwei,government,dezhou\n", "column 'city' appears twice"),
    ("city,defendant.kind\nzhongwei,government\nzhongwei,govt\n", "row 2 (line 3): defendant.kind"),
    ("city,defendant.kind,principal_appeared\nzhongwei,government,yes\n", "row 1 (line 2): principal_appeared: 'yes' is not true or false"),
    ("city,defendant.kind,proceeding.plaintiffs\nzhongwei,government,three\n", "proceeding.plaintiffs: 'three' is not a whole number"),
    ("city,defendant.kind\nzhongwei,government,extra\n", "row 1 (line 2): 3 cells, but the header has 2 columns"),
    ("id,city,defendant.kind\nA,zhongwei,government\nA,zhongwei,government\n", "row 2 (line 3): id: 'A' is already the id of row 1"),
    ("city,defendant.kind,events.served,events.hearing\nzhongwei,government,2026-03-02,2026-03-01\n",
     "events.hearing (2026-03-01) is before events.served (2026-03-02)"),
    ("city,defendant.kind,reconsideration,reconsideration.outcome\nzhongwei,government,false,upheld\n",
     "reconsideration.outcome: given, but column reconsideration is false"),
    ("city,defendant.kind,principal_requests\nzhongwei,government,court:head:maybe\n", "the third part is 'written' or 'oral'"),
    ('city,defendant.kind,defendant.name\nzhongwei,government,"unclosed\n', "row 1 (line 2)"),
])
def test_csv_errors_name_file_row_line_and_field(tmp_path, rows, expected):
    p = tmp_path / "bad.csv"
    p.write_text(rows, encoding="utf-8")
    with pytest.raises(CaseError) as e:
        yingsu.load_docket(p)
    assert expected in str(e.value) and str(p) in str(e.value)


def test_csv_columns_are_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Docket"):]
    section = section[: section.index("\n## ", 1)]
    for col in dk.CSV_COLUMNS:
        assert f"`{col}`" in section, col


def test_docket_round_trips_through_json(example):
    _, docket = example
    data = json.loads(json.dumps(docket.model_dump(mode="json")))
    assert dk.Docket.model_validate(data) == docket


def test_evaluate_docket_accepts_cases_and_pairs():
    case = yingsu.Case.model_validate({"city": "dezhou", "defendant": {"kind": "government"}})
    assert [c.id for c in yingsu.evaluate_docket([case, case], today=TODAY).cases] == ["#1", "#2"]
    assert [c.id for c in yingsu.evaluate_docket([("a", case)], today=TODAY).cases] == ["a"]
    with pytest.raises(CaseError, match="'a' is given to two cases"):
        yingsu.evaluate_docket([("a", case), ("a", case)], today=TODAY)
    with pytest.raises(TypeError):
        yingsu.evaluate_docket([{"city": "dezhou"}], today=TODAY)


# --- targets.yaml validation -------------------------------------------------------------------

@pytest.fixture
def rulesets_copy(tmp_path, monkeypatch):
    root = tmp_path / "rulesets"
    shutil.copytree(rulesets_dir(), root)
    monkeypatch.setenv("YINGSU_RULESETS", str(root))
    clear_cache()
    dk.load_targets.cache_clear()
    yield root
    monkeypatch.delenv("YINGSU_RULESETS")
    clear_cache()
    dk.load_targets.cache_clear()


@pytest.mark.parametrize("old, new, expected", [
    ("应当控制在 5%以内", "应当控制在 3%以内", "does not occur verbatim"),
    ("metric: loss_rate", "metric: win_rate", "unknown metric 'win_rate'"),
    ("value: 0.05}", "value: 0.05, lower: 0}", "unknown key 'lower' in threshold"),
    ("article: 第二十五条", "article: 第九十九条", "article 第九十九条 is not in"),
    ("likely: 0.95", "likely: 0.9", "likely must be one of the candidates"),
    ("id: xianzhou.target.16.head-speaking-rate", "id: xianzhou.target.16.principal-speaking-rate", "duplicate id"),
])
def test_broken_targets_are_rejected_with_file_and_line(rulesets_copy, old, new, expected):
    path = rulesets_copy / "xianzhou" / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(RulesetError) as e:
        dk.load_targets("xianzhou")
    assert expected in str(e.value)
    assert e.value.file == str(path) and e.value.line is not None and abs(e.value.line - line) <= 6


def test_broken_periodic_is_rejected(rulesets_copy):
    path = rulesets_copy / "dezhou" / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("months: [1]", "months: [13]"), encoding="utf-8")
    with pytest.raises(RulesetError, match="months must be a list of month numbers"):
        yingsu.periodic("dezhou", 2026)


# --- command line ---------------------------------------------------------------------------------

def test_cli_docket_prints_figures_and_agenda(capsys, tmp_path):
    pytest.importorskip("icalendar")
    out_ics = tmp_path / "a.ics"
    assert main(["docket", str(EXAMPLE), "--today", "2026-11-23", "--ics", str(out_ics)]) == 0
    out, err = capsys.readouterr()
    assert err == ""  # progress goes to a terminal only
    assert "一、年度指标" in out and "二、待办期限" in out
    assert "【新洲 第二十五条】“各行政机关年度行政诉讼案件败诉率应当控制在 5%以内”" in out
    assert "≥ ？5%" in out and "65%、75%、85%、95%" in out
    assert "上级设定考核标准" in out
    assert out_ics.is_file() and "日历" in out


def test_cli_docket_json(capsys):
    assert main(["docket", str(EXAMPLE), "--today", "2026-11-23", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"cases", "figures", "agenda", "pending", "warnings", "notes"}
    assert data["today"] == "2026-11-23"


def test_cli_docket_error_is_one_line(capsys, tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("city,defendant.kind\nzhongwei,govt\n", encoding="utf-8")
    assert main(["docket", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 1 (line 2)" in err and "defendant.kind" in err


@pytest.mark.parametrize("case_id, what", [("a\ud800", "lone surrogate"), ("a\nb", "control character"),
                                           ("a\u202eb", "bidirectional")])
def test_a_case_id_that_is_not_one_line_of_plain_text_is_a_one_line_error_naming_the_entry(capsys, tmp_path, case_id, what):
    # the id goes into the report, the agenda and the .ics; a lone surrogate cannot even be written as UTF-8
    p = tmp_path / "bad.json"
    p.write_text(json.dumps([{"id": "ok", "case": {"city": "xianzhou", "defendant": {"kind": "government"}}},
                             {"id": case_id, "case": {"city": "xianzhou", "defendant": {"kind": "government"}}}]),
                 encoding="utf-8")
    for argv in (["docket", str(p)], ["docket", str(p), "--json"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "entry 2" in err and "id:" in err and what in err, err


# --- the docket as data: no city, metric or reading in its Python ---------------------------------

def test_docket_package_names_no_city_metric_or_legal_reading():
    import re
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "src" / "yingsu" / "docket").glob("*.py")}
    forbidden = set(CITIES)
    for city in CITIES:
        rs = get_ruleset(city)
        forbidden |= {rs.label, rs.place}
    forbidden |= set(dk.metrics("yanshi"))  # every metric id of the data
    # the readings live in the data: every text of metrics.yaml and of the targets
    for m in dk.metrics("yanshi").values():  # (a status word such as 无法计算 may be shared)
        texts = {m.computed_from, m.cannot_compute or "", m.undated or ""} | {reason for _, reason in m.exclude}
        forbidden |= {x for x in texts if len(x) > 8}
    forbidden |= {"出声", "正职", "失信", "本办法", "本规范", "未界定"}
    for name, text in sources.items():
        for word in forbidden:
            assert word not in text, f"{name} names {word!r}"
        assert not re.search(r"第[一二三四五六七八九十百]+条", text), f"{name} names an article"


def test_a_new_metric_is_data_not_code(rulesets_copy):
    path = rulesets_copy / "zhongwei" / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("periodic: []", """metrics:
  exempt_share:
    kind: rate
    figure: exact
    numerator: {appearance.level: exempt}
    denominator: {events.hearing: {present: true}}
    year: [events.hearing]
    undated: 无开庭日期
    computed_from: 可以不出庭的案件数 / 开庭的案件数
periodic: []""").replace("    metric: principal_appearance_rate\n", "    metric: exempt_share\n")
    path.write_text(text, encoding="utf-8")
    docket = yingsu.evaluate_docket([
        tried("A", "zhongwei", "2026-03-01", name="中卫市公安局"),
        tried("B", "zhongwei", "2026-04-01", name="中卫市公安局"),
    ], today=TODAY)
    f = figure(docket, "zhongwei.figure.20.principal-appearance-rate")
    levels = [c.decision.appearance.level.value for c in docket.cases]
    assert f.metric == "exempt_share" and (f.numerator, f.denominator) == (levels.count("exempt"), 2)


@pytest.mark.parametrize("old, new, expected", [
    ("numerator: {loss.is_loss: true}", "numerator: {loss.is_lost: true}", "condition on unknown fact 'loss.is_lost'"),
    ("kind: rate\n    figure: exact\n    numerator: {loss", "kind: ratio\n    figure: exact\n    numerator: {loss",
     "kind must be rate or count"),
    ("year: [events.judgment_served,", "year: [events.judgement_served,", "is not a date of the case"),
    ("reason: 有裁判结果但无法判定是否败诉", "reasons: x", "unknown key 'reasons'"),
    ("appearance.level: exempt, events", "appearance.level: excused, events", "'excused' is not a value"),
])
def test_broken_metrics_are_rejected_with_file_and_line(rulesets_copy, old, new, expected):
    path = rulesets_copy / "national" / "metrics.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(RulesetError) as e:
        dk.load_targets("xianzhou")
    assert expected in str(e.value)
    assert e.value.file == str(path) and e.value.line is not None and abs(e.value.line - line) <= 3


def test_first_trial_warnings_cite_the_rules_that_need_it():
    docket = yingsu.evaluate_docket([
        tried("A", "xianzhou", "2026-01-20", given=False),
        tried("Z", "zhongwei", "2026-01-20", given=False),
    ], today=TODAY)
    a, z = docket.cases
    assert "（新洲 第十四条）" in a.warnings[0]  # from xianzhou.appearance.14.* (they test the fact)
    assert "第十四条" not in z.warnings[0]  # 中卫 has no rule that needs it


# --- officer's docket: done records, hearings, per-case section, encodings, Excel, calendar -------

def test_done_record_marks_deadlines_done_overdue_or_open(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("- id: A\n  case:\n    city: xianzhou\n    defendant: {kind: department, name: 区住房和城乡建设局}\n"
                 "    events: {served: 2026-11-02}\n  done: {filing_on_service: 2026-11-03}\n", encoding="utf-8")
    docket = yingsu.evaluate_docket(yingsu.load_docket(p), today=TODAY)
    status = {a.deadline: (a.status, a.overdue, a.done_on) for a in docket.agenda if a.kind == "case"}
    assert status["filing_on_service"] == ("done", False, date(2026, 11, 3))
    assert status["answer"][0] == ("overdue" if docket.cases[0].decision.deadlines[-1].due < TODAY else "open")
    text = dk.render_docket(docket)
    assert "✓" in text and "已完成" in text


def test_done_record_errors_and_unknown_deadline(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("- id: A\n  case: {city: zhongwei, defendant: {kind: government}}\n  done: {answr: true}\n",
                 encoding="utf-8")
    with pytest.raises(CaseError, match="done: 'answr' is not a deadline id"):
        yingsu.load_docket(p)
    p.write_text("- id: A\n  case: {city: zhongwei, defendant: {kind: government}, events: {served: 2026-03-02}}\n"
                 "  done: {appeal: 2026-04-01}\n", encoding="utf-8")
    docket = yingsu.evaluate_docket(yingsu.load_docket(p), today=TODAY)
    assert any("不是本案的期限" in w for w in docket.warnings)


def test_csv_done_column(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("id,city,defendant.kind,events.served,done\nA,zhongwei,government,2026-03-02,answer:2026-03-10;archive\n",
                 encoding="utf-8")
    (e,) = yingsu.load_docket(p)
    assert e.done == {"answer": date(2026, 3, 10), "archive": None}


def test_hearings_are_on_the_agenda(example):
    _, docket = example
    hearings = [a for a in docket.agenda if a.kind == "hearing"]
    cases = {c.id: c for c in docket.cases}
    entries, _ = example
    with_hearing = {(e.id, e.case.events.hearing) for e in entries if e.case.events.hearing}
    assert {(a.case_id, a.due) for a in hearings} == with_hearing
    assert all(a.title.startswith("开庭") and not a.overdue for a in hearings)
    assert all(set(a.units) <= {u.name for u in cases[a.case_id].decision.undertaking.units} for a in hearings)


def test_text_report_has_a_section_per_case(example):
    _, docket = example
    text = dk.render_docket(docket)
    section = text[text.index("三、逐案情况"):]
    for c in docket.cases:
        assert f"  {c.id}  " in section
    assert "承办：" in section and "负责人出庭：" in section and "期限：" in section


def test_gbk_csv_as_excel_saves_it(tmp_path):
    p = tmp_path / "d.csv"
    p.write_bytes("city,defendant.kind,defendant.name\nzhongwei,department,中卫市公安局\n".encode("gbk"))
    (e,) = yingsu.load_docket(p)
    assert e.case.defendant.name == "中卫市公安局"
    p.write_bytes("city,defendant.kind,defendant.name\nzhongwei,department,中卫市公安局\n".encode("utf-16"))
    assert yingsu.load_docket(p)[0].case.defendant.name == "中卫市公安局"


def test_gbk_json_names_the_line_and_the_encoding(tmp_path):
    p = tmp_path / "d.json"
    p.write_bytes('[\n{"city": "zhongwei", "defendant": {"kind": "department", "name": "中卫市公安局"}}]'.encode("gbk"))
    with pytest.raises(CaseError, match=r"line 2: not UTF-8 text .*GB18030"):
        yingsu.load_docket(p)


def test_parse_docket_bytes_by_name_and_media_type():
    csv_bytes = "\ufeffcity,defendant.kind\nzhongwei,government\n".encode("utf-8")
    assert len(list(dk.parse_docket_bytes(csv_bytes, "upload.csv"))) == 1
    assert len(list(dk.parse_docket_bytes(csv_bytes, "text/csv"))) == 1
    js = b'[{"city": "dezhou", "defendant": {"kind": "government"}}]'
    assert [e.id for e in dk.parse_docket_bytes(js, "a.json")] == ["#1"]
    assert [e.id for e in dk.parse_docket_bytes(b"- {city: dezhou, defendant: {kind: government}}\n", "a.yml")] == ["#1"]


def test_xlsx_docket_and_agenda_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "city", "defendant.kind", "defendant.name", "events.served", "proceeding.plaintiffs"])
    ws.append(["A-1", "xianzhou", "department", "区住房和城乡建设局", date(2026, 3, 2), 3])
    buf = tmp_path / "d.xlsx"
    wb.save(buf)
    (e,) = yingsu.load_docket(buf)
    assert (e.id, e.case.events.served, e.case.proceeding.plaintiffs) == ("A-1", date(2026, 3, 2), 3)
    docket = yingsu.evaluate_docket([e], today=TODAY)
    import io
    book = openpyxl.load_workbook(io.BytesIO(dk.agenda_xlsx(docket)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "截止日期" and len(rows) == len(docket.agenda) + 1
    ids = set(yingsu.presentation.contract_ids())
    assert not {str(v) for r in rows for v in r if v} & ids
    (tmp_path / "bad.xlsx").write_bytes(b"PK not a workbook")
    with pytest.raises(CaseError, match="not a readable Excel workbook"):
        yingsu.load_docket(tmp_path / "bad.xlsx")


def _ics_events(docket):
    icalendar = pytest.importorskip("icalendar")
    return list(icalendar.Calendar.from_ical(dk.agenda_ics(docket)).walk("VEVENT"))


def test_ics_uids_survive_adding_a_case(example):
    entries, docket = example
    before = {str(e["UID"]): str(e["SUMMARY"]) for e in _ics_events(docket)}
    extra = entry("NEW-1", "xianzhou", events={"served": "2026-01-06"})
    after = {str(e["UID"]) for e in _ics_events(yingsu.evaluate_docket([extra, *entries], today=TODAY))}
    assert set(before) <= after and len(after) > len(before)


def test_ics_has_reminders_units_in_titles_and_no_english_ids(example):
    _, docket = example
    ids = yingsu.presentation.contract_ids()
    import re
    for ev, item in zip(_ics_events(docket), docket.agenda):
        summary, description = str(ev["SUMMARY"]), str(ev["DESCRIPTION"])
        if item.units:
            assert item.units[0] in summary
        if item.status in ("open", "overdue", "hearing"):
            (alarm,) = ev.walk("VALARM")
            assert alarm.decoded("TRIGGER").days < 0
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", summary + description))
        assert not words & ids, words & ids
        assert not any(ord(ch) < 32 and ch != "\n" for ch in summary + description)


def test_ics_of_an_empty_agenda_is_a_calendar():
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(dk.agenda_ics([]))
    assert str(cal["VERSION"]) == "2.0" and list(cal.walk("VEVENT")) == []


# --- large and broken JSON dockets -----------------------------------------------------------------

def test_json_docket_bad_last_entry_names_its_line(tmp_path):
    good = '{"city": "dezhou", "defendant": {"kind": "government"}}'
    p = tmp_path / "d.json"
    p.write_text("[\n" + ",\n".join([good] * 3000) + ',\n{"city": "dezhou",\n "defendant": {"kind": "govt"}}\n]',
                 encoding="utf-8")
    with pytest.raises(CaseError) as e:
        yingsu.load_docket(p)
    assert "entry 3001" in str(e.value) and "line 3003" in str(e.value) and "defendant.kind" in str(e.value)
    p.write_text("[\n" + ",\n".join([good] * 10) + ',\n{"city": "dezhou" "defendant": 1}\n]', encoding="utf-8")
    with pytest.raises(CaseError, match=r"not valid JSON \(line 12, column 19\)"):
        yingsu.load_docket(p)


def test_json_docket_with_a_4300_digit_integer_is_a_clear_error(tmp_path):
    p = tmp_path / "d.json"
    p.write_text('[{"city": "dezhou", "defendant": {"kind": "government"}},\n'
                 '{"city": "dezhou", "defendant": {"kind": "government"}, "proceeding": {"plaintiffs": '
                 + "9" * 4400 + "}}]", encoding="utf-8")
    with pytest.raises(CaseError, match=r"line 2.*more than 4300 digits"):
        yingsu.load_docket(p)


def test_streamed_json_is_the_docket(capsys):
    assert main(["docket", str(EXAMPLE), "--today", "2026-11-23", "--json"]) == 0
    streamed = json.loads(capsys.readouterr().out)
    whole = yingsu.evaluate_docket(yingsu.load_docket(EXAMPLE), today=TODAY).model_dump(mode="json")
    assert streamed == whole


def test_cli_docket_refuses_to_write_the_calendar_over_its_docket(tmp_path, capsys):
    p = tmp_path / "d.json"
    p.write_text('[{"city": "dezhou", "defendant": {"kind": "government"}}]', encoding="utf-8")
    before = p.read_bytes()
    assert main(["docket", str(p), "--ics", str(p)]) == 2
    assert "would destroy the input" in capsys.readouterr().err and p.read_bytes() == before
    link = tmp_path / "same.ics"
    link.hardlink_to(p)
    assert main(["docket", str(p), "--ics", str(link)]) == 2 and p.read_bytes() == before


def test_report_and_calendar_have_no_contract_ids(example):
    import re
    entries, docket = example
    ids = yingsu.presentation.contract_ids()
    own = {e.id for e in entries}  # the docket's own case ids are the officer's
    text = dk.render_docket(docket)
    words = {w for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", text)} - own
    assert not words & ids, sorted(words & ids)[:20]
