"""Cases: the contract's fields, unknown keys rejected, contradicting facts rejected naming the fields."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

import yingsu
from yingsu.errors import CaseError

BASE = {"city": "xianzhou", "defendant": {"kind": "government"}}


def with_(**parts):
    data = dict(BASE)
    data.update(parts)
    return data


def problem(data) -> str:
    with pytest.raises(ValidationError) as e:
        yingsu.Case.model_validate(data)
    return str(e.value)


def test_contract_example_validates():
    case = yingsu.load_case("examples/xianzhou-government-sued.yaml")
    assert case.city.value == "xianzhou"
    assert case.events.served.isoformat() == "2026-09-28"


def test_only_city_and_defendant_kind_are_required():
    yingsu.Case.model_validate(BASE)
    assert "defendant" in problem({"city": "xianzhou"})
    assert "city" in problem({"defendant": {"kind": "government"}})


@pytest.mark.parametrize(
    "data, field",
    [
        ({**BASE, "city": "wuhan"}, "city"),
        (with_(defendant={"kind": "court"}), "defendant.kind"),
        (with_(defendant={"kind": "government", "level": "province"}), "defendant.level"),
        (with_(colour="red"), "colour"),
        (with_(act={"maker": "x", "maker_name": "y"}), "act.maker_name"),
        (with_(events={"served": "2026-02-30"}), "events.served"),
        (with_(events={"served": 20260302}), "events.served"),
        (with_(events={"served": "2026-03-02T10:00:00"}), "events.served"),
        (with_(proceeding={"plaintiffs": 0}), "proceeding.plaintiffs"),
        (with_(proceeding={"first_trial_of_year": "yes"}), "proceeding.first_trial_of_year"),
        (with_(circumstances=["very_important"]), "circumstances.0"),
        (with_(outcome={"document": "judgment", "dispositions": ["acquitted"]}), "outcome.dispositions.0"),
        (with_(principal_requests=[{"rank": "head"}]), "principal_requests.0.by"),
    ],
)
def test_bad_values_name_their_field(data, field):
    assert field in problem(data)


@pytest.mark.parametrize(
    "parts, fields",
    [
        ({"events": {"served": "2026-03-02", "judgment_served": "2026-03-01"}}, ["events.judgment_served", "events.served"]),
        ({"events": {"judgment_served": "2026-05-20", "judgment_effective": "2026-05-19"}},
         ["events.judgment_effective", "events.judgment_served"]),
        ({"reconsideration": {"government_role": "co_defendant", "outcome": "changed"}},
         ["reconsideration.government_role", "reconsideration.outcome"]),
        ({"act": {"departments": ["甲局", "乙局"], "lead_department": "丙局"}}, ["act.lead_department", "act.departments"]),
        ({"proceeding": {"instance": "first", "appellant": "plaintiff"}}, ["proceeding.appellant", "proceeding.instance"]),
        ({"proceeding": {"session": "none"}, "events": {"hearing": "2026-04-01"}}, ["events.hearing", "proceeding.session"]),
        ({"outcome": {"document": "withdrawal", "dispositions": ["revoked"]}}, ["outcome.dispositions", "outcome.document"]),
        ({"outcome": {"document": "judgment", "dispositions": ["suit_dismissed"]}}, ["outcome.dispositions", "outcome.document"]),
        ({"outcome": {"dispositions": ["suit_dismissed", "claims_dismissed"]}}, ["outcome.dispositions"]),
    ],
)
def test_contradicting_facts_are_rejected_naming_both_fields(parts, fields):
    message = problem(with_(**parts))
    for f in fields:
        assert f in message


def test_reconsideration_only_for_a_government_defendant():
    message = problem({"city": "xianzhou", "defendant": {"kind": "department"},
                       "reconsideration": {"government_role": "sole_defendant"}})
    assert "reconsideration" in message and "defendant.kind" in message


def test_load_case_errors_name_file_and_field(tmp_path):
    p = tmp_path / "case.yaml"
    p.write_text("city: xianzhou\ndefendant: {kind: government}\nevents: {served: 2026-13-01}\n", encoding="utf-8")
    with pytest.raises(CaseError) as e:
        yingsu.load_case(p)
    assert str(p) in str(e.value) and "events.served" in str(e.value)


def test_load_case_refuses_python_tags(tmp_path):
    p = tmp_path / "case.yaml"
    p.write_text("city: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(CaseError) as e:
        yingsu.load_case(p)
    assert "unsupported YAML tag" in str(e.value)


def test_load_case_json(tmp_path):
    p = tmp_path / "case.json"
    p.write_text('{"city": "zhongwei", "defendant": {"kind": "government"}, "events": {"served": "2026-03-02"}}')
    assert yingsu.load_case(p).city.value == "zhongwei"
    p.write_text('{"city": "zhongwei",')
    with pytest.raises(CaseError, match="not valid JSON"):
        yingsu.load_case(p)


def test_load_case_empty_and_non_mapping(tmp_path):
    p = tmp_path / "case.yaml"
    p.write_text("")
    with pytest.raises(CaseError, match="empty"):
        yingsu.load_case(p)
    p.write_text("- a\n- b\n")
    with pytest.raises(CaseError, match="mapping"):
        yingsu.load_case(p)


def test_load_case_refuses_non_utf8_and_huge_files(tmp_path):
    p = tmp_path / "case.yaml"
    p.write_bytes("city: 新洲".encode("gbk"))
    with pytest.raises(CaseError, match="UTF-8"):
        yingsu.load_case(p)
    p.write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    with pytest.raises(CaseError, match="over the limit"):
        yingsu.load_case(p)


def test_decision_json_round_trips_and_schemas_exist():
    case = yingsu.load_case("examples/xianzhou-government-sued.yaml")
    d = yingsu.evaluate(case)
    data = d.model_dump(mode="json")
    assert yingsu.Decision.model_validate(data) == d
    assert set(data) >= {"city", "ruleset", "calendar", "undertaking", "appearance", "deadlines", "pending",
                         "loss", "warnings", "trace"}
    assert data["calendar"]["official_years"][0] == 2001
    assert "properties" in yingsu.case_schema() and "properties" in yingsu.decision_schema()


def test_evaluate_takes_a_case_not_a_dict():
    with pytest.raises(TypeError, match="Case.model_validate"):
        yingsu.evaluate({"city": "xianzhou"})
