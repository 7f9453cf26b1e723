"""Cases: the contract's fields, unknown keys rejected, contradicting facts rejected naming the fields."""
from __future__ import annotations

from datetime import date

import pytest
import yaml
from pydantic import ValidationError

import yingsu
from yingsu.errors import CaseError, RulesetError
from yingsu.yamlsafe import assumed_note, decode, decode_text, expansion, load_text, not_utf8

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
    p.write_bytes("city: 新洲".encode("gbk") + b"\xff")  # neither UTF-8 nor GB18030
    with pytest.raises(CaseError, match="not UTF-8 text .line 1, byte 7., nor GB18030"):
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


def test_compare_takes_a_case_not_a_dict():
    with pytest.raises(TypeError, match="Case.model_validate"):
        yingsu.compare({"city": "xianzhou"})


# -- real judgments and the facts that go together (contract: Case validation) ----------------


@pytest.mark.parametrize("dispositions", [
    ["partially_revoked", "claims_dismissed"],  # 部分撤销 … 驳回原告其他诉讼请求
    ["confirmed_illegal", "claims_dismissed"],  # 确认违法 … 驳回其他诉讼请求
    ["compensation", "claims_dismissed"],  # 赔偿 … 驳回其他
    ["revoked", "redo", "claims_dismissed"],
])
def test_claims_dismissed_stands_beside_any_granting_disposition(dispositions):
    case = yingsu.Case.model_validate(with_(outcome={"document": "judgment", "dispositions": dispositions}))
    assert [d.value for d in case.outcome.dispositions] == dispositions
    yingsu.evaluate(case, today=date(2026, 11, 23))


def test_only_suit_dismissed_stands_alone():
    assert "'suit_dismissed' (驳回起诉) cannot stand with another disposition" in problem(
        with_(outcome={"dispositions": ["suit_dismissed", "revoked"]}))


def test_xinzhou_article_11_item_6_temporary_body_lead_department_alone():
    act = {"maker": "城区改造指挥部", "maker_kind": "temporary_body", "lead_department": "忻州市住房和城乡建设局"}
    case = yingsu.Case.model_validate({"city": "xinzhou", "defendant": {"kind": "government"}, "act": act})
    assert case.act.lead_department == "忻州市住房和城乡建设局" and case.act.departments == []
    # anyone else's lead department still needs the departments it leads
    assert "only a temporary body's lead department" in problem(
        with_(act={**act, "maker_kind": "department"}))


@pytest.mark.parametrize("reconsideration, words", [
    ({"government_role": "co_defendant", "outcome": "changed"}, "第二十六条第二款"),
    ({"government_role": "co_defendant", "outcome": "inadmissible"}, "第一百三十三条"),
    ({"government_role": "co_defendant", "outcome": "no_decision"}, "第二十六条第三款"),
    ({"government_role": "sole_defendant", "outcome": "upheld"}, "第一百三十四条"),
])
def test_reconsideration_role_must_fit_its_outcome(reconsideration, words):
    message = problem(with_(reconsideration=reconsideration))
    assert "reconsideration.government_role" in message and "reconsideration.outcome" in message and words in message


@pytest.mark.parametrize("reconsideration", [
    {"government_role": "co_defendant", "outcome": "upheld"},
    {"government_role": "sole_defendant", "outcome": "changed"},
    {"government_role": "sole_defendant", "outcome": "inadmissible"},
    {"government_role": "sole_defendant", "outcome": "no_decision"},
    {"government_role": "co_defendant"}, {"outcome": "upheld"},
])
def test_reconsideration_roles_the_law_allows_are_accepted(reconsideration):
    yingsu.Case.model_validate(with_(reconsideration=reconsideration))


@pytest.mark.parametrize("parts, fields", [
    ({"proceeding": {"session": "not_accepted"}, "outcome": {"document": "judgment", "dispositions": ["claims_dismissed"]}},
     ["outcome.dispositions", "proceeding.session"]),
    ({"proceeding": {"session": "none", "instance": "first"}, "outcome": {"dispositions": ["revoked"]}},
     ["outcome.dispositions", "proceeding.session", "proceeding.instance"]),
    ({"proceeding": {"session": "none"}, "principal_appeared": True}, ["principal_appeared", "proceeding.session"]),
    ({"principal_unavailable": True, "principal_appeared": True}, ["principal_appeared", "principal_unavailable"]),
    ({"events": {"judgment_served": "2026-05-20", "case_closed": "2026-05-01"}}, ["events.case_closed", "events.judgment_served"]),
    ({"proceeding": {"appellant": "agency"}}, ["proceeding.appellant", "proceeding.instance"]),
    ({"proceeding": {"first_instance_lost": True}}, ["proceeding.first_instance_lost", "proceeding.instance"]),
    ({"act": {"departments": ["区住建局", "区 住建局"]}}, ["act.departments"]),
])
def test_impossible_facts_are_rejected_naming_the_fields(parts, fields):
    message = problem(with_(**parts))
    for f in fields:
        assert f in message


def test_merits_without_a_session_only_at_second_instance_or_retrial():
    for instance in ("second", "retrial"):
        yingsu.Case.model_validate(with_(proceeding={"instance": instance, "session": "none"},
                                         outcome={"document": "judgment", "dispositions": ["revoked"]}))
    yingsu.Case.model_validate(with_(proceeding={"session": "not_accepted"},
                                     outcome={"document": "ruling", "dispositions": ["suit_dismissed"]}))
    assert yingsu.models.Disposition.suit_dismissed not in yingsu.models.MERITS


@pytest.mark.parametrize("field, value, words", [
    ("name", "", "a name may not be empty or only spaces"),
    ("name", " \u3000 ", "a name may not be empty or only spaces"),
    ("name", "甲\n乙", "contains a control character (U+000A)"),
    ("name", "甲\r乙", "contains a control character (U+000D)"),
    ("name", "\ud800", "contains a lone surrogate (U+D800)"),
    ("name", "甲\u202e乙", "bidirectional character (U+202E)"),
    ("name", "甲\u2069乙", "bidirectional character (U+2069)"),
    ("name", "甲\u2029乙", "a paragraph separator (U+2029)"),
])
def test_names_are_one_line_of_plain_text(field, value, words):
    message = problem(with_(defendant={"kind": "government", field: value}))
    assert f"defendant.{field}" in message and words in message


def test_names_lose_spaces_at_their_ends_only():
    case = yingsu.Case.model_validate(with_(act={"maker": " 区 住建局\u3000"}))
    assert case.act.maker == "区 住建局"


def test_a_list_nested_100000_deep_is_a_validation_error_not_a_recursion_error():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    for field in ("circumstances", "principal_requests", "act", "colour"):
        message = problem(with_(**{field: deep}))
        assert f"{field}.0.0" in message and "nested more than 8 levels deep" in message


def test_dates_are_only_yyyy_mm_dd():
    for text in ("2026-W10-1", "2026-061", "20260302", "2026-03-02T00:00", "２０２６-03-02"):
        assert "is not a real date in the form YYYY-MM-DD" in problem(with_(events={"served": text})), text
    assert yingsu.Case.model_validate(with_(events={"served": " 2026-03-02 "})).events.served == date(2026, 3, 2)


# -- the YAML reader (yamlsafe): numbers as written, merge keys, aliases of long text ---------


def test_yaml_numbers_are_plain_decimal_and_everything_else_stays_as_written():
    data = load_text("a: 030\nb: 1:00\nc: 0x1F\nd: 0b1\ne: 1_000\nf: 001\ng: 010\nh: 2:30\ni: yes\nj: on\n"
                     "k: 30\nl: -2\nm: 1.5\nn: true\no: 2026-03-02\n", "f.yaml")
    assert data == {"a": "030", "b": "1:00", "c": "0x1F", "d": "0b1", "e": "1_000", "f": "001", "g": "010",
                    "h": "2:30", "i": "yes", "j": "on", "k": 30, "l": -2, "m": 1.5, "n": True, "o": date(2026, 3, 2)}


def test_yaml_plaintiffs_030_is_not_read_as_24():
    """偃师 细则第十一条（三）: thirty plaintiffs matter; octal 030 (24) would silently change the level."""
    message = problem(with_(proceeding={"plaintiffs": load_text("p: 030", "f")["p"]}))
    assert "proceeding.plaintiffs" in message and "'030'" in message


def test_yaml_merge_key_is_overridden_by_an_explicit_key():
    assert load_text("a: &a {k: 1, j: 2}\nb: {<<: *a, k: 3}\n", "f")["b"] == {"k": 3, "j": 2}
    assert load_text("a: &a {k: 1}\nb: &b {k: 2, j: 3}\nc: {<<: [*a, *b]}\n", "f")["c"] == {"k": 1, "j": 3}
    assert load_text("x: {<<: &b {<<: {k: 0}, k: 1}}\n", "f")["x"] == {"k": 1}  # PyYAML alone gives 0
    for text in ("a: 1\na: 2\n", "b: {<<: {k: 1}, k: 2, k: 3}\n", "b: {<<: {k: 1}, <<: {j: 1}}\n"):
        with pytest.raises(RulesetError, match="duplicate key"):
            load_text(text, "f")


def test_yaml_aliases_of_long_text_are_bounded_by_characters():
    text = "t: &t " + "x" * 50_000 + "\nl: [" + ", ".join(["*t"] * 20) + "]\n"
    with pytest.raises(RulesetError, match="characters of text once YAML aliases are expanded"):
        load_text(text, "f")
    assert expansion(yaml.compose("t: &t abc\nl: [*t, *t]\n")) == (7, 11)  # values; characters


# -- decoding (yamlsafe.decode_text): the one helper for cases, docket CSV and batch --------------


@pytest.mark.parametrize("data, encoding", [
    ("新洲".encode(), "utf-8"),
    (b"\xef\xbb\xbf" + "新洲".encode(), "utf-8"),
    ("新洲".encode("utf-16"), "utf-16"),
    ("新洲".encode("utf-32"), "utf-32"),
    ("新洲区人民政府".encode("gbk"), "gb18030"),
    ("新洲区人民政府 €".encode("gb18030"), "gb18030"),
])
def test_decode_is_sure_of_the_encoding_or_says_it_assumed(data, encoding):
    text, found = decode(data, "f")
    assert text.removesuffix(" €") in ("新洲", "新洲区人民政府") and found == encoding
    assert decode_text(data, "f") == text
    assert (assumed_note(found) is not None) == (encoding == "gb18030")


def test_byte_offsets_count_from_1_in_every_message():
    data = b"ab\n\xff"
    with pytest.raises(RulesetError, match=r"line 2, byte 4\)"):
        decode(data, "f")
    assert not_utf8(data, _decode_error(data)) == "not UTF-8 text (line 2, byte 4)"


def _decode_error(data: bytes) -> UnicodeDecodeError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e
    raise AssertionError("valid UTF-8")
