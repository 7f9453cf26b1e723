"""德州市行政应诉管理办法（德州市人民政府令第6号）: the ruleset, article by article.

Dates are reasoned on the 2026 calendar (rest days 02-15..02-23, 04-04..04-06, 06-19..06-21,
10-01..10-07; make-up working days Sat 02-14, Sun 09-20, …).
"""
from __future__ import annotations

from datetime import date

import pytest

from conftest import articles, deadline, decide, units
from yingsu.calendar import default_calendar
from yingsu.rulesets import get_ruleset

CITY = "dezhou"


def gov(**parts):
    """A case against the city government (default level: city)."""
    return decide(CITY, **parts)


def dept(**parts):
    return decide(CITY, defendant={"kind": "department", "name": "德州市自然资源和规划局"}, **parts)


def names(decision):
    return [u.name for u in decision.undertaking.units]


def items(citations):
    return [(c.article, c.item) for c in citations]


def pending_ids(decision):
    return {p.id: p.waits_for for p in decision.pending}


def deadline_ids(decision):
    return [d.id for d in decision.deadlines]


def test_calendar_facts_the_dates_below_rely_on():
    cal = default_calendar()
    working = {date(2026, 2, 14), date(2026, 9, 20), date(2026, 2, 24), date(2026, 4, 3), date(2026, 10, 8)}
    resting = {date(2026, 2, 19), date(2026, 3, 7), date(2026, 4, 5), date(2026, 6, 19), date(2026, 10, 1)}
    assert all(cal.is_working_day(d) for d in working)
    assert not any(cal.is_working_day(d) for d in resting)


# --- the ruleset --------------------------------------------------------------------------

def test_header_title_number_and_effective_date():
    d = gov(events={"served": "2026-03-02"})
    assert d.ruleset.id == "dezhou"
    assert d.ruleset.title == "德州市行政应诉管理办法"
    assert d.ruleset.number == "德州市人民政府令第6号"
    assert d.ruleset.effective_from == date(2020, 7, 30)
    assert d.ruleset.effective_to is None
    assert d.ruleset.in_force is True


def test_di43tiao_case_served_before_publication_is_not_in_force():
    d = gov(events={"served": "2020-07-29"})
    assert d.ruleset.in_force is False
    assert any("不在施行期间" in w for w in d.warnings)
    assert gov(events={"served": "2020-07-30"}).ruleset.in_force is True


def test_every_article_has_rules_or_a_reason():
    rs = get_ruleset(CITY)
    encoded = {r.article for r in rs.rules}
    reasons = {a for _, a in rs.articles}
    all_articles = set(rs.source.article_names())
    assert len(all_articles) == 43
    assert all_articles == encoded | reasons
    assert encoded == {"第十二条", "第十三条", "第十四条", "第十七条", "第十九条", "第二十五条", "第二十八条", "第四十二条"}


def test_di30tiao_yearly_report_is_a_periodic_duty_not_a_case_deadline():
    rs = get_ruleset(CITY)
    assert "周期性" in rs.articles[(None, "第三十条")]
    assert "1月10日" in rs.articles[(None, "第三十条")]
    d = gov(events={"served": "2026-03-02", "judgment_served": "2026-05-20"})
    assert not any(x.basis.article == "第三十条" for x in d.deadlines)


# --- 第十二条：应诉工作承办单位 --------------------------------------------------------------

def test_di12tiao_1_no_reconsideration_act_maker_undertakes():
    d = gov(act={"maker": "德州市住房和城乡建设局"})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert names(d) == ["德州市住房和城乡建设局"]
    assert d.undertaking.designated_by == []
    assert items(d.undertaking.basis) == [("第十二条", "（一）")]
    assert d.undertaking.basis[0].quote == "未经行政复议直接起诉的案件，被诉行政行为承办单位负责应诉"


def test_di12tiao_1_does_not_apply_after_reconsideration():
    d = gov(act={"maker": "德州市住房和城乡建设局"}, reconsideration={"government_role": "sole_defendant", "outcome": "changed"})
    assert ("act_maker", "lead", "whole") not in units(d)
    assert items(d.undertaking.basis) == [("第十二条", "（二）")]


def test_di12tiao_2_sole_defendant_justice_bureau_of_the_same_level():
    d = gov(reconsideration={"government_role": "sole_defendant", "outcome": "changed"})
    assert units(d) == [("justice_bureau", "lead", "whole")]
    assert names(d) == ["市司法局"]
    assert items(d.undertaking.basis) == [("第十二条", "（二）")]
    county = decide(CITY, defendant={"kind": "government", "level": "county"},
                    reconsideration={"government_role": "sole_defendant", "outcome": "inadmissible"})
    assert names(county) == ["县（市、区）司法局"]


def test_di12tiao_2_co_defendant_maker_original_act_and_justice_bureau_reconsideration():
    d = gov(act={"maker": "德州市市场监督管理局"}, reconsideration={"government_role": "co_defendant", "outcome": "upheld"})
    assert units(d) == [("act_maker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert names(d) == ["德州市市场监督管理局", "市司法局"]
    assert d.undertaking.basis[0].quote.startswith("人民政府为共同被告的")
    assert d.undertaking.designated_by == []


def test_di12tiao_2_co_defendant_without_maker_name_uses_the_ordinance_label():
    d = gov(reconsideration={"government_role": "co_defendant", "outcome": "upheld"})
    assert names(d) == ["被诉行政行为承办单位", "市司法局"]


def test_di12tiao_3_unclear_undertaker_designated_by_office_and_justice_bureau():
    d = gov()
    assert units(d) == []
    assert [r.value for r in d.undertaking.designated_by] == ["government_office", "justice_bureau"]
    assert items(d.undertaking.basis) == [("第十二条", "（三）")]


def test_di12tiao_3_reconsideration_without_the_government_role_is_unclear_too():
    d = gov(reconsideration={"outcome": "upheld"})
    assert [r.value for r in d.undertaking.designated_by] == ["government_office", "justice_bureau"]


def test_di12tiao_3_not_when_the_maker_is_known():
    d = gov(act={"maker": "德州市交通运输局"})
    assert d.undertaking.designated_by == []


def test_di12tiao_by_reference_department_with_a_named_unit():
    d = dept(act={"maker": "德州市自然资源和规划局执法支队"})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert names(d) == ["德州市自然资源和规划局执法支队"]
    assert any("第十二条" in w and "参照" in w for w in d.warnings)


def test_di12tiao_by_reference_department_own_act_undertakes_itself():
    d = dept()
    assert units(d) == [("defendant", "lead", "whole")]
    assert names(d) == ["德州市自然资源和规划局"]
    assert d.undertaking.designated_by == []
    assert items(d.undertaking.basis) == [("第十二条", "（一）")]


def test_di12tiao_government_defendant_gets_no_reference_warning():
    d = gov(act={"maker": "德州市交通运输局"})
    assert not any("参照" in w for w in d.warnings)
    assert "dezhou.notice.12.by-reference" not in d.trace


# --- 第四十二条：乡镇、街道参照 -----------------------------------------------------------

def test_di42tiao_township_follows_the_ordinance_by_reference():
    d = decide(CITY, defendant={"kind": "township", "name": "德城区新华街道办事处"})
    assert any("第四十二条" in w for w in d.warnings)
    assert any("第十二条" in w and "参照" in w for w in d.warnings)  # its 第十二条 reading is by reference too
    assert units(d) == [("defendant", "lead", "whole")]


def test_di42tiao_not_for_a_department():
    d = dept()
    assert not any("第四十二条" in w for w in d.warnings)


# --- 第二十五条：被诉行政机关决定上诉 --------------------------------------------------------

def test_di25tiao_agency_appeal_by_first_instance_undertaker():
    d = gov(act={"maker": "德州市住房和城乡建设局"},
            proceeding={"instance": "second", "appellant": "agency", "first_instance_undertaker": "德州市城市管理局"})
    assert units(d) == [("first_instance_undertaker", "lead", "whole")]
    assert names(d) == ["德州市城市管理局"]
    assert articles(d.undertaking.basis) == ["第十二条", "第二十五条"]


def test_di25tiao_plaintiff_appeal_falls_back_to_di12tiao():
    d = gov(act={"maker": "德州市住房和城乡建设局"},
            proceeding={"instance": "second", "appellant": "plaintiff", "first_instance_undertaker": "德州市城市管理局"})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert articles(d.undertaking.basis) == ["第十二条"]


# --- 第十七条：负责人出庭 ---------------------------------------------------------------

def test_di17tiao_government_principal_leads_by_appearing():
    d = gov()
    assert d.appearance.level.value == "default"
    assert "人民政府负责人" in d.appearance.who and "带头出庭" in d.appearance.who
    assert d.appearance.basis[0].quote == "市、县（市、区）人民政府负责人应当带头出庭应诉"
    assert "第十七条" in articles(d.appearance.basis)


def test_di17tiao_department_principal_as_defined():
    d = dept()
    assert d.appearance.level.value == "default"
    assert d.appearance.who.startswith("行政机关负责人（正职负责人、副职负责人")
    assert d.appearance.basis[0].rule == "dezhou.appearance.17.principal-duty"


def test_di18tiao_valid_reason_keeps_the_default_level():
    d = dept(principal_unavailable=True)
    assert d.appearance.level.value == "default"


# --- 第十九条：主要负责人应当出庭 ----------------------------------------------------------

@pytest.mark.parametrize(
    "item, circumstance",
    [("（一）", "major_public_interest"), ("（二）", "high_social_concern"), ("（三）", "mass_incident_risk"),
     ("（五）", "head_required_by_law")],
)
def test_di19tiao_circumstances_require_the_head(item, circumstance):
    d = dept(circumstances=[circumstance])
    assert d.appearance.level.value == "head"
    assert d.appearance.who == "行政机关主要负责人"
    assert items(d.appearance.basis) == [("第十九条", item)]


@pytest.mark.parametrize(
    "item, circumstance",
    [("（一）", "major_public_interest"), ("（二）", "high_social_concern"), ("（三）", "mass_incident_risk"),
     ("（五）", "head_required_by_law")],
)
def test_di19tiao_citation_quotes_the_chapeau_that_makes_the_head_appear(item, circumstance):
    c = dept(circumstances=[circumstance]).appearance.basis[0]
    assert c.chapeau == "行政诉讼案件有下列情形之一的，行政机关主要负责人应当出庭应诉"
    article = get_ruleset(CITY).source.article("第十九条")
    assert article.index(c.chapeau) < article.index(c.quote)
    assert "主要负责人应当出庭应诉" in c.wording and c.wording.endswith(item + c.quote)


def test_di19tiao_4_court_written_notice_to_the_head():
    d = gov(principal_requests=[{"by": "court", "rank": "head", "written": True}])
    assert d.appearance.level.value == "head"
    assert items(d.appearance.basis) == [("第十九条", "（四）")]
    assert d.appearance.basis[0].quote == "人民法院书面通知行政机关主要负责人出庭应诉的"


@pytest.mark.parametrize(
    "request_",
    [
        {"by": "court", "rank": "head", "written": False},  # not in writing
        {"by": "court", "rank": "principal", "written": True},  # not the head
        {"by": "government", "rank": "head", "written": True},  # not the court
        {"by": "superior", "rank": "head", "written": True},
    ],
)
def test_di19tiao_4_other_requests_do_not_require_the_head(request_):
    d = gov(principal_requests=[request_])
    assert d.appearance.level.value == "default"


@pytest.mark.parametrize("circumstance", ["major_social_impact", "mass_litigation", "foreign_related_major"])
def test_di19tiao_unlisted_circumstances_keep_the_default(circumstance):
    d = dept(circumstances=[circumstance])
    assert d.appearance.level.value == "default"


def test_di19tiao_no_session_nothing_to_appear_at():
    d = dept(circumstances=["major_public_interest"], proceeding={"session": "none"})
    assert d.appearance.level.value == "not_applicable"
    d = dept(circumstances=["major_public_interest"], proceeding={"session": "not_accepted"})
    assert d.appearance.level.value == "not_applicable"


def test_di19tiao_applies_in_other_sessions_and_instances():
    d = dept(circumstances=["high_social_concern"], proceeding={"session": "evidence_exchange", "instance": "second"})
    assert d.appearance.level.value == "head"


# --- 第十三条：拟办意见（转送） ----------------------------------------------------------

def test_di13tiao_office_proposes_within_2_days():
    d = gov(events={"served": "2026-03-02"})
    t = deadline(d, "transfer")
    assert t.due == date(2026, 3, 4)
    assert (t.rule, t.amount, t.start) == ("calendar_days", 2, "served")
    assert t.basis.article == "第十三条"


def test_di13tiao_make_up_saturday_is_a_working_day():
    assert deadline(gov(events={"served": "2026-02-12"}), "transfer").due == date(2026, 2, 14)
    assert deadline(gov(events={"served": "2026-02-14"}), "transfer").due == date(2026, 2, 24)


def test_di13tiao_not_for_a_department():
    d = dept(events={"served": "2026-03-02"})
    assert "transfer" not in deadline_ids(d) and "transfer" not in pending_ids(d)


def test_di13tiao_pending_without_served_date():
    assert pending_ids(gov())["transfer"] == "served"


# --- 第十四条：应诉准备、开庭备案 ---------------------------------------------------------

def test_di14tiao_preparation_5_days_from_service():
    d = gov(events={"served": "2026-03-02"})
    p = deadline(d, "preparation")
    assert p.due == date(2026, 3, 9)  # 03-07 is a Saturday
    assert (p.rule, p.amount, p.start) == ("calendar_days", 5, "served")
    assert p.basis.article == "第十四条"
    assert deadline(gov(events={"served": "2026-02-14"}), "preparation").due == date(2026, 2, 24)


def test_di14tiao_preparation_for_every_defendant():
    assert deadline(dept(events={"served": "2026-03-02"}), "preparation").due == date(2026, 3, 9)


def test_di14tiao_hearing_report_2_days_before_the_hearing():
    d = gov(events={"served": "2026-03-02", "hearing": "2026-04-15"})
    h = deadline(d, "hearing_report")
    assert h.due == date(2026, 4, 13)
    assert (h.rule, h.amount, h.start) == ("days_before", 2, "hearing")
    assert h.basis.quote.startswith("应诉机关及应诉承办单位应当于人民法院确定的开庭时间 2 日之前")


def test_di14tiao_hearing_report_moves_back_over_rest_days():
    assert deadline(gov(events={"hearing": "2026-04-07"}), "hearing_report").due == date(2026, 4, 3)
    assert deadline(gov(events={"hearing": "2026-09-22"}), "hearing_report").due == date(2026, 9, 20)


def test_di14tiao_hearing_report_pending_without_a_hearing_date():
    assert pending_ids(dept(events={"served": "2026-03-02"}))["hearing_report"] == "hearing"


def test_di14tiao_no_hearing_report_without_a_session():
    for session in ("none", "not_accepted"):
        d = dept(events={"served": "2026-03-02"}, proceeding={"session": session})
        assert "hearing_report" not in deadline_ids(d) and "hearing_report" not in pending_ids(d)
    assert "hearing_report" in pending_ids(dept(events={"served": "2026-03-02"}, proceeding={"session": "trial"}))


def test_answer_period_from_the_statute():
    a = deadline(gov(events={"served": "2026-03-02"}), "answer")
    assert a.due == date(2026, 3, 17)
    assert a.basis.ruleset == "national"


# --- 第二十五条：《行政应诉案件情况报告》 ---------------------------------------------------

def test_di25tiao_judgment_report_7_days_government():
    d = gov(events={"served": "2026-03-02", "judgment_served": "2026-05-20"})
    r = deadline(d, "judgment_report")
    assert r.due == date(2026, 5, 27)
    assert (r.rule, r.amount, r.start) == ("calendar_days", 7, "judgment_served")
    assert r.basis.rule == "dezhou.deadline.25.judgment-report"


def test_di25tiao_judgment_report_over_national_day():
    assert deadline(gov(events={"judgment_served": "2026-09-24"}), "judgment_report").due == date(2026, 10, 8)


def test_di25tiao_judgment_report_by_reference_for_departments():
    d = dept(events={"judgment_served": "2026-05-20"})
    r = deadline(d, "judgment_report")
    assert r.due == date(2026, 5, 27)
    assert r.basis.rule == "dezhou.deadline.25.judgment-report-by-reference"
    assert r.basis.quote.endswith("参照前款执行")
    assert r.basis.note and "参照" in r.basis.note


@pytest.mark.parametrize("kind", ["management_committee", "authorized_org", "township"])
def test_di25tiao_judgment_report_by_reference_for_other_defendants(kind):
    d = decide(CITY, defendant={"kind": kind}, events={"judgment_served": "2026-05-20"})
    r = deadline(d, "judgment_report")
    assert r.due == date(2026, 5, 27)
    assert r.basis.rule == "dezhou.deadline.25.judgment-report-by-reference"
    assert any("第十二条" in w and "参照" in w for w in d.warnings)


def test_di25tiao_judgment_report_pending_until_judgment_served():
    assert pending_ids(gov(events={"served": "2026-03-02"}))["judgment_report"] == "judgment_served"


# --- 第二十八条：立卷归档 --------------------------------------------------------------

def test_di28tiao_archive_30_days_after_judgment_served():
    d = gov(events={"judgment_served": "2026-05-20"})
    a = deadline(d, "archive")
    assert a.due == date(2026, 6, 22)  # 06-19 is the Dragon Boat Festival
    assert (a.rule, a.amount, a.start) == ("calendar_days", 30, "judgment_served")
    assert a.basis.article == "第二十八条"
    assert deadline(dept(events={"judgment_served": "2026-05-20"}), "archive").due == date(2026, 6, 22)


def test_di28tiao_archive_pending_without_judgment():
    assert pending_ids(dept(events={"served": "2026-03-02"}))["archive"] == "judgment_served"


def test_appeal_from_the_statute():
    d = gov(events={"judgment_served": "2026-05-20"}, outcome={"document": "judgment", "dispositions": ["revoked"]})
    assert deadline(d, "appeal").due == date(2026, 6, 4)


# --- 败诉：本办法未界定，适用默认定义 ------------------------------------------------------

@pytest.mark.parametrize(
    "dispositions, is_loss",
    [(["revoked"], True), (["confirmed_illegal"], True), (["modified"], True), (["compensation"], True),
     (["claims_dismissed"], False)],
)
def test_loss_default_definition(dispositions, is_loss):
    d = gov(outcome={"document": "judgment", "dispositions": dispositions})
    assert d.loss.is_loss is is_loss
    assert d.loss.definition.value == "default"
    assert d.loss.basis and d.loss.basis[0].ruleset == "national"


def test_loss_suit_dismissed_by_ruling_is_not_a_loss():
    d = gov(outcome={"document": "ruling", "dispositions": ["suit_dismissed"]})
    assert d.loss.is_loss is False
    assert d.loss.definition.value == "default"


def test_loss_withdrawal_is_not_a_loss_and_no_outcome_is_unknown():
    assert gov(outcome={"document": "withdrawal"}).loss.is_loss is False
    none = gov()
    assert none.loss.is_loss is None
    assert none.loss.definition.value == "default"


# --- 应诉工作承办单位的边界情形（第十二条、第二十五条；行政诉讼法第二十六条） -----------------------

def test_di12tiao_1_inaction_with_a_known_responsible_unit_goes_to_that_unit():
    d = gov(act={"inaction": True, "responsible_unit": "德州市生态环境局"})
    assert units(d) == [("responsible_unit", "lead", "whole")] and names(d) == ["德州市生态环境局"]
    assert items(d.undertaking.basis) == [("第十二条", "（一）")]


def test_di12tiao_3_inaction_without_a_responsible_unit_is_unclear():
    d = gov(act={"inaction": True})
    assert [r.value for r in d.undertaking.designated_by] == ["government_office", "justice_bureau"]


def test_di12tiao_1_entrusted_company_never_undertakes_the_entrusting_agency_does():
    d = decide(CITY, defendant={"kind": "department", "name": "德州市城市管理局"},
               act={"maker": "德州某环卫服务有限公司", "maker_kind": "entrusted_org"})
    assert units(d) == [("defendant", "lead", "whole")] and names(d) == ["德州市城市管理局"]
    assert d.undertaking.basis[-1].article == "第二十六条"


def test_di12tiao_abolished_maker_gives_its_place_to_the_successor_with_a_warning():
    d = gov(act={"maker": "德州市旧城改造指挥部", "maker_abolished": True, "successor": "德州市住房和城乡建设局"})
    assert units(d) == [("successor", "lead", "whole")] and names(d) == ["德州市住房和城乡建设局"]
    assert "德州市旧城改造指挥部" not in names(d)
    assert any("未规定" in w and "撤销" in w for w in d.warnings)


def test_di12tiao_3_abolished_maker_without_a_successor_is_unclear():
    d = gov(reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
            act={"maker": "德州市旧城改造指挥部", "maker_abolished": True})
    assert units(d) == [("justice_bureau", "joint", "reconsideration")]
    assert [r.value for r in d.undertaking.designated_by] == ["government_office", "justice_bureau"]


def test_di25tiao_agency_appeal_keeps_both_co_defendant_units():
    d = gov(reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
            act={"maker": "德州市住房和城乡建设局"},
            proceeding={"instance": "second", "appellant": "agency", "first_instance_undertaker": "德州市城市管理局"})
    assert units(d) == [("first_instance_undertaker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert names(d) == ["德州市城市管理局", "市司法局"]


def test_di25tiao_agency_retrial_application_is_filed_by_the_first_instance_undertaker():
    d = gov(act={"maker": "德州市住房和城乡建设局"},
            proceeding={"instance": "retrial", "appellant": "agency", "first_instance_undertaker": "德州市城市管理局"})
    assert names(d) == ["德州市城市管理局"]
    assert articles(d.undertaking.basis) == ["第十二条", "第二十五条"]
