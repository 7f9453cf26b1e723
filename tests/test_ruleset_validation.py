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


# --- the period a deadline's quote states (期间): amount and counting rule must agree ---------

def test_deadline_amount_must_be_the_period_its_quote_states(tmp_path):
    bad = DEADLINE.replace("amount: 2", "amount: 5")  # under “2 个工作日内”
    e = rejected(tmp_path, HEADER + GOOD_RULE + bad, "the quote says “2 个工作日内” but the deadline counts 5", 27)
    assert "amount 2 with rule working_days" in e.reason


def test_working_days_in_the_quote_cannot_be_counted_as_calendar_days(tmp_path):
    bad = DEADLINE.replace("rule: working_days", "rule: calendar_days")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "counts 2 (calendar_days)", 27)


def test_a_period_before_an_anchor_must_count_backwards(tmp_path):
    review = """\
  - id: t.review
    decision: deadline
    article: 第十条
    quote: 应诉责任机关应当在相关应诉案件答辩期限届满的 5 个工作日前，指定案件承办人或代理律师组织撰写案件答辩举证材料，经应诉责任机关负责人审查签字后报区司法局审核
    then: {id: internal_review, rule: working_days, amount: 5, start: served}
"""
    rejected(tmp_path, HEADER + GOOD_RULE + review, "it must be amount 5 with rule working_days_before", 27)
    load(tmp_path, HEADER + GOOD_RULE + review.replace("rule: working_days,", "rule: working_days_before,"))


def test_a_quote_with_two_periods_must_be_cut_to_the_deadlines_clause(tmp_path):
    bad = DEADLINE.replace(
        "quote: 区政府作为被告的行政诉讼案件，区政府办公室或区司法局应当在收到起诉状副本和应诉通知书 2 个工作日内将起诉状副本和应诉通知书转送给依照本办法第九条确定的应诉责任机关",
        "quote: 区政府作为被告的行政诉讼案件，区政府办公室或区司法局应当在收到起诉状副本和应诉通知书 2 个工作日内将起诉状副本和应诉通知书转送给依照本办法第九条确定的应诉责任机关。"
        " 应诉责任机关应当在相关应诉案件答辩期限届满的 5 个工作日前，指定案件承办人或代理律师组织撰写案件答辩举证材料",
    )
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "states several periods (2 个工作日内、5 个工作日前)", 27)


ZW_HEADER = HEADER.replace("id: xianzhou", "id: zhongwei").replace(
    "title: 新洲区行政机关行政应诉工作管理办法（试行）", "title: 中卫市人民政府行政应诉工作办法"
).replace("label: 新洲", "label: 中卫").replace("place: 武汉市新洲区", "place: 中卫市")
ZW_DEADLINE = """\
  - id: t.absence
    decision: deadline
    article: 第八条
    quote: 行政机关负责人有正当理由不能出庭的，应当于开庭三日前向人民法院提交加盖行政机关印章或者由该机关主要负责人签字认可的相关证明材料
    then: {id: absence_proof, rule: days_before, amount: 3, start: hearing}
"""
ZW_RULE = """\
  - id: t.own
    decision: undertaking
    article: 第四条
    quote: 未经复议的案件，行政行为作出单位作为应诉事务承办单位
    then: {units: [{role: act_maker, duty: lead, scope: whole}]}
"""


def load_zhongwei(tmp_path, text: str):
    folder = tmp_path / "zhongwei"
    folder.mkdir(exist_ok=True)
    shutil.copy(rulesets_dir() / "zhongwei" / "ordinance.txt", folder / "ordinance.txt")
    (folder / "rules.yaml").write_text(text, encoding="utf-8")
    return load_ruleset(folder / "rules.yaml", get_base())


def test_a_period_in_chinese_numerals_is_read_from_the_quote(tmp_path):
    assert load_zhongwei(tmp_path, ZW_HEADER + ZW_RULE + ZW_DEADLINE).rules[1].then.amount == 3
    with pytest.raises(RulesetError) as e:
        load_zhongwei(tmp_path, ZW_HEADER + ZW_RULE + ZW_DEADLINE.replace("amount: 3", "amount: 2"))
    assert "the quote says “三日前” but the deadline counts 2 (days_before)" in e.value.reason
    assert e.value.line == 25 and e.value.file.endswith("rules.yaml")


def test_calendar_days_in_the_quote_cannot_be_counted_as_working_days(tmp_path):
    transfer = """\
  - id: t.transfer
    decision: deadline
    article: 第十条
    quote: 市政府办公室收到以市人民政府为被告的应诉通知书、起诉状副本等材料后，应做好登记，于二日内转送应诉事务承办单位
    then: {id: transfer, rule: working_days, amount: 2, start: served}
"""
    with pytest.raises(RulesetError) as e:
        load_zhongwei(tmp_path, ZW_HEADER + ZW_RULE + transfer)
    assert "“二日内”" in e.value.reason and "amount 2 with rule calendar_days" in e.value.reason


@pytest.mark.parametrize(
    "text, amount, unit, before",
    [("十五日内", 15, "日", False), ("三十个工作日内", 30, "工作日", False), ("3 个月内", 3, "月", False),
     ("六个月内", 6, "月", False), ("开庭时间 2 日之前", 2, "日", True), ("二十日", 20, "日", None),
     ("一百二十日", 120, "日", None), ("两个工作日", 2, "工作日", None), ("五天内", 5, "日", False)],
)
def test_stated_periods_reads_digits_and_chinese_numerals(text, amount, unit, before):
    from yingsu.sources import stated_periods

    (p,) = stated_periods(text)
    assert (p.amount, p.unit, p.before) == (amount, unit, before)


def test_stated_periods_ignores_article_numbers_and_instances():
    from yingsu.sources import stated_periods

    assert stated_periods("依照本办法第六条规定，对第一审判决不服") == []


# --- article blocks (条文的引导语及各项) ----------------------------------------------------------

BLOCK = """\
  - article: 第二十七条
    decision: loss
    chapeau: 人民法院的生效法律文书确认被诉行政行为具有下列情形之一的，视为行政诉讼败诉
    when: {outcome: true}
    then: {is_loss: true}
    note: 共同的说明。
    items:
      - id: t.revoked
        item: （一）
        quote: 判决撤销或者部分撤销行政行为的
        when: {outcome.dispositions: revoked}
        note: 本项的说明。
      - id: t.redo
        item: （二）
        quote: 判决重新作出行政行为的
        when: {outcome.dispositions: redo}
"""


def test_an_article_block_gives_its_items_the_article_chapeau_conditions_and_result(tmp_path):
    rs = load(tmp_path, HEADER + GOOD_RULE + BLOCK)
    revoked, redo = rs.rules[1:]
    assert (revoked.id, redo.id) == ("t.revoked", "t.redo")
    for rule in (revoked, redo):
        assert (rule.decision.value, rule.article, rule.then) == ("loss", "第二十七条", True)
        assert rule.citation.chapeau == rule.chapeau == "人民法院的生效法律文书确认被诉行政行为具有下列情形之一的，视为行政诉讼败诉"
    assert revoked.citation.quote == "判决撤销或者部分撤销行政行为的"
    assert revoked.note == "共同的说明。 本项的说明。" and redo.note == "共同的说明。"
    # the block's condition and the item's both hold
    assert revoked.when({"outcome": True, "outcome.dispositions": ["revoked"]})
    assert not revoked.when({"outcome": False, "outcome.dispositions": ["revoked"]})
    assert not revoked.when({"outcome": True, "outcome.dispositions": ["redo"]})
    assert revoked.line == 31


def test_an_item_testing_the_same_fact_as_its_block_keeps_both_tests(tmp_path):
    both = BLOCK.replace("    when: {outcome: true}\n", "    when: {outcome.dispositions: {none_of: [void]}}\n")
    revoked = load(tmp_path, HEADER + GOOD_RULE + both).rules[1]
    assert revoked.when({"outcome.dispositions": ["revoked"]})
    assert not revoked.when({"outcome.dispositions": ["revoked", "void"]})


def test_an_item_may_refine_the_blocks_result(tmp_path):
    text = BLOCK.replace("        when: {outcome.dispositions: redo}\n",
                         "        when: {outcome.dispositions: redo}\n        then: {is_loss: false}\n")
    assert load(tmp_path, HEADER + GOOD_RULE + text).rules[2].then is False


def test_a_chapeau_not_in_the_article(tmp_path):
    bad = BLOCK.replace("视为行政诉讼败诉", "视为败诉")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "chapeau: the quote does not occur verbatim", 26)


def test_a_chapeau_cut_mid_clause(tmp_path):
    bad = BLOCK.replace("chapeau: 人民法院的生效法律文书", "chapeau: 法院的生效法律文书")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "chapeau: the quote occurs only as part of a clause", 26)


def test_a_chapeau_must_open_its_items(tmp_path):
    bad = BLOCK.replace(
        "chapeau: 人民法院的生效法律文书确认被诉行政行为具有下列情形之一的，视为行政诉讼败诉", "chapeau: 判决行政机关承担赔偿责任的"
    )
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "the chapeau must come before the item it opens", 26)


def test_an_item_quote_is_proved_like_any_quote(tmp_path):
    bad = BLOCK.replace("quote: 判决重新作出行政行为的", "quote: 判决重新作出行政行为")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "part of a clause", 38)


def test_an_item_cannot_set_its_own_article(tmp_path):
    bad = BLOCK.replace("        item: （二）\n", "        item: （二）\n        article: 第九条\n")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "unknown key 'article'", 38)


def test_a_block_without_a_chapeau(tmp_path):
    bad = BLOCK.replace("    chapeau: 人民法院的生效法律文书确认被诉行政行为具有下列情形之一的，视为行政诉讼败诉\n", "")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "article block is missing 'chapeau'", 24)


def test_a_block_with_no_items(tmp_path):
    bad = BLOCK.split("    items:\n")[0] + "    items: []\n"
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "'items:' must be a non-empty list", 30)


def test_a_block_with_an_unknown_key(tmp_path):
    bad = BLOCK.replace("    note: 共同的说明。\n", "    notes: 共同的说明。\n")
    rejected(tmp_path, HEADER + GOOD_RULE + bad, "unknown key 'notes'", 29)

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
