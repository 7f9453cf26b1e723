"""洛阳市偃师区行政应诉工作规范（规范）和负责人出庭应诉工作细则（细则）, article by article."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import articles, deadline, decide, units
from yingsu.calendar import default_calendar
from yingsu.rulesets import get_ruleset

CITY = "yanshi"
GOV = {"kind": "government", "name": "洛阳市偃师区人民政府"}
DEPT = {"kind": "department", "name": "偃师区市场监督管理局"}
TOWN = {"kind": "township", "name": "偃师区首阳山街道办事处"}
COURT_WRITTEN = [{"by": "court", "written": True}]


def basis(citations):
    """(document, article, item) of each citation."""
    return [(c.document, c.article, c.item) for c in citations]


def ids(decision):
    return {x.id for x in decision.deadlines}


# --- the ruleset: two documents, metadata, coverage ------------------------------------------

def test_two_documents_are_split_into_their_articles():
    src = get_ruleset(CITY).source
    assert src.article_names("规范") == [f"第{n}条" for n in _chinese(1, 32)]
    assert src.article_names("细则") == [f"第{n}条" for n in _chinese(1, 21)]
    # the same heading in the two documents is two different articles
    assert src.article("第七条", "规范").startswith("第七条 被诉行政行为承办机关")
    assert src.article("第七条", "细则").startswith("第七条 被诉行政机关委托的组织")


def test_every_article_of_both_documents_has_rules_or_a_reason():
    rs = get_ruleset(CITY)
    encoded = {(r.document, r.article) for r in rs.rules}
    for doc in ("规范", "细则"):
        for art in rs.source.article_names(doc):
            assert (doc, art) in encoded or (doc, art) in rs.articles, (doc, art)
    assert "周期性义务" in rs.articles[("规范", "第二十七条")]


def test_every_rule_cites_its_document():
    for rule in get_ruleset(CITY).rules:
        assert rule.document in ("规范", "细则"), rule.id
        assert rule.id.startswith("yanshi.") and ("guifan" in rule.id) == (rule.document == "规范"), rule.id


def test_header_and_in_force():
    d = decide(CITY, events={"served": "2026-03-02"})
    assert d.ruleset.id == "yanshi"
    assert d.ruleset.number == "偃政办〔2023〕6号"
    assert d.ruleset.title == "洛阳市偃师区行政应诉工作规范；洛阳市偃师区行政机关负责人出庭应诉工作细则"
    assert d.ruleset.effective_from == date(2023, 3, 29) and d.ruleset.effective_to is None
    assert d.ruleset.in_force is True
    before = decide(CITY, events={"served": "2023-03-28"})
    assert before.ruleset.in_force is False
    assert any("不在施行期间" in w for w in before.warnings)


def _chinese(first, last):
    digits = "一二三四五六七八九"
    out = []
    for n in range(first, last + 1):
        tens, ones = divmod(n, 10)
        s = ("" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")) + (digits[ones - 1] if ones else "")
        out.append(s)
    return out


# --- 规范第二条：适用范围 -----------------------------------------------------------------------

def test_guifan_di2tiao_a_city_level_defendant_is_outside_the_district_ordinance():
    d = decide(CITY, defendant={"kind": "department", "level": "city"})
    assert any("不是本区行政机关" in w for w in d.warnings)
    assert "yanshi.notice.guifan-2.outside-district" in d.trace


def test_guifan_di2tiao_district_agencies_get_no_warning():
    d = decide(CITY, defendant=DEPT)
    assert not any("不是本区行政机关" in w for w in d.warnings)


# --- 规范第七条：被诉行政行为承办机关是承办单位 ------------------------------------------------

def test_guifan_di7tiao_a_department_defends_its_own_act():
    d = decide(CITY, defendant=DEPT)
    assert units(d) == [("defendant", "lead", "whole")]
    assert d.undertaking.units[0].name == "偃师区市场监督管理局"
    assert basis(d.undertaking.basis) == [("规范", "第七条", None)]
    assert d.undertaking.designated_by == []


def test_guifan_di7tiao_the_unit_that_handled_the_act_undertakes():
    d = decide(CITY, defendant=TOWN, act={"maker": "首阳山街道综合行政执法大队"})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert d.undertaking.units[0].name == "首阳山街道综合行政执法大队"
    assert d.undertaking.basis[0].quote == "被诉行政行为承办机关或者机构是行政应诉承办单位，承担具体应诉责任"


def test_guifan_di7tiao_government_act_by_a_unit_not_listed_in_di10tiao():
    # a management committee acting in the government's name is not among 第十条's list
    d = decide(CITY, defendant=GOV, act={"maker": "偃师区产业集聚区管委会", "maker_kind": "management_committee"})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert basis(d.undertaking.basis) == [("规范", "第七条", None)]


# --- 规范第九条（二）：承办单位无法从案件确定 ----------------------------------------------------

def test_guifan_di9tiao_2_government_case_without_a_known_handler_is_decided_by_the_government():
    d = decide(CITY, defendant=GOV)
    assert d.undertaking.units == []
    assert [r.value for r in d.undertaking.designated_by] == ["government"]
    assert basis(d.undertaking.basis) == [("规范", "第九条", "（二）")]
    assert "行政应诉工作机构" in d.undertaking.basis[0].note


def test_guifan_di9tiao_2_not_when_the_handler_is_known():
    d = decide(CITY, defendant=GOV, act={"maker": "偃师区自然资源局", "maker_kind": "department"})
    assert d.undertaking.designated_by == []
    assert articles(d.undertaking.basis) == ["第十条"]


# --- 规范第十条：以区人民政府为被告 --------------------------------------------------------------

def test_guifan_di10tiao_reconsideration_case_goes_to_the_reconsideration_body():
    d = decide(CITY, defendant=GOV, reconsideration={"outcome": "upheld"})
    assert units(d) == [("reconsideration_body", "lead", "whole")]
    assert d.undertaking.units[0].name == "区人民政府行政复议机构"
    assert basis(d.undertaking.basis) == [("规范", "第十条", None)]


def test_guifan_di10tiao_sole_defendant_reconsideration_body_leads_and_maker_supports():
    d = decide(
        CITY,
        defendant=GOV,
        reconsideration={"government_role": "sole_defendant", "outcome": "changed"},
        act={"maker": "偃师区人力资源和社会保障局"},
    )
    assert units(d) == [("reconsideration_body", "lead", "whole"), ("act_maker", "support", "whole")]
    assert [u.name for u in d.undertaking.units] == ["区人民政府行政复议机构", "偃师区人力资源和社会保障局"]
    assert [c.rule for c in d.undertaking.basis] == [
        "yanshi.undertaking.guifan-10.reconsideration",
        "yanshi.undertaking.guifan-10.sole-defendant-maker-supports",
    ]
    assert "积极配合" in d.undertaking.basis[1].quote


def test_guifan_di10tiao_co_defendant_reconsideration_body_and_maker_jointly():
    d = decide(
        CITY,
        defendant=GOV,
        reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
        act={"maker": "偃师区住房和城乡建设局"},
    )
    assert units(d) == [("act_maker", "joint", "original_act"), ("reconsideration_body", "joint", "reconsideration")]
    assert [u.name for u in d.undertaking.units] == ["偃师区住房和城乡建设局", "区人民政府行政复议机构"]
    assert [c.rule for c in d.undertaking.basis] == ["yanshi.undertaking.guifan-10.co-defendant"]


def test_guifan_di10tiao_co_defendant_without_a_named_maker_uses_the_ordinance_wording():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant"})
    assert d.undertaking.units[0].name == "作出原行政行为的行政机关"


def test_guifan_di10tiao_act_in_the_government_name_goes_to_that_agency():
    for kind in ("township", "department", "entrusted_org"):
        d = decide(CITY, defendant=GOV,
                   act={"maker": "偃师区城市管理局", "maker_kind": kind, "in_government_name": True})
        assert units(d) == [("act_maker", "lead", "whole")], kind
        assert d.undertaking.units[0].name == "偃师区城市管理局"
        assert d.undertaking.basis[0].rule == "yanshi.undertaking.guifan-10.in-government-name", kind


def test_guifan_di10tiao_not_in_the_government_name_falls_back_to_di7tiao():
    d = decide(CITY, defendant=GOV, act={"maker": "偃师区城市管理局", "in_government_name": False})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert d.undertaking.basis[0].rule == "yanshi.undertaking.guifan-7.act-handler"


def test_guifan_di10tiao_two_departments_lead_and_co_undertakers():
    d = decide(
        CITY,
        defendant=GOV,
        act={"maker": "偃师区自然资源局", "departments": ["偃师区自然资源局", "偃师区住房和城乡建设局", "偃师区城市管理局"],
             "lead_department": "偃师区自然资源局", "lead_has_duty": False},
    )
    assert units(d) == [("lead_department", "lead", "whole"), ("co_department", "co", "whole"),
                        ("co_department", "co", "whole")]
    assert [u.name for u in d.undertaking.units] == ["偃师区自然资源局", "偃师区住房和城乡建设局", "偃师区城市管理局"]
    assert d.undertaking.basis[0].rule == "yanshi.undertaking.guifan-10.lead-department"


def test_guifan_di10tiao_unclear_lead_the_government_decides():
    d = decide(CITY, defendant=GOV, act={"departments": ["偃师区水利局", "偃师区农业农村局"]})
    assert d.undertaking.units == []
    assert [r.value for r in d.undertaking.designated_by] == ["government"]
    assert d.undertaking.basis[0].rule == "yanshi.undertaking.guifan-10.lead-unclear"
    assert "报告" in d.undertaking.basis[0].note


def test_guifan_di10tiao_reconsideration_comes_before_the_joint_act_rule():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant"},
               act={"departments": ["偃师区水利局", "偃师区农业农村局"]})
    assert units(d)[0] == ("reconsideration_body", "lead", "whole")


def test_guifan_di10tiao_only_for_the_district_government():
    d = decide(CITY, defendant=DEPT, act={"maker": "偃师区市场监督管理局执法大队", "in_government_name": True})
    assert d.undertaking.basis[0].rule == "yanshi.undertaking.guifan-7.act-handler"


# --- 规范第十一条：转送 --------------------------------------------------------------------------

def test_guifan_di11tiao_transfer_within_2_working_days_over_the_spring_festival():
    d = decide(CITY, defendant=GOV, act={"maker": "偃师区教育局"}, events={"served": "2026-02-13"})
    t = deadline(d, "transfer")
    # 02-14 is a make-up working Saturday (1); 02-15..02-23 rest; 02-24 (2)
    assert t.due == date(2026, 2, 24)
    assert (t.rule, t.amount, t.start) == ("working_days", 2, "served")
    assert (t.basis.document, t.basis.article) == ("规范", "第十一条")


def test_guifan_di11tiao_transfer_over_qingming():
    d = decide(CITY, defendant=GOV, events={"served": "2026-04-03"})
    # 04-04..04-06 rest: 04-07 (1), 04-08 (2)
    assert deadline(d, "transfer").due == date(2026, 4, 8)
    # answer (national 第六十七条): 04-18 is a Saturday -> Monday 04-20
    assert deadline(d, "answer").due == date(2026, 4, 20)


def test_guifan_di11tiao_no_transfer_when_the_reconsideration_body_handles_it_itself():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant"},
               events={"served": "2026-03-02"})
    assert "transfer" not in ids(d)
    assert deadline(d, "answer").due == date(2026, 3, 17)


def test_guifan_di11tiao_no_transfer_for_a_department_defendant():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02"})
    assert "transfer" not in ids(d)


def test_guifan_di11tiao_pending_without_a_served_date():
    d = decide(CITY, defendant=GOV)
    waits = {p.id: p.waits_for for p in d.pending}
    assert waits["transfer"] == "served" and waits["answer"] == "served"
    assert d.deadlines == []


# --- 规范第十七条（四）：再审建议 ---------------------------------------------------------------

def test_guifan_di17tiao_4_retrial_proposal_within_10_days_of_a_final_judgment():
    d = decide(CITY, defendant=DEPT, proceeding={"instance": "second"},
               events={"served": "2026-03-02", "judgment_served": "2026-05-20", "judgment_effective": "2026-05-20"},
               outcome={"document": "judgment", "dispositions": ["revoked"]})
    p = deadline(d, "retrial_proposal")
    # 05-30 is a Saturday -> Monday 06-01
    assert p.due == date(2026, 6, 1)
    assert (p.rule, p.amount, p.start) == ("calendar_days", 10, "judgment_served")
    assert (p.basis.document, p.basis.article, p.basis.item) == ("规范", "第十七条", "（四）")
    assert deadline(d, "retrial").due == date(2026, 11, 20)  # national: six months after it took effect
    assert "appeal" not in ids(d)  # a second-instance judgment is final


def test_guifan_di17tiao_4_also_after_a_retrial_judgment():
    d = decide(CITY, defendant=DEPT, proceeding={"instance": "retrial"}, events={"judgment_served": "2026-06-10"})
    assert deadline(d, "retrial_proposal").due == date(2026, 6, 22)  # 06-20 Sat -> 06-22 Mon


def test_guifan_di17tiao_4_not_for_a_first_instance_judgment():
    d = decide(CITY, defendant=DEPT, proceeding={"instance": "first"},
               events={"served": "2026-03-02", "judgment_served": "2026-05-20"},
               outcome={"document": "judgment", "dispositions": ["revoked"]})
    assert "retrial_proposal" not in ids(d)
    assert deadline(d, "appeal").due == date(2026, 6, 4)


def test_guifan_di17tiao_4_pending_until_the_judgment_is_served():
    d = decide(CITY, defendant=DEPT, proceeding={"instance": "second"})
    assert {p.id: p.waits_for for p in d.pending}["retrial_proposal"] == "judgment_served"


# --- 规范第二十条：裁判文书反馈 ------------------------------------------------------------------

def test_guifan_di20tiao_judgment_report_5_days_over_the_national_day():
    d = decide(CITY, defendant=GOV, events={"served": "2026-06-01", "judgment_served": "2026-09-28"},
               outcome={"document": "judgment", "dispositions": ["claims_dismissed"]})
    r = deadline(d, "judgment_report")
    # 09-28 + 5 = 10-03, in the National Day rest (10-01..10-07) -> 10-08
    assert r.due == date(2026, 10, 8)
    assert (r.rule, r.amount, r.start) == ("calendar_days", 5, "judgment_served")
    assert (r.basis.document, r.basis.article) == ("规范", "第二十条")


def test_guifan_di20tiao_only_when_the_government_is_sued():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-06-01", "judgment_served": "2026-09-28"})
    assert "judgment_report" not in ids(d)


# --- 规范第二十七条：季度统计是周期性义务 -------------------------------------------------------

def test_guifan_di27tiao_quarterly_statistics_are_not_a_case_deadline():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02", "judgment_served": "2026-05-20"})
    assert all(x.basis.article != "第二十七条" for x in d.deadlines)


# --- 规范第三十条：二审、再审 -------------------------------------------------------------------

def test_guifan_di30tiao_second_instance_is_handled_under_the_same_rules():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant"},
               proceeding={"instance": "second", "first_instance_undertaker": "偃师区司法局"})
    assert units(d) == [("reconsideration_body", "lead", "whole"), ("act_maker", "support", "whole")]
    assert any("二审、再审案件按照本规范办理" in w for w in d.warnings)
    assert "yanshi.notice.guifan-30.appeal-and-retrial" in d.trace


def test_guifan_di30tiao_no_notice_at_first_instance():
    d = decide(CITY, defendant=GOV, proceeding={"instance": "first"})
    assert not any("二审、再审" in w for w in d.warnings)


# --- 细则第三条：不适用本细则的案件 --------------------------------------------------------------

@pytest.mark.parametrize("session", ["not_accepted", "none", "inquiry"])
def test_xize_di3tiao_no_trial_or_inquiry_is_not_applicable(session):
    d = decide(CITY, defendant=DEPT, proceeding={"session": session},
               circumstances=["major_public_interest"], principal_requests=COURT_WRITTEN)
    assert d.appearance.level.value == "not_applicable"
    assert d.appearance.basis[0].rule == "yanshi.appearance.xize-3.excluded"
    assert (d.appearance.basis[0].document, d.appearance.basis[0].article) == ("细则", "第三条")


@pytest.mark.parametrize("session", ["trial", "evidence_exchange", "hearing"])
def test_xize_di3tiao_trial_and_other_sessions_are_covered(session):
    d = decide(CITY, defendant=DEPT, proceeding={"session": session})
    assert d.appearance.level.value == "default"


# --- 细则第五条、第十条：一般情形 ----------------------------------------------------------------

def test_xize_di10tiao_ordinary_case_principal_appears_or_entrusts_staff():
    d = decide(CITY, defendant=DEPT, proceeding={"session": "trial"})
    assert d.appearance.level.value == "default"
    assert d.appearance.who.startswith("被诉行政机关负责人")
    assert d.appearance.basis[0].rule == "yanshi.appearance.xize-10.duty"
    # the national 行政诉讼法第三条 agrees and is cited after it
    assert [c.ruleset for c in d.appearance.basis] == ["yanshi", "national"]


def test_xize_di5tiao_district_government_principal_includes_deputy_county_leader():
    d = decide(CITY, defendant=GOV, proceeding={"session": "trial"})
    assert d.appearance.level.value == "default"
    assert "副县级领导" in d.appearance.who
    # 第五条 only says who may appear: it names who, and the duty is cited from 第十条
    assert d.appearance.who_basis.rule == "yanshi.appearance.xize-5.district-government"
    assert basis(d.appearance.basis)[0] == ("细则", "第十条", None)
    assert basis(d.appearance.basis)[-1] == ("细则", "第五条", None)


def test_xize_di5tiao_sets_no_level_of_its_own():
    rule = next(r for r in get_ruleset(CITY).rules if r.id == "yanshi.appearance.xize-5.district-government")
    assert rule.then[0] is None  # who only
    # with a mandatory appearance under 第十一条 the district government's principals are still named by 第五条
    d = decide(CITY, defendant=GOV, circumstances=["major_public_interest"], principal_requests=COURT_WRITTEN)
    assert d.appearance.level.value == "principal"
    assert basis(d.appearance.basis)[0] == ("细则", "第十一条", "（一）")
    assert "副县级领导" in d.appearance.who


# --- 细则第七条：复议机关与原行为机关为共同被告 --------------------------------------------------

def test_xize_di7tiao_co_defendant_the_original_makers_principal_appears():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "偃师区住房和城乡建设局"})
    assert d.appearance.level.value == "default"
    assert d.appearance.who == "作出原行政行为的行政机关负责人"
    # the level comes from the general duty (第十条); 第七条 names who appears, not 第五条
    assert basis(d.appearance.basis)[0] == ("细则", "第十条", None)
    assert "第五条" not in articles(d.appearance.basis)
    assert basis(d.appearance.basis)[-1] == ("细则", "第七条", None)


def test_xize_di7tiao_names_who_even_when_di11tiao_makes_appearance_mandatory():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               circumstances=["major_public_interest"], principal_requests=[{"by": "court", "written": True}],
               proceeding={"session": "trial"})
    assert d.appearance.level.value == "principal"
    assert d.appearance.who == "作出原行政行为的行政机关负责人"
    assert [b[1] for b in basis(d.appearance.basis)] == ["第十一条", "第七条"]


def test_xize_di7tiao_names_nobody_when_there_is_no_session():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               proceeding={"session": "none"})
    assert d.appearance.level.value == "not_applicable"
    assert d.appearance.who is None


def test_xize_di7tiao_not_for_a_sole_defendant():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant"})
    assert d.appearance.who != "作出原行政行为的行政机关负责人"
    assert d.appearance.who_basis.article == "第五条"


# --- 细则第十条第三款：可以不出庭 --------------------------------------------------------------

def test_xize_di10tiao_simplified_procedure_notified_in_writing_is_exempt():
    d = decide(CITY, defendant=DEPT, proceeding={"procedure": "simple", "session": "trial"})
    assert d.appearance.level.value == "exempt"
    assert d.appearance.basis[0].rule == "yanshi.appearance.xize-10.exempt"


def test_xize_di10tiao_reconsideration_refused_as_inadmissible_is_exempt():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant", "outcome": "inadmissible"})
    assert d.appearance.level.value == "exempt"


def test_xize_di10tiao_ordinary_procedure_or_upheld_is_not_exempt():
    assert decide(CITY, defendant=DEPT, proceeding={"procedure": "ordinary"}).appearance.level.value == "default"
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"})
    assert d.appearance.level.value == "default"


def test_xize_di10tiao_exempt_but_no_session_is_not_applicable():
    d = decide(CITY, defendant=DEPT, proceeding={"procedure": "simple", "session": "none"})
    assert d.appearance.level.value == "not_applicable"


# --- 细则第十一条：情形之一且人民法院书面建议 ----------------------------------------------------

ITEMS = [
    ("（一）", {"circumstances": ["major_public_interest"]}),
    ("（二）", {"circumstances": ["high_social_concern"]}),
    ("（三）", {"proceeding": {"plaintiffs": 30}, "act": {"category": "collective_land_expropriation"}}),
    ("（四）", {"act": {"category": "production_suspension"}}),
    ("（五）", {"principal_requests": [{"by": "superior", "written": False}]}),
    ("（六）", {"circumstances": ["supreme_court_review"]}),
    ("（七）", {"proceeding": {"instance": "second", "first_instance_lost": True}}),
]


def _with_court(parts, written=True):
    parts = dict(parts)
    parts["principal_requests"] = list(parts.get("principal_requests", [])) + [{"by": "court", "written": written}]
    return parts


@pytest.mark.parametrize("item, parts", ITEMS, ids=[i for i, _ in ITEMS])
def test_xize_di11tiao_circumstance_and_written_court_suggestion_principal_must_appear(item, parts):
    d = decide(CITY, defendant=DEPT, **_with_court(parts))
    assert d.appearance.level.value == "principal"
    assert d.appearance.who == "被诉行政机关负责人"
    assert basis(d.appearance.basis)[0] == ("细则", "第十一条", item)


@pytest.mark.parametrize("item, parts", ITEMS, ids=[i for i, _ in ITEMS])
def test_xize_di11tiao_circumstance_without_a_written_court_suggestion_is_not_enough(item, parts):
    assert decide(CITY, defendant=DEPT, **parts).appearance.level.value == "default"
    assert decide(CITY, defendant=DEPT, **_with_court(parts, written=False)).appearance.level.value == "default"


def test_xize_di11tiao_written_court_suggestion_without_a_circumstance_is_not_enough():
    d = decide(CITY, defendant=DEPT, principal_requests=COURT_WRITTEN, circumstances=["major_social_impact"])
    assert d.appearance.level.value == "default"


def test_xize_di11tiao_mandatory_appearance_outranks_the_simplified_procedure_exemption():
    d = decide(CITY, defendant=DEPT, proceeding={"procedure": "simple"},
               circumstances=["high_social_concern"], principal_requests=COURT_WRITTEN)
    assert d.appearance.level.value == "principal"
    assert d.appearance.basis[0].item == "（二）"


def test_xize_di11tiao_3_thirty_plaintiffs_in_a_listed_kind_of_case_need_no_separate_risk_finding():
    for category in ("collective_land_expropriation", "state_land_house_expropriation", "forced_demolition"):
        d = decide(CITY, defendant=DEPT, proceeding={"plaintiffs": 30}, act={"category": category},
                   principal_requests=COURT_WRITTEN)
        assert d.appearance.level.value == "principal", category
        assert d.appearance.basis[0].item == "（三）"


def test_xize_di11tiao_3_fewer_than_thirty_plaintiffs_is_not_item_3():
    for circumstances in ([], ["mass_incident_risk"]):
        d = decide(CITY, defendant=DEPT, proceeding={"plaintiffs": 29}, act={"category": "forced_demolition"},
                   circumstances=circumstances, principal_requests=COURT_WRITTEN)
        assert d.appearance.level.value == "default"


def test_xize_di11tiao_3_deng_opens_the_list_to_another_kind_with_a_risk_of_mass_incident():
    other = {"proceeding": {"plaintiffs": 45}, "act": {"category": "license_revocation"},
             "principal_requests": COURT_WRITTEN}
    assert decide(CITY, defendant=DEPT, **other).appearance.level.value == "default"
    d = decide(CITY, defendant=DEPT, circumstances=["mass_incident_risk"], **other)
    assert d.appearance.level.value == "principal"
    assert d.appearance.basis[0].item == "（三）"


def test_xize_di11tiao_3_still_needs_the_courts_written_suggestion():
    d = decide(CITY, defendant=DEPT, proceeding={"plaintiffs": 300}, act={"category": "forced_demolition"},
               circumstances=["mass_incident_risk"])
    assert d.appearance.level.value == "default"


@pytest.mark.parametrize("item, parts", ITEMS, ids=[i for i, _ in ITEMS])
def test_xize_di11tiao_citation_quotes_the_chapeau_and_the_item(item, parts):
    d = decide(CITY, defendant=DEPT, **_with_court(parts))
    c = d.appearance.basis[0]
    assert c.chapeau == "有下列情形之一，人民法院书面建议行政机关负责人出庭应诉的，被诉行政机关负责人应当出庭应诉"
    assert c.item == item
    article = get_ruleset(CITY).source.article("第十一条", "细则")
    assert c.chapeau in article and c.quote in article
    assert article.index(c.chapeau) < article.index(c.quote)
    assert c.wording.startswith(c.chapeau) and c.wording.endswith(item + c.quote)


def test_xize_di11tiao_4_licence_revocation_needs_a_loss_of_livelihood():
    court = {"principal_requests": COURT_WRITTEN}
    bare = decide(CITY, defendant=DEPT, act={"category": "license_revocation"}, **court)
    assert bare.appearance.level.value == "default"
    d = decide(CITY, defendant=DEPT, act={"category": "license_revocation"}, circumstances=["livelihood_loss"], **court)
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("principal", "（四）")


def test_xize_di11tiao_4_detention_needs_personal_liberty():
    court = {"principal_requests": COURT_WRITTEN}
    assert decide(CITY, defendant=DEPT, act={"category": "administrative_detention"},
                  **court).appearance.level.value == "default"
    d = decide(CITY, defendant=DEPT, act={"category": "administrative_detention"},
               circumstances=["personal_liberty"], **court)
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("principal", "（四）")


def test_xize_di11tiao_5_government_request_counts_but_the_courts_own_request_is_not_item_5():
    d = decide(CITY, defendant=DEPT, principal_requests=[{"by": "government"}, {"by": "court", "written": True}])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("principal", "（五）")
    only_court = decide(CITY, defendant=DEPT, principal_requests=COURT_WRITTEN)
    assert only_court.appearance.level.value == "default"


def test_xize_di11tiao_7_second_instance_needs_a_first_instance_loss():
    d = decide(CITY, defendant=DEPT, proceeding={"instance": "second", "first_instance_lost": False},
               principal_requests=COURT_WRITTEN)
    assert d.appearance.level.value == "default"


def test_xize_di11tiao_not_at_an_inquiry():
    d = decide(CITY, defendant=DEPT, proceeding={"session": "inquiry"},
               circumstances=["major_public_interest"], principal_requests=COURT_WRITTEN)
    assert d.appearance.level.value == "not_applicable"


# --- 细则第十六条：出庭案件备案 ------------------------------------------------------------------

def test_xize_di16tiao_appearance_record_5_working_days_over_may_day():
    d = decide(CITY, defendant=DEPT, principal_appeared=True,
               events={"served": "2026-01-05", "judgment_served": "2026-04-29"})
    r = deadline(d, "appearance_record")
    # 04-30 (1); 05-01..05-05 rest; 05-06 (2), 05-07 (3), 05-08 (4), 05-09 make-up Saturday (5)
    assert r.due == date(2026, 5, 9)
    assert default_calendar().is_working_day(date(2026, 5, 9))
    assert (r.rule, r.amount, r.start) == ("working_days", 5, "judgment_served")
    assert (r.basis.document, r.basis.article) == ("细则", "第十六条")


def test_xize_di16tiao_not_when_the_principal_did_not_appear():
    d = decide(CITY, defendant=DEPT, principal_appeared=False, events={"judgment_served": "2026-04-29"})
    assert "appearance_record" not in ids(d)


def test_xize_di16tiao_pending_until_the_judgment_is_served():
    d = decide(CITY, defendant=DEPT, principal_appeared=True)
    assert {p.id: p.waits_for for p in d.pending}["appearance_record"] == "judgment_served"


# --- 败诉：本市未界定，适用默认定义 ------------------------------------------------------------

def loss(*dispositions, document="judgment"):
    return decide(CITY, defendant=DEPT, outcome={"document": document, "dispositions": list(dispositions)}).loss


@pytest.mark.parametrize("disposition", ["revoked", "partially_revoked", "redo", "perform_duty", "payment",
                                         "confirmed_illegal", "void", "modified", "compensation"])
def test_loss_default_definition_losing_judgments(disposition):
    result = loss(disposition)
    assert result.is_loss is True
    assert result.definition.value == "default"
    assert result.basis[0].ruleset == "national"


def test_loss_default_definition_bare_confirmed_illegal_is_a_loss():
    assert loss("confirmed_illegal").is_loss is True


def test_loss_default_definition_non_losses():
    assert loss("claims_dismissed").is_loss is False
    assert loss("suit_dismissed", document="ruling").is_loss is False
    assert loss(document="withdrawal").is_loss is False
    assert loss(document="mediation").is_loss is False


def test_loss_no_outcome_yet():
    d = decide(CITY, defendant=DEPT)
    assert d.loss.is_loss is None and d.loss.definition.value == "default" and d.loss.basis == []


# --- 一个完整的案件 --------------------------------------------------------------------------

def test_a_whole_government_case():
    d = decide(
        CITY,
        defendant=GOV,
        act={"maker": "偃师区自然资源局", "maker_kind": "department", "in_government_name": True,
             "category": "collective_land_expropriation"},
        proceeding={"instance": "first", "session": "trial", "plaintiffs": 35},
        circumstances=["mass_incident_risk"],
        principal_requests=COURT_WRITTEN,
        principal_appeared=True,
        events={"served": "2026-03-02", "hearing": "2026-04-15", "judgment_served": "2026-05-20"},
        outcome={"document": "judgment", "dispositions": ["revoked"]},
    )
    assert units(d) == [("act_maker", "lead", "whole")]
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("principal", "（三）")
    due = {x.id: x.due for x in d.deadlines}
    assert due == {
        "answer": date(2026, 3, 17),
        "transfer": date(2026, 3, 4),
        "appeal": date(2026, 6, 4),
        "judgment_report": date(2026, 5, 25),
        "appearance_record": date(2026, 5, 27),
    }
    assert {p.id for p in d.pending} == {"retrial"}
    assert d.loss.is_loss is True and d.loss.definition.value == "default"


# --- 承办单位的边界情形（规范第七条、第九条、第十条；行政诉讼法第二十六条） ---------------------------

def names(d):
    return [u.name for u in d.undertaking.units]


def test_guifan_di7tiao_inaction_with_a_known_responsible_unit_goes_to_that_unit():
    d = decide(CITY, defendant=GOV, act={"inaction": True, "responsible_unit": "偃师区城市管理局"})
    assert units(d) == [("responsible_unit", "lead", "whole")] and names(d) == ["偃师区城市管理局"]
    assert articles(d.undertaking.basis) == ["第七条"]


def test_guifan_di7tiao_department_inaction_goes_to_its_responsible_office():
    d = decide(CITY, defendant=DEPT, act={"inaction": True, "responsible_unit": "偃师区市场监督管理局执法大队"})
    assert names(d) == ["偃师区市场监督管理局执法大队"]


def test_guifan_di10tiao_entrusted_organisation_in_the_governments_name_undertakes_itself():
    d = decide(CITY, defendant=GOV, act={"maker": "偃师某拆迁服务公司", "maker_kind": "entrusted_org"})
    assert names(d) == ["偃师某拆迁服务公司"]
    assert d.undertaking.basis[0].rule == "yanshi.undertaking.guifan-10.in-government-name"


def test_guifan_di7tiao_entrusted_organisation_of_a_department_gives_way_to_the_department():
    d = decide(CITY, defendant=DEPT, act={"maker": "偃师某检测公司", "maker_kind": "entrusted_org"})
    assert units(d) == [("defendant", "lead", "whole")] and names(d) == ["偃师区市场监督管理局"]
    assert [c.article for c in d.undertaking.basis] == ["第七条", "第二十六条"]


def test_guifan_di10tiao_abolished_maker_gives_its_place_to_the_successor_with_a_warning():
    d = decide(CITY, defendant=GOV, act={"maker": "偃师区城市建设指挥部", "maker_abolished": True,
                                         "successor": "偃师区住房和城乡建设局"})
    assert units(d) == [("successor", "lead", "whole")] and names(d) == ["偃师区住房和城乡建设局"]
    assert any("未规定" in w and "撤销" in w for w in d.warnings)


def test_guifan_di9tiao_2_abolished_maker_without_a_successor_is_left_to_the_response_office():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "偃师区城市建设指挥部", "maker_abolished": True})
    assert units(d) == [("reconsideration_body", "joint", "reconsideration")]
    assert [r.value for r in d.undertaking.designated_by] == ["government"]
