"""Broken rulesets are rejected at load with file, line and reason."""
from __future__ import annotations

import shutil

import pytest

import yingsu
from yingsu.calendar import default_calendar
from yingsu.engine import _Evaluation
from yingsu.errors import RulesetError
from yingsu.rulesets import get_base, load_ruleset, rulesets_dir

HEADER = """\
ruleset:
  id: xianzhou
  title: 新洲区行政机关行政应诉工作管理办法（试行）
  label: 新洲
  place: 武汉市新洲区
  source: ordinance.txt
  default_level: county
  loss_definition: ordinance
  inherits: [appearance, deadline]
combine:
  undertaking: first_match
  appearance: {precedence: [not_applicable, head, principal, exempt, default]}
  loss: first_match
  deadline: first_match_per_id
  notice: collect_all
rules:
"""
GOOD_RULE = """\
  - id: t.sole
    decision: undertaking
    article: 第九条
    item: （一）
    quote: 以区政府作为单独被告的，区司法局为应诉责任机关
    when: {defendant.kind: government, reconsideration.government_role: sole_defendant}
    then: {units: [{role: justice_bureau, duty: lead, scope: whole}]}
"""


def load(tmp_path, text: str):
    folder = tmp_path / "xianzhou"
    folder.mkdir(exist_ok=True)
    shutil.copy(rulesets_dir() / "xianzhou" / "ordinance.txt", folder / "ordinance.txt")
    path = folder / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return load_ruleset(path, get_base())


def rejected(tmp_path, text: str, reason: str, line: int | None):
    with pytest.raises(RulesetError) as e:
        load(tmp_path, text)
    assert reason in e.value.reason, e.value.reason
    assert e.value.file.endswith("rules.yaml")
    assert e.value.line == line, (e.value.line, str(e.value))
    return e.value


def test_a_minimal_ruleset_loads(tmp_path):
    rs = load(tmp_path, HEADER + GOOD_RULE)
    assert [r.id for r in rs.rules] == ["t.sole"]


def test_quote_not_in_the_article(tmp_path):
    bad = GOOD_RULE.replace("区司法局为应诉责任机关", "区政府办公室为应诉责任机关")
    rejected(tmp_path, HEADER + bad, "does not occur verbatim", 21)


def test_quote_from_another_article(tmp_path):
    bad = GOOD_RULE.replace("第九条", "第十条")
    rejected(tmp_path, HEADER + bad, "does not occur verbatim", 21)


def test_quote_cut_mid_clause(tmp_path):
    bad = GOOD_RULE.replace("以区政府作为单独被告的", "区政府作为单独被告的")
    rejected(tmp_path, HEADER + bad, "part of a clause", 21)


def test_quote_ending_on_punctuation(tmp_path):
    bad = GOOD_RULE.replace("区司法局为应诉责任机关", "区司法局为应诉责任机关；")
    rejected(tmp_path, HEADER + bad, "punctuation", 21)


def test_missing_quote(tmp_path):
    bad = "\n".join(l for l in GOOD_RULE.splitlines() if "quote:" not in l) + "\n"
    rejected(tmp_path, HEADER + bad, "missing 'quote'", 17)


def test_missing_article(tmp_path):
    bad = "\n".join(l for l in GOOD_RULE.splitlines() if "article:" not in l) + "\n"
    rejected(tmp_path, HEADER + bad, "missing 'article'", 17)


def test_article_not_in_the_text(tmp_path):
    bad = GOOD_RULE.replace("第九条", "第九十九条")
    rejected(tmp_path, HEADER + bad, "not in the source text", 19)


def test_condition_on_unknown_fact(tmp_path):
    bad = GOOD_RULE.replace("defendant.kind:", "defendant.type:")
    rejected(tmp_path, HEADER + bad, "unknown fact 'defendant.type'", 22)


def test_condition_with_unknown_enum_value(tmp_path):
    bad = GOOD_RULE.replace("sole_defendant", "alone")
    rejected(tmp_path, HEADER + bad, "'alone' is not a value of fact 'reconsideration.government_role'", 22)


def test_condition_with_unknown_operator(tmp_path):
    bad = GOOD_RULE.replace("{defendant.kind: government,", "{defendant.kind: {like: gov},")
    rejected(tmp_path, HEADER + bad, "unknown operator 'like'", 22)


def test_flag_fact_compared_with_text(tmp_path):
    bad = GOOD_RULE.replace("{defendant.kind: government,", "{act.inaction: 'yes',")
    rejected(tmp_path, HEADER + bad, "true or false", 22)


def test_unknown_key_in_a_rule(tmp_path):
    bad = GOOD_RULE + "    priorty: 3\n"
    rejected(tmp_path, HEADER + bad, "unknown key 'priorty'", 24)


def test_unknown_key_in_the_header(tmp_path):
    bad = HEADER.replace("  default_level: county\n", "  default_level: county\n  city: xianzhou\n")
    rejected(tmp_path, bad + GOOD_RULE, "unknown key 'city'", 8)


def test_duplicate_rule_id(tmp_path):
    rejected(tmp_path, HEADER + GOOD_RULE + GOOD_RULE, "duplicate rule id 't.sole' (first at line 17)", 24)


def test_duplicate_key(tmp_path):
    bad = GOOD_RULE.replace("    item: （一）\n", "    item: （一）\n    item: （二）\n")
    rejected(tmp_path, HEADER + bad, "duplicate key 'item'", 21)


def test_unknown_role(tmp_path):
    bad = GOOD_RULE.replace("role: justice_bureau", "role: court")
    rejected(tmp_path, HEADER + bad, "unit role 'court' is not one of", 23)


def test_unknown_decision(tmp_path):
    bad = GOOD_RULE.replace("decision: undertaking", "decision: verdict")
    rejected(tmp_path, HEADER + bad, "decision 'verdict' is not one of", 18)


DEADLINE = """\
  - id: t.transfer
    decision: deadline
    article: 第十条
    quote: 区政府作为被告的行政诉讼案件，区政府办公室或区司法局应当在收到起诉状副本和应诉通知书 2 个工作日内将起诉状副本和应诉通知书转送给依照本办法第九条确定的应诉责任机关
    then: {id: transfer, rule: working_days, amount: 2, start: served}
"""


def test_deadline_from_unknown_event(tmp_path):
    bad = DEADLINE.replace("start: served", "start: received")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "starts from 'received'", 24)


def test_deadline_not_in_the_catalogue(tmp_path):
    bad = DEADLINE.replace("id: transfer,", "id: handover,")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "not in the deadline catalogue", 28)


def test_deadline_with_unknown_counting_rule(tmp_path):
    bad = DEADLINE.replace("rule: working_days", "rule: business_days")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "counting rule 'business_days'", 28)


def test_deadline_with_zero_amount(tmp_path):
    bad = DEADLINE.replace("amount: 2", "amount: 0")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "amount must be a whole number of 1 or more", 28)


def test_deadlines_in_a_cycle(tmp_path):
    a = DEADLINE.replace("start: served", "start: filing_on_service")
    b = (
        DEADLINE.replace("t.transfer", "t.filing")
        .replace("id: transfer,", "id: filing_on_service,")
        .replace("start: served", "start: transfer")
    )
    rejected(tmp_path, HEADER + GOOD_RULE + a + b, "cycle", 24)


# --- named exceptions (overrides:) ---------------------------------------------------------

CO_RULE = """\
  - id: t.co
    decision: undertaking
    article: 第九条
    item: （一）
    quote: 以作出原行政行为的行政机关和区政府作为共同被告的，作出原行政行为的行政机关和区司法局分别作为应诉责任机关
    when: {defendant.kind: government, reconsideration.government_role: co_defendant}
    then: {units: [{role: act_maker, duty: joint, scope: original_act}]}
"""
# applies to every government case: conflicts with t.sole unless one overrides the other
RESIDUAL = """\
  - id: t.residual
    decision: undertaking
    article: 第九条
    item: （三）
    quote: 牵头部门不具备相应法定职责或其他难以确定应诉责任机关的，由区司法局指定应诉责任机关
    when: {defendant.kind: government}
    then: {designated_by: [justice_bureau]}
"""


def test_priority_numbers_are_no_longer_accepted(tmp_path):
    rejected(tmp_path, HEADER + GOOD_RULE + "    priority: 10\n", "overrides: [rule-id]", 24)


def test_overrides_an_unknown_rule(tmp_path):
    bad = GOOD_RULE + "    overrides: [t.nowhere]\n"
    rejected(tmp_path, HEADER + bad, "overrides unknown rule 't.nowhere'", 24)


def test_overrides_a_rule_of_another_decision(tmp_path):
    bad = GOOD_RULE + "    overrides: [t.transfer]\n"
    rejected(tmp_path, HEADER + bad + DEADLINE, "'t.transfer', a deadline rule", 24)


def test_overrides_itself(tmp_path):
    rejected(tmp_path, HEADER + GOOD_RULE + "    overrides: [t.sole]\n", "overrides itself", 24)


def test_overrides_in_a_cycle(tmp_path):
    a = GOOD_RULE + "    overrides: [t.co]\n"
    b = CO_RULE + "    overrides: [t.sole]\n"
    e = rejected(tmp_path, HEADER + a + b, "override each other in a cycle", 17)
    assert "t.sole -> t.co -> t.sole" in e.reason


def test_overrides_in_a_longer_cycle(tmp_path):
    a = GOOD_RULE + "    overrides: [t.co]\n"
    b = CO_RULE + "    overrides: [t.residual]\n"
    c = RESIDUAL + "    overrides: [t.sole]\n"
    rejected(tmp_path, HEADER + a + b + c, "cycle", 17)


def test_unstated_conflict_names_both_rules(tmp_path):
    e = rejected(tmp_path, HEADER + GOOD_RULE + RESIDUAL, "neither overrides the other", 17)
    assert "'t.sole'" in e.reason and "'t.residual' (line 24)" in e.reason


def test_a_stated_exception_resolves_the_conflict_and_decides(tmp_path):
    rs = load(tmp_path, HEADER + GOOD_RULE + "    overrides: [t.residual]\n" + RESIDUAL)
    assert rs.beats["t.sole"] == {"t.residual"}
    sole = yingsu.Case.model_validate(
        {"city": "xianzhou", "defendant": {"kind": "government"},
         "reconsideration": {"government_role": "sole_defendant", "outcome": "changed"}})
    other = yingsu.Case.model_validate({"city": "xianzhou", "defendant": {"kind": "government"}})
    assert _Evaluation(sole, rs, default_calendar(), None).run().undertaking.units[0].role.value == "justice_bureau"
    assert [r.value for r in _Evaluation(other, rs, default_calendar(), None).run().undertaking.designated_by] == [
        "justice_bureau"]


def test_exceptions_are_transitive(tmp_path):
    a = GOOD_RULE + "    overrides: [t.middle]\n"
    middle = RESIDUAL.replace("t.residual", "t.middle").replace(
        "{defendant.kind: government}", "{defendant.kind: government, reconsideration: true}"
    ) + "    overrides: [t.residual]\n"
    rs = load(tmp_path, HEADER + a + middle + RESIDUAL.replace("designated_by: [justice_bureau]", "designated_by: [government]"))
    assert rs.beats["t.sole"] == {"t.middle", "t.residual"}


def test_conflicts_that_conditions_cannot_settle_are_caught_when_they_happen(tmp_path):
    # `any:` is not one box of values: the loader cannot tell whether these meet, the engine can
    a = GOOD_RULE.replace(
        "when: {defendant.kind: government, reconsideration.government_role: sole_defendant}",
        "when: {any: [{act.inaction: true}, {act.category: other}]}")
    b = RESIDUAL.replace("when: {defendant.kind: government}", "when: {any: [{act.inaction: true}, {act.maker: null}]}")
    rs = load(tmp_path, HEADER + a + b)
    quiet = yingsu.Case.model_validate({"city": "xianzhou", "defendant": {"kind": "government"},
                                        "act": {"category": "other", "maker": "区民政局"}})
    assert _Evaluation(quiet, rs, default_calendar(), None).run().undertaking.units[0].role.value == "justice_bureau"
    both = yingsu.Case.model_validate({"city": "xianzhou", "defendant": {"kind": "government"},
                                       "act": {"inaction": True}})
    with pytest.raises(RulesetError) as e:
        _Evaluation(both, rs, default_calendar(), None).run()
    assert "'t.sole'" in str(e.value) and "'t.residual'" in str(e.value) and "neither overrides" in str(e.value)


def test_rules_that_exclude_each_other_need_no_relation(tmp_path):
    # sole and co-defendant: one fact, two values; never both
    rs = load(tmp_path, HEADER + GOOD_RULE + CO_RULE)
    assert rs.beats == {}


def test_a_rule_overridden_by_a_catch_all_can_never_apply(tmp_path):
    catch_all = GOOD_RULE.replace("t.sole", "t.all").replace(
        "    when: {defendant.kind: government, reconsideration.government_role: sole_defendant}\n", ""
    ) + "    overrides: [t.co]\n"
    rejected(tmp_path, HEADER + catch_all + CO_RULE, "can never apply", 24)


def test_missing_combine(tmp_path):
    start, rest = HEADER.split("combine:\n", 1)
    rest = rest.split("rules:\n", 1)[1]
    rejected(tmp_path, start + "rules:\n" + rest + GOOD_RULE, "missing 'combine:'", 1)


def test_precedence_missing_a_level(tmp_path):
    bad = HEADER.replace("exempt, default]", "default]")
    rejected(tmp_path, bad + GOOD_RULE, "every appearance level exactly once", 12)


def test_python_tag_is_refused_not_run(tmp_path):
    bad = GOOD_RULE.replace("item: （一）", "item: !!python/object/apply:os.system ['touch pwned']")
    rejected(tmp_path, HEADER + bad, "unsupported YAML tag", 20)
    assert not (tmp_path / "pwned").exists()


def test_not_yaml(tmp_path):
    rejected(tmp_path, HEADER + "  - id: [unclosed\n", "", 18)


def test_id_must_match_folder(tmp_path):
    bad = HEADER.replace("id: xianzhou", "id: zhongwei")
    rejected(tmp_path, bad + GOOD_RULE, "must match its folder", 2)


def test_article_reason_for_an_encoded_article(tmp_path):
    text = HEADER + GOOD_RULE + "articles:\n  第九条: 倡导性\n"
    rejected(tmp_path, text, "has rules", 25)


def test_also_only_for_undertaking(tmp_path):
    bad = DEADLINE + "    also: true\n"
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "'also: true' is only for undertaking", 29)


def test_the_installed_rulesets_are_valid():
    from yingsu.rulesets import available_cities, clear_cache, get_ruleset

    clear_cache()
    for city in available_cities():
        assert get_ruleset(city).rules


def test_appearance_rule_with_neither_level_nor_who(tmp_path):
    rule = """\
  - id: t.who
    decision: appearance
    article: 第十二条
    quote: 以区政府作为被告的行政诉讼案件，原则上由分管区领导出庭应诉
    then: {}
"""
    rejected(tmp_path, HEADER + GOOD_RULE + rule, "gives a level, or names who appears", 28)


def test_an_exception_may_cite_the_text_that_gives_the_precedence(tmp_path):
    stated = GOOD_RULE + (
        "    overrides:\n"
        "      - {rule: t.residual, article: 第九条, quote: 以区政府作为被告的行政诉讼案件，按照以下原则确定应诉责任机关}\n"
    )
    rs = load(tmp_path, HEADER + stated + RESIDUAL)
    (o,) = rs.rules[0].overrides
    assert o.rule == "t.residual" and o.citation.article == "第九条"


def test_an_exceptions_quote_must_occur_in_its_article(tmp_path):
    stated = GOOD_RULE + (
        "    overrides:\n"
        "      - {rule: t.residual, article: 第九条, quote: 类案规则优先于一般规则}\n"
    )
    rejected(tmp_path, HEADER + stated + RESIDUAL, "overrides quote", 25)
