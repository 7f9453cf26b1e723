"""忻州市行政机关及行政机关负责人出庭应诉工作暂行办法（忻政办函〔2023〕42号）, article by article.

忻州 (Shanxi), not 新洲 (xianzhou). Dates are reasoned on the 2026 calendar: rest days
05-01..05-05, 06-19..06-21, 09-25..09-27, 10-01..10-07.
"""
from __future__ import annotations

from datetime import date

import pytest

from conftest import articles, deadline, decide, units

from yingsu.rulesets import get_ruleset

CITY = "xinzhou"
CITY_GOV = {"kind": "government", "level": "city", "name": "忻州市人民政府"}
COUNTY_GOV = {"kind": "government", "level": "county", "name": "定襄县人民政府"}
DEPT = {"kind": "department", "level": "city", "name": "忻州市市场监督管理局"}


def designated(d) -> list[str]:
    return [r.value for r in d.undertaking.designated_by]


def items(citations) -> list[tuple[str, str | None]]:
    return [(c.article, c.item) for c in citations]


# --- 规则集：标题、文号、施行期间 -----------------------------------------------------------

def test_header_is_xinzhou_not_xianzhou():
    d = decide(CITY, defendant=CITY_GOV, events={"served": "2026-03-02"})
    assert d.ruleset.id == "xinzhou"
    assert d.ruleset.title == "忻州市行政机关及行政机关负责人出庭应诉工作暂行办法"
    assert d.ruleset.number == "忻政办函〔2023〕42号"
    assert d.ruleset.effective_from == date(2023, 7, 1)
    assert d.ruleset.effective_to == date(2028, 6, 30)
    assert d.ruleset.in_force is True


def test_di25tiao_five_years_end_on_2028_06_30():
    last = decide(CITY, defendant=CITY_GOV, events={"served": "2028-06-30"})
    assert last.ruleset.in_force is True
    after = decide(CITY, defendant=CITY_GOV, events={"served": "2028-07-01"})
    assert after.ruleset.in_force is False
    assert any("不在施行期间" in w for w in after.warnings)
    before = decide(CITY, defendant=CITY_GOV, events={"served": "2023-06-30"})
    assert before.ruleset.in_force is False


def test_every_article_has_rules_or_a_reason():
    rs = get_ruleset(CITY)
    encoded = {r.article for r in rs.rules}
    reasons = {a for (_, a) in rs.articles}
    names = rs.source.article_names()
    assert len(names) == 25
    assert [a for a in names if a not in encoded | reasons] == []
    assert encoded == {"第八条", "第九条", "第十条", "第十一条", "第十二条", "第十三条", "第十四条", "第十九条"}


def test_di23tiao_yearly_report_is_a_periodic_duty_not_a_case_rule():
    rs = get_ruleset(CITY)
    assert "周期性" in rs.articles[(None, "第二十三条")]
    assert all(r.article != "第二十三条" for r in rs.rules)


# --- 第十条：人民政府以外的被告自行确定承办单位 ---------------------------------------------

@pytest.mark.parametrize("kind", ["department", "township", "management_committee", "authorized_org"])
def test_di10tiao_other_defendants_determine_their_own_undertaker(kind):
    d = decide(CITY, defendant={"kind": kind, "name": "某行政机关"})
    assert d.undertaking.units == []
    assert designated(d) == ["defendant"]
    assert items(d.undertaking.basis) == [("第十条", None)]
    assert "收文机构" in d.undertaking.basis[0].quote


def test_di10tiao_does_not_decide_for_a_government_defendant():
    d = decide(CITY, defendant=CITY_GOV)
    assert "第十条" not in articles(d.undertaking.basis)
    assert designated(d) != ["defendant"]


# --- 第十一条（一）：政府办公室以政府名义作出 -----------------------------------------------

def test_di11tiao_1_government_office_leads_and_justice_bureau_assists():
    d = decide(CITY, defendant=CITY_GOV, act={"maker_kind": "government_office", "in_government_name": True})
    assert units(d) == [("government_office", "lead", "whole"), ("justice_bureau", "support", "whole")]
    assert [u.name for u in d.undertaking.units] == ["市人民政府办公室", "市司法局"]
    assert items(d.undertaking.basis) == [("第十一条", "（一）")]
    assert d.undertaking.basis[0].quote.endswith("司法行政部门协助做好相关应诉材料准备工作")
    assert designated(d) == []


def test_di11tiao_1_county_level_names():
    d = decide(CITY, defendant=COUNTY_GOV, act={"maker_kind": "government_office"})
    assert units(d) == [("government_office", "lead", "whole"), ("justice_bureau", "support", "whole")]
    assert [u.name for u in d.undertaking.units] == ["县（市、区）人民政府办公室", "县（市、区）司法局"]


def test_di11tiao_1_not_when_a_department_made_the_act():
    d = decide(CITY, defendant=CITY_GOV, act={"maker": "忻州市自然资源局", "maker_kind": "department"})
    assert ("government_office", "lead", "whole") not in units(d)
    assert items(d.undertaking.basis) == [("第十一条", "（二）")]


# --- 第十一条（二）：报经市人民政府批准 -------------------------------------------------------

def test_di11tiao_2_city_department_approved_by_the_city_government_undertakes():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        act={"maker": "忻州市自然资源局", "maker_kind": "department", "approved_by_government": True,
             "in_government_name": True},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert d.undertaking.units[0].name == "忻州市自然资源局"
    assert items(d.undertaking.basis) == [("第十一条", "（二）")]


def test_di11tiao_2_level_defaults_to_city():
    d = decide(
        CITY,
        defendant={"kind": "government"},
        act={"maker": "忻州经济开发区管委会", "maker_kind": "management_committee", "approved_by_government": True},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert items(d.undertaking.basis) == [("第十一条", "（二）")]


def test_di11tiao_2_county_government_approved_by_the_city_government():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        act={"maker": "原平市人民政府", "maker_kind": "lower_government", "approved_by_government": True},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert d.undertaking.units[0].name == "原平市人民政府"


def test_di11tiao_2_not_approved_is_left_to_joint_determination():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        act={"maker": "忻州市自然资源局", "maker_kind": "department", "approved_by_government": False},
    )
    assert d.undertaking.units == []
    assert designated(d) == ["government_office", "justice_bureau"]
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]


# --- 第十一条（三）：报经县（市、区）人民政府批准 -------------------------------------------

def test_di11tiao_3_county_department_approved_by_the_county_government_undertakes():
    d = decide(
        CITY,
        defendant=COUNTY_GOV,
        act={"maker": "定襄县住房和城乡建设局", "maker_kind": "department", "approved_by_government": True},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert d.undertaking.units[0].name == "定襄县住房和城乡建设局"
    assert items(d.undertaking.basis) == [("第十一条", "（三）")]


def test_di11tiao_3_township_approved_by_the_county_government_undertakes():
    d = decide(
        CITY,
        defendant=COUNTY_GOV,
        act={"maker": "定襄县晋昌镇人民政府", "maker_kind": "township", "approved_by_government": True},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert items(d.undertaking.basis) == [("第十一条", "（三）")]


def test_di11tiao_3_township_is_not_in_the_city_list():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        act={"maker": "某镇人民政府", "maker_kind": "township", "approved_by_government": True},
    )
    assert designated(d) == ["government_office", "justice_bureau"]
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]


def test_di11tiao_3_entrusted_org_is_not_listed():
    d = decide(CITY, defendant=COUNTY_GOV, act={"maker": "某受委托组织", "maker_kind": "entrusted_org"})
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]


# --- 第十一条（四）：行政不作为 ---------------------------------------------------------------

def test_di11tiao_4_inaction_goes_to_the_unit_whose_duty_it_is():
    d = decide(CITY, defendant=CITY_GOV, act={"inaction": True, "responsible_unit": "忻州市生态环境局"})
    assert units(d) == [("responsible_unit", "lead", "whole")]
    assert d.undertaking.units[0].name == "忻州市生态环境局"
    assert items(d.undertaking.basis) == [("第十一条", "（四）")]


def test_di11tiao_4_inaction_comes_before_the_maker_items():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        act={"inaction": True, "responsible_unit": "忻州市生态环境局", "maker": "忻州市自然资源局",
             "maker_kind": "department", "approved_by_government": True},
    )
    assert units(d) == [("responsible_unit", "lead", "whole")]
    assert items(d.undertaking.basis) == [("第十一条", "（四）")]


def test_di11tiao_4_inaction_with_unclear_duty_goes_to_item_7():
    d = decide(CITY, defendant=CITY_GOV, act={"inaction": True})
    assert d.undertaking.units == []
    assert designated(d) == ["government_office", "justice_bureau"]
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]


def test_di11tiao_4_a_responsible_unit_without_inaction_is_not_item_4():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        act={"responsible_unit": "忻州市生态环境局", "maker": "忻州市自然资源局", "maker_kind": "department"},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert items(d.undertaking.basis) == [("第十一条", "（二）")]
    d = decide(CITY, defendant=CITY_GOV, act={"responsible_unit": "忻州市生态环境局"})
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]


def test_di11tiao_4_reconsideration_not_decided_in_time_is_the_justice_bureau():
    d = decide(CITY, defendant=COUNTY_GOV, reconsideration={"government_role": "sole_defendant", "outcome": "no_decision"})
    assert units(d) == [("justice_bureau", "lead", "whole")]
    assert d.undertaking.units[0].name == "县（市、区）司法局"
    assert items(d.undertaking.basis) == [("第十一条", "（四）")]


# --- 第十一条（五）：复议撤销、变更、确认违法、不予受理、驳回申请 -----------------------------

@pytest.mark.parametrize("outcome", ["changed", "inadmissible"])
def test_di11tiao_5_sole_defendant_reconsideration_goes_to_the_justice_bureau(outcome):
    d = decide(CITY, defendant=CITY_GOV, reconsideration={"government_role": "sole_defendant", "outcome": outcome})
    assert units(d) == [("justice_bureau", "lead", "whole")]
    assert d.undertaking.units[0].name == "市司法局"
    assert items(d.undertaking.basis) == [("第十一条", "（五）")]


def test_di11tiao_5_role_unspecified_and_county_names():
    d = decide(CITY, defendant=COUNTY_GOV, reconsideration={"outcome": "changed"})
    assert units(d) == [("justice_bureau", "lead", "whole")]
    assert d.undertaking.units[0].name == "县（市、区）司法局"
    assert items(d.undertaking.basis) == [("第十一条", "（五）")]


def test_di11tiao_5_comes_before_the_act_items():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        reconsideration={"government_role": "sole_defendant", "outcome": "changed"},
        act={"maker_kind": "government_office"},
    )
    assert items(d.undertaking.basis) == [("第十一条", "（五）")]


def test_di11tiao_5_unknown_outcome_is_left_to_joint_determination():
    d = decide(CITY, defendant=CITY_GOV, reconsideration={"government_role": "sole_defendant"})
    assert d.undertaking.units == []
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]


# --- 第十一条（六）：临时机构 -----------------------------------------------------------------

def test_di11tiao_6_temporary_body_goes_to_its_lead_department():
    d = decide(CITY, defendant=CITY_GOV, act={"maker": "忻州市某工作领导小组", "maker_kind": "temporary_body"})
    assert units(d) == [("lead_department", "lead", "whole")]
    assert d.undertaking.units[0].name == "牵头的市人民政府相关部门"
    assert items(d.undertaking.basis) == [("第十一条", "（六）")]


def test_di11tiao_6_named_lead_department_at_county_level():
    d = decide(
        CITY,
        defendant=COUNTY_GOV,
        act={"maker_kind": "temporary_body", "departments": ["定襄县公安局", "定襄县交通运输局"],
             "lead_department": "定襄县公安局"},
    )
    assert units(d) == [("lead_department", "lead", "whole")]
    assert d.undertaking.units[0].name == "定襄县公安局"


def test_di11tiao_6_not_for_a_department_made_act():
    d = decide(CITY, defendant=COUNTY_GOV, act={"maker": "定襄县公安局", "maker_kind": "department"})
    assert ("lead_department", "lead", "whole") not in units(d)


# --- 第十一条（七）：职责归属不明 -------------------------------------------------------------

def test_di11tiao_7_nothing_known_means_office_and_justice_bureau_determine_jointly():
    d = decide(CITY, defendant=CITY_GOV)
    assert d.undertaking.units == []
    assert designated(d) == ["government_office", "justice_bureau"]
    assert items(d.undertaking.basis) == [("第十一条", "（七）")]
    assert "共同确定应诉承办单位" in d.undertaking.basis[0].quote


def test_di11tiao_7_not_for_a_co_defendant():
    d = decide(CITY, defendant=CITY_GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"})
    assert designated(d) == []
    assert articles(d.undertaking.basis) == ["第十二条"]


# --- 第十二条：复议机关为共同被告 -------------------------------------------------------------

def test_di12tiao_co_defendant_maker_and_justice_bureau_share_the_work():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
        act={"maker": "忻州市人力资源和社会保障局", "maker_kind": "department"},
    )
    assert units(d) == [("act_maker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert [u.name for u in d.undertaking.units] == ["忻州市人力资源和社会保障局", "市司法局"]
    assert items(d.undertaking.basis) == [("第十二条", None)]


def test_di12tiao_upheld_with_role_unspecified_is_a_co_defendant_case():
    d = decide(CITY, defendant=COUNTY_GOV, reconsideration={"outcome": "upheld"}, act={"maker": "定襄县市场监督管理局"})
    assert units(d) == [("act_maker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert d.undertaking.units[1].name == "县（市、区）司法局"


def test_di12tiao_outranks_the_act_items_of_di11tiao():
    d = decide(
        CITY,
        defendant=CITY_GOV,
        reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
        act={"maker_kind": "government_office"},
    )
    assert articles(d.undertaking.basis) == ["第十二条"]


def test_di12tiao_not_for_a_sole_defendant():
    d = decide(CITY, defendant=CITY_GOV, reconsideration={"government_role": "sole_defendant", "outcome": "changed"})
    assert "第十二条" not in articles(d.undertaking.basis)


# --- 第九条：法院要求负责人出庭（任何庭审形式） ------------------------------------------------

@pytest.mark.parametrize("session", ["evidence_exchange", "hearing", "inquiry", "trial"])
def test_di9tiao_court_requiring_the_principal_in_any_session_makes_it_principal(session):
    d = decide(CITY, defendant=DEPT, proceeding={"session": session}, principal_requests=[{"by": "court"}])
    assert d.appearance.level.value == "principal"
    assert articles(d.appearance.basis) == ["第九条", "第十四条"]  # 第十四条 names who proposes the principal
    assert "负责人" in d.appearance.who


def test_di9tiao_session_unspecified_and_oral_request_still_principal():
    d = decide(CITY, defendant=CITY_GOV, principal_requests=[{"by": "court", "written": False}])
    assert d.appearance.level.value == "principal"


def test_di9tiao_has_no_head_level_a_request_for_the_head_is_principal():
    d = decide(CITY, defendant=CITY_GOV, principal_requests=[{"by": "court", "rank": "head", "written": True}])
    assert d.appearance.level.value == "principal"


def test_di9tiao_a_government_request_is_not_a_court_request():
    d = decide(CITY, defendant=DEPT, principal_requests=[{"by": "government"}, {"by": "superior"}])
    assert d.appearance.level.value == "default"
    assert "第九条" not in articles(d.appearance.basis)


@pytest.mark.parametrize("session", ["none", "not_accepted"])
def test_di9tiao_no_session_means_nothing_to_appear_at(session):
    d = decide(CITY, defendant=DEPT, proceeding={"session": session}, principal_requests=[{"by": "court"}])
    assert d.appearance.level.value == "not_applicable"


def test_no_simplified_procedure_exemption_in_xinzhou():
    d = decide(CITY, defendant=DEPT, proceeding={"procedure": "simple", "session": "trial"})
    assert d.appearance.level.value == "default"
    d = decide(CITY, defendant=CITY_GOV, proceeding={"procedure": "simple"})
    assert d.appearance.level.value == "default"


def test_simplified_procedure_with_a_court_request_is_principal():
    d = decide(CITY, defendant=DEPT, proceeding={"procedure": "simple"}, principal_requests=[{"by": "court"}])
    assert d.appearance.level.value == "principal"


# --- 第八条：出庭义务；第十三条、第十四条：出庭人员由谁提出、谁确定 ----------------------------

def test_di8tiao_the_duty_to_appear_is_cited_from_di8tiao_not_from_who_proposes():
    for defendant in (COUNTY_GOV, DEPT, {"kind": "township", "level": "county"}):
        d = decide(CITY, defendant=defendant, proceeding={"session": "trial"})
        assert d.appearance.level.value == "default"
        assert d.appearance.basis[0].rule == "xinzhou.appearance.8.principal-duty"
        assert "积极出庭应诉" in d.appearance.basis[0].quote
        assert articles(d.appearance.basis)[:2] == ["第八条", "第三条"]  # with 行政诉讼法第三条
        assert d.appearance.basis[1].ruleset == "national"


def test_di13tiao_government_defendant_names_who_proposes_and_decides():
    d = decide(CITY, defendant=COUNTY_GOV, proceeding={"session": "trial"})
    assert d.appearance.level.value == "default"
    assert d.appearance.who == "由司法行政部门提出意见，报本级人民政府确定的行政机关负责人"
    assert articles(d.appearance.basis) == ["第八条", "第三条", "第十三条"]
    assert d.appearance.who_basis.article == "第十三条"


def test_di13tiao_sets_no_level_a_court_request_under_di9tiao_decides():
    d = decide(CITY, defendant=COUNTY_GOV, principal_requests=[{"by": "court"}])
    assert d.appearance.level.value == "principal"
    assert articles(d.appearance.basis) == ["第九条", "第十三条"]
    assert d.appearance.who_basis.article == "第十三条"


@pytest.mark.parametrize("kind", ["department", "township", "management_committee"])
def test_di14tiao_departments_townships_committees_default_with_who(kind):
    d = decide(CITY, defendant={"kind": kind, "level": "county"})
    assert d.appearance.level.value == "default"
    assert d.appearance.who == "由本单位法制工作机构提出意见，报本单位确定的行政机关负责人"
    assert articles(d.appearance.basis) == ["第八条", "第三条", "第十四条"]
    assert d.appearance.who_basis.article == "第十四条"


def test_di14tiao_authorized_org_is_not_listed_di8tiao_names_the_principals():
    d = decide(CITY, defendant={"kind": "authorized_org"})
    assert d.appearance.level.value == "default"
    assert d.appearance.who.startswith("行政机关负责人（第四条")
    assert articles(d.appearance.basis) == ["第八条", "第三条"]


# --- 期限：全国法定期限 ----------------------------------------------------------------------

def test_answer_is_fifteen_days_moved_past_may_day():
    # 04-20 + 15 = 05-05, inside the 05-01..05-05 rest: due on Wednesday 05-06
    d = decide(CITY, defendant=CITY_GOV, events={"served": "2026-04-20"})
    a = deadline(d, "answer")
    assert a.due == date(2026, 5, 6)
    assert (a.basis.ruleset, a.basis.article) == ("national", "第六十七条")


def test_no_transfer_or_other_city_deadlines_in_xinzhou():
    d = decide(CITY, defendant=CITY_GOV, events={"served": "2026-03-02", "forwarded": "2026-03-03"})
    assert [x.id for x in d.deadlines] == ["answer"]
    assert deadline(d, "answer").due == date(2026, 3, 17)


def test_appeal_against_a_judgment_moved_past_dragon_boat():
    # 06-04 + 15 = 06-19, inside the 06-19..06-21 rest: Monday 06-22
    d = decide(
        CITY, defendant=DEPT,
        events={"served": "2026-03-02", "judgment_served": "2026-06-04"},
        outcome={"document": "judgment", "dispositions": ["claims_dismissed"]},
    )
    assert deadline(d, "appeal").due == date(2026, 6, 22)


def test_appeal_against_a_ruling_moved_past_mid_autumn():
    # 09-15 + 10 = 09-25, inside the 09-25..09-27 rest: Monday 09-28
    d = decide(
        CITY, defendant=DEPT,
        events={"served": "2026-06-01", "judgment_served": "2026-09-15"},
        outcome={"document": "ruling", "dispositions": ["suit_dismissed"]},
    )
    assert deadline(d, "appeal").due == date(2026, 9, 28)


def test_retrial_six_months_moved_past_national_day():
    # 04-04 + 6 months = 10-04, inside 10-01..10-07: Thursday 10-08
    d = decide(
        CITY, defendant=DEPT,
        events={"served": "2026-01-05", "judgment_served": "2026-04-04", "judgment_effective": "2026-04-04"},
        outcome={"document": "judgment", "dispositions": ["revoked"]},
        proceeding={"instance": "second"},
    )
    assert deadline(d, "retrial").due == date(2026, 10, 8)
    assert "appeal" not in [x.id for x in d.deadlines]


def test_unknown_starts_are_pending():
    d = decide(CITY, defendant=CITY_GOV)
    assert d.deadlines == []
    assert [(p.id, p.waits_for) for p in d.pending] == [
        ("answer", "served"), ("appeal", "judgment_served"), ("retrial", "judgment_effective"),
    ]


# --- 第十九条：司法建议书三个月内书面回复 -----------------------------------------------------

def test_di19tiao_reply_within_three_months_moved_past_national_day():
    # 07-01 + 3 months = 10-01, inside 10-01..10-07: Thursday 10-08
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02", "suggestion_received": "2026-07-01"})
    s = deadline(d, "suggestion_reply")
    assert s.due == date(2026, 10, 8)
    assert (s.rule, s.amount, s.start) == ("months", 3, "suggestion_received")
    assert (s.basis.ruleset, s.basis.article) == ("xinzhou", "第十九条")
    assert "3 个月内将处理情况书面回复人民法院" in s.basis.quote


def test_di19tiao_month_end_counts_to_month_end():
    # 05-31 + 3 months = 08-31, a Monday
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02", "suggestion_received": "2026-05-31"})
    assert deadline(d, "suggestion_reply").due == date(2026, 8, 31)
    assert deadline(d, "suggestion_reply").provisional is False


def test_di19tiao_reply_falling_in_2027_is_provisional():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02", "suggestion_received": "2026-11-30"})
    s = deadline(d, "suggestion_reply")
    # 11-30 + 3 months = 2027-02-28, a Sunday (no 2027 holiday then): Monday 2027-03-01
    assert s.provisional is True
    assert s.due == date(2027, 3, 1)
    assert any("suggestion_reply" in w for w in d.warnings)


def test_di19tiao_no_suggestion_no_deadline_and_nothing_pending():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02"})
    assert "suggestion_reply" not in [x.id for x in d.deadlines]
    assert "suggestion_reply" not in [p.id for p in d.pending]


# --- 败诉：本办法未界定，适用默认定义 ---------------------------------------------------------

def test_loss_uses_the_default_definition():
    d = decide(CITY, defendant=CITY_GOV, outcome={"document": "judgment", "dispositions": ["revoked"]})
    assert d.loss.is_loss is True
    assert d.loss.definition.value == "default"
    assert [(c.ruleset, c.article) for c in d.loss.basis] == [("national", "第七十条")]


def test_bare_confirmed_illegal_is_a_loss_by_default():
    d = decide(CITY, defendant=DEPT, outcome={"document": "judgment", "dispositions": ["confirmed_illegal"]})
    assert d.loss.is_loss is True
    assert d.loss.definition.value == "default"


@pytest.mark.parametrize(
    "outcome",
    [
        {"document": "judgment", "dispositions": ["claims_dismissed"]},
        {"document": "ruling", "dispositions": ["suit_dismissed"]},
        {"document": "withdrawal"},
        {"document": "mediation"},
    ],
)
def test_not_a_loss_by_default(outcome):
    d = decide(CITY, defendant=DEPT, outcome=outcome)
    assert d.loss.is_loss is False
    assert d.loss.definition.value == "default"


def test_no_outcome_no_loss_decision():
    d = decide(CITY, defendant=DEPT)
    assert d.loss.is_loss is None
    assert d.loss.definition.value == "default"


# --- 应诉承办单位的边界情形（第十一条、第十二条；行政诉讼法第二十六条） ---------------------------

def names(d):
    return [u.name for u in d.undertaking.units]


def test_di12tiao_abolished_maker_gives_its_place_to_the_successor_and_the_justice_bureau_stays():
    d = decide(CITY, defendant=CITY_GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "忻州市城区改造指挥部", "maker_abolished": True, "successor": "忻州市住房和城乡建设局"})
    assert units(d) == [("successor", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert names(d) == ["忻州市住房和城乡建设局", "市司法局"]
    assert any("未规定" in w and "撤销" in w for w in d.warnings)


def test_di11tiao_7_abolished_maker_without_a_successor_is_determined_by_office_and_justice_bureau():
    d = decide(CITY, defendant=CITY_GOV, act={"maker": "忻州市城区改造指挥部", "maker_kind": "department",
                                              "maker_abolished": True})
    assert d.undertaking.units == []
    assert [r.value for r in d.undertaking.designated_by] == ["government_office", "justice_bureau"]
    assert d.undertaking.basis[-1].item == "（七）"


def test_di12tiao_entrusted_organisation_gives_way_to_the_entrusting_agency():
    d = decide(CITY, defendant=CITY_GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "忻州某物业公司", "maker_kind": "entrusted_org"})
    assert "忻州某物业公司" not in names(d)
    assert units(d)[0] == ("act_maker", "joint", "original_act")
    assert names(d)[0] == "委托该组织作出原行政行为的行政机关"
