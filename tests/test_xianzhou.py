"""新洲区行政机关行政应诉工作管理办法（试行）, article by article."""
from __future__ import annotations

from datetime import date

from conftest import articles, deadline, decide, units
from yingsu.rulesets import get_ruleset

CITY = "xianzhou"
GOV = {"kind": "government", "name": "武汉市新洲区人民政府"}
DEPT = {"kind": "department", "name": "新洲区市场监督管理局"}


# --- 第八条、第九条：应诉责任机关 ------------------------------------------------------------

def test_di8tiao_a_department_defends_its_own_act():
    d = decide(CITY, defendant=DEPT)
    assert units(d) == [("defendant", "lead", "whole")]
    assert d.undertaking.units[0].name == "新洲区市场监督管理局"
    assert articles(d.undertaking.basis) == ["第八条"]


def test_di9tiao_1_sole_defendant_after_reconsideration_is_the_justice_bureau():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant", "outcome": "changed"})
    assert units(d) == [("justice_bureau", "lead", "whole")]
    assert d.undertaking.units[0].name == "区司法局"
    assert d.undertaking.basis[0].item == "（一）"


def test_di9tiao_1_co_defendant_maker_and_justice_bureau_each_answer_for_their_part():
    d = decide(
        CITY,
        defendant=GOV,
        reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
        act={"maker": "区城市管理执法局"},
    )
    assert units(d) == [("act_maker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert [u.name for u in d.undertaking.units] == ["区城市管理执法局", "区司法局"]


def test_di9tiao_2_identified_implementing_department():
    d = decide(CITY, defendant=GOV, act={"maker": "区农业农村局", "in_government_name": True})
    assert units(d) == [("act_maker", "lead", "whole")]
    assert d.undertaking.units[0].name == "区农业农村局"
    assert d.undertaking.basis[0].quote == "能够确定具体实施部门的，该具体实施部门为应诉责任机关"


def test_di9tiao_2_unidentified_implementing_department_is_the_justice_bureau():
    d = decide(CITY, defendant=GOV, act={"in_government_name": True})
    assert units(d) == [("justice_bureau", "lead", "whole")]
    assert d.undertaking.basis[0].quote == "无法确定具体实施部门的，区司法局为应诉责任机关"


def test_di9tiao_2_state_land_expropriation_goes_to_the_functional_department():
    d = decide(CITY, defendant=GOV, act={"maker": "区住房和城乡建设局", "category": "state_land_house_expropriation"})
    assert units(d) == [("functional_department", "lead", "whole")]
    assert d.undertaking.units[0].name == "区住房和城乡建设局"


def test_di9tiao_2_collective_land_expropriation_goes_to_the_township():
    d = decide(CITY, defendant=GOV, act={"category": "collective_land_expropriation"})
    assert units(d) == [("township", "lead", "whole")]
    assert d.undertaking.units[0].name == "相关街镇"


def test_di9tiao_2_information_disclosure_goes_to_the_handling_agency():
    d = decide(CITY, defendant=GOV, act={"maker": "区政务服务和大数据管理局", "category": "information_disclosure"})
    assert units(d) == [("disclosure_handler", "lead", "whole")]


def test_di9tiao_2_category_rule_does_not_override_reconsideration():
    d = decide(
        CITY,
        defendant=GOV,
        reconsideration={"government_role": "sole_defendant", "outcome": "changed"},
        act={"category": "information_disclosure"},
    )
    assert units(d) == [("justice_bureau", "lead", "whole")]


def test_di9tiao_3_joint_act_goes_to_the_lead_department():
    d = decide(
        CITY,
        defendant=GOV,
        act={"maker": "区自然资源和规划局", "departments": ["区自然资源和规划局", "区住房和城乡建设局"],
             "lead_department": "区自然资源和规划局", "lead_has_duty": True},
    )
    assert units(d) == [("lead_department", "lead", "whole")]
    assert d.undertaking.units[0].name == "区自然资源和规划局"


def test_di9tiao_3_lead_without_duty_means_the_justice_bureau_designates():
    d = decide(
        CITY,
        defendant=GOV,
        act={"departments": ["区自然资源和规划局", "区住房和城乡建设局"],
             "lead_department": "区自然资源和规划局", "lead_has_duty": False},
    )
    assert d.undertaking.units == []
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau"]


def test_di9tiao_3_unclear_lead_means_the_justice_bureau_designates():
    d = decide(CITY, defendant=GOV, act={"departments": ["区水务和湖泊局", "区住房和城乡建设局"]})
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau"]


def test_di9tiao_4_second_instance_stays_with_the_first_instance_undertaker():
    d = decide(
        CITY,
        defendant=GOV,
        reconsideration={"government_role": "sole_defendant", "outcome": "changed"},
        proceeding={"instance": "second", "first_instance_undertaker": "区司法局行政应诉科"},
    )
    assert units(d) == [("first_instance_undertaker", "lead", "whole")]
    assert d.undertaking.units[0].name == "区司法局行政应诉科"
    assert [c.item for c in d.undertaking.basis] == ["（一）", "（四）"]


# --- 第十条：转送与内部审核 -------------------------------------------------------------------

def test_di10tiao_transfer_within_2_working_days_over_the_national_day_holiday():
    d = decide(CITY, defendant=GOV, events={"served": "2026-09-30"})
    # 10-01..10-07 rest; 10-08 (Thu) and 10-09 (Fri) are the two working days
    assert deadline(d, "transfer").due == date(2026, 10, 9)
    assert deadline(d, "transfer").rule == "working_days"


def test_di10tiao_internal_review_5_working_days_before_the_answer_deadline():
    d = decide(CITY, defendant=GOV, events={"served": "2026-09-28"})
    assert deadline(d, "answer").due == date(2026, 10, 13)
    # working days before 10-13: 10-12, 10-10 (make-up Saturday), 10-09, 10-08, 09-30
    assert deadline(d, "internal_review").due == date(2026, 9, 30)
    assert deadline(d, "internal_review").start == "answer"


def test_di10tiao_applies_only_when_the_district_government_is_sued():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-09-28"})
    assert {x.id for x in d.deadlines} >= {"answer", "filing_on_service"}
    assert not {"transfer", "internal_review"} & {x.id for x in d.deadlines}


def test_di10tiao_pending_without_a_served_date():
    d = decide(CITY, defendant=GOV)
    waits = {p.id: p.waits_for for p in d.pending}
    assert waits["transfer"] == "served"
    assert waits["internal_review"] == "served"  # waits for what its anchor waits for
    assert d.deadlines == []


# --- 第十二条至第十四条：负责人出庭 ---------------------------------------------------------


def test_di10tiao_internal_review_is_a_first_instance_duty_not_pending_at_second_instance():
    for instance in ("second", "retrial"):
        d = decide(CITY, defendant=GOV, proceeding={"instance": instance},
                   events={"served": "2026-09-28", "judgment_served": "2026-11-02"})
        assert "internal_review" not in {x.id for x in d.deadlines} | {p.id for p in d.pending}, instance
        assert "answer" not in {x.id for x in d.deadlines}
    first = decide(CITY, defendant=GOV, proceeding={"instance": "first"}, events={"served": "2026-09-28"})
    assert deadline(first, "internal_review").due == date(2026, 9, 30)

def test_di12tiao_district_government_ordinarily_sends_the_deputy_district_leader():
    d = decide(CITY, defendant=GOV, proceeding={"session": "trial"})
    assert d.appearance.level.value == "default"
    assert d.appearance.who.startswith("分管区领导")
    assert articles(d.appearance.basis)[0] == "第十二条"


def test_di13tiao_1_expropriation_with_high_social_concern_needs_the_head():
    d = decide(CITY, defendant=DEPT, act={"category": "collective_land_expropriation"},
               circumstances=["high_social_concern"], proceeding={"session": "trial"})
    assert d.appearance.level.value == "head"
    assert d.appearance.basis[0].item == "（一）"


def test_di13tiao_1_expropriation_alone_is_not_enough():
    d = decide(CITY, defendant=DEPT, act={"category": "collective_land_expropriation"})
    assert d.appearance.level.value == "default"


def test_di13tiao_2_natural_resource_rights_with_major_impact():
    d = decide(CITY, defendant=DEPT, act={"category": "natural_resource_rights"}, circumstances=["major_social_impact"])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("head", "（二）")


def test_di13tiao_3_major_foreign_related_case():
    d = decide(CITY, defendant=DEPT, circumstances=["foreign_related_major"])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("head", "（三）")


def test_di13tiao_4_court_asks_for_the_head():
    d = decide(CITY, defendant=DEPT, principal_requests=[{"by": "court", "rank": "head", "written": False}])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("head", "（四）")


def test_di13tiao_4_a_request_for_any_principal_is_not_a_request_for_the_head():
    d = decide(CITY, defendant=DEPT, principal_requests=[{"by": "court", "rank": "principal"}])
    assert d.appearance.level.value == "default"


def test_di13tiao_5_procuratorate_public_interest_suit():
    d = decide(CITY, defendant=DEPT, circumstances=["procuratorate_public_interest"])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("head", "（五）")


def test_di13tiao_6_petition_backlog_needs_major_impact_too():
    assert decide(CITY, defendant=DEPT, circumstances=["petition_backlog"]).appearance.level.value == "default"
    d = decide(CITY, defendant=DEPT, circumstances=["petition_backlog", "major_social_impact"])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("head", "（六）")


def test_di13tiao_7_head_required_by_law():
    d = decide(CITY, defendant=DEPT, circumstances=["head_required_by_law"])
    assert (d.appearance.level.value, d.appearance.basis[0].item) == ("head", "（七）")


def test_di13tiao_needs_a_trial_session():
    d = decide(CITY, defendant=DEPT, circumstances=["foreign_related_major"], proceeding={"session": "evidence_exchange"})
    assert d.appearance.level.value == "default"



def test_di13tiao_citation_quotes_the_chapeau_that_makes_the_head_appear():
    d = decide(CITY, defendant=DEPT, circumstances=["foreign_related_major"])
    c = d.appearance.basis[0]
    assert c.chapeau == "行政诉讼案件开庭审理有下列情形之一的，行政机关正职负责人应当出庭应诉"
    assert c.quote == "重大涉外案件"
    assert c.wording == "行政诉讼案件开庭审理有下列情形之一的，行政机关正职负责人应当出庭应诉……（三）重大涉外案件"

def test_di14tiao_first_trial_of_the_year_district_government_principal():
    d = decide(CITY, defendant=GOV, proceeding={"first_trial_of_year": True, "session": "trial"})
    assert d.appearance.level.value == "principal"
    assert d.appearance.who == "区政府正职负责人或其他分管负责人"


def test_di14tiao_first_trial_of_the_year_via_reconsideration_head_of_justice_bureau():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant", "outcome": "changed"},
               proceeding={"first_trial_of_year": True})
    assert d.appearance.level.value == "head"
    assert d.appearance.who == "区司法局正职负责人"



def test_di14tiao_the_but_clause_is_cited_with_the_first_trial_it_qualifies():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant", "outcome": "changed"},
               proceeding={"first_trial_of_year": True})
    c = d.appearance.basis[0]
    assert c.chapeau == "区政府作为被告的年度第一件开庭审理行政诉讼案件"
    assert c.quote.startswith("但经区政府行政复议后引起行政诉讼的")
    own = decide(CITY, defendant=GOV, proceeding={"first_trial_of_year": True}).appearance.basis[0]
    assert (own.chapeau, own.quote) == (c.chapeau, "区政府正职负责人或其他分管负责人应当出庭应诉")

def test_di14tiao_first_trial_of_the_year_departments_and_townships_head():
    for kind in ("department", "township", "management_committee", "authorized_org"):
        d = decide(CITY, defendant={"kind": kind}, proceeding={"first_trial_of_year": True})
        assert d.appearance.level.value == "head", kind
        assert articles(d.appearance.basis) == ["第十四条"]


def test_no_session_means_nothing_to_appear_at():
    for session in ("none", "not_accepted"):
        d = decide(CITY, defendant=GOV, proceeding={"session": session, "first_trial_of_year": True},
                   circumstances=["foreign_related_major"])
        assert d.appearance.level.value == "not_applicable"


# --- 第二十条、第二十四条、第三十二条：报告、归档、败诉调查 -----------------------------------

def test_di20tiao_copies_within_2_working_days_of_service():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-02-13"})
    # 02-14 is a make-up working Saturday; the next working day after it is 02-24
    assert deadline(d, "filing_on_service").due == date(2026, 2, 24)


def test_di20tiao_judgment_copy_within_2_working_days():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-01-05", "judgment_served": "2026-04-30"},
               outcome={"document": "judgment", "dispositions": ["claims_dismissed"]})
    # 05-01..05-05 rest, 05-06 Wed, 05-07 Thu
    assert deadline(d, "judgment_report").due == date(2026, 5, 7)
    assert "unfavorable_report" not in {x.id for x in d.deadlines}


def test_di20tiao_unfavourable_result_report_within_5_working_days():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-01-05", "judgment_served": "2026-04-30"},
               outcome={"document": "judgment", "dispositions": ["revoked"]})
    # 05-06, 05-07, 05-08, 05-09 (make-up Saturday), 05-11
    assert deadline(d, "unfavorable_report").due == date(2026, 5, 11)



def _unfavourable(*dispositions, document="judgment"):
    d = decide(CITY, defendant=DEPT, events={"served": "2026-01-05", "judgment_served": "2026-04-30"},
               outcome={"document": document, "dispositions": list(dispositions)})
    return d, "unfavorable_report" in {x.id for x in d.deadlines}


def test_di20tiao_bare_confirmed_illegal_and_modification_are_unfavourable_though_not_losses():
    for disposition in ("confirmed_illegal", "modified"):
        d, reported = _unfavourable(disposition)
        assert d.loss.is_loss is False, disposition  # 第二十七条 does not count them
        assert reported, disposition  # but the result is unfavourable to the agency (第二十条)
        assert deadline(d, "unfavorable_report").due == date(2026, 5, 11)


def test_di20tiao_any_grant_to_the_plaintiff_is_unfavourable():
    for dispositions in (["partially_revoked"], ["redo"], ["payment"], ["void"], ["compensation"], ["perform_duty"]):
        assert _unfavourable(*dispositions)[1], dispositions


def test_di20tiao_dismissal_withdrawal_and_mediation_are_not_unfavourable():
    assert not _unfavourable("claims_dismissed")[1]
    assert not _unfavourable("suit_dismissed", document="ruling")[1]
    assert not _unfavourable(document="withdrawal")[1]
    assert not _unfavourable(document="mediation")[1]


def test_di20tiao_the_citation_quotes_the_condition_unfavourable():
    d, _ = _unfavourable("modified")
    assert deadline(d, "unfavorable_report").basis.quote.startswith("如果相关法律文书裁判结果对行政机关不利")

def test_di24tiao_archive_30_working_days_after_the_closing_document():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02", "case_closed": "2026-09-15"})
    archive = deadline(d, "archive")
    assert archive.rule == "working_days" and archive.amount == 30
    # 09-16..09-30 holds 12 working days (09-20 make-up Sunday; 09-25 rest), then 10-08.. continues
    assert archive.due == date(2026, 11, 2)


def test_di32tiao_loss_investigation_30_working_days_after_the_judgment_takes_effect():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-01-05", "judgment_served": "2026-06-01",
                                             "judgment_effective": "2026-06-16"},
               outcome={"document": "judgment", "dispositions": ["perform_duty"]})
    report = deadline(d, "loss_report")
    assert report.start == "judgment_effective"
    # 30 working days after 06-16: June 17-30 has 9 (06-19 rest), July 1-21 has 15 -> 24; 07-22..07-29 -> 30
    assert report.due == date(2026, 7, 29)


# --- 第二十七条：败诉 ----------------------------------------------------------------------

def loss(*dispositions, document="judgment"):
    return decide(CITY, defendant=DEPT, outcome={"document": document, "dispositions": list(dispositions)}).loss


def test_di27tiao_1_revoked_or_partially_revoked():
    assert loss("revoked").is_loss is True
    assert loss("partially_revoked").basis[0].item == "（一）"


def test_di27tiao_2_redo():
    assert loss("redo").basis[0].item == "（二）"


def test_di27tiao_3_perform_duty_or_payment():
    assert loss("perform_duty").is_loss and loss("payment").basis[0].item == "（三）"


def test_di27tiao_4_bare_confirmed_illegal_is_not_a_loss():
    bare = loss("confirmed_illegal")
    assert bare.is_loss is False
    assert bare.definition.value == "ordinance"


def test_di27tiao_4_confirmed_illegal_and_revoked_or_void_is_a_loss():
    assert loss("void").basis[0].item == "（四）"
    assert loss("confirmed_illegal", "revoked").is_loss is True


def test_di27tiao_5_compensation():
    assert loss("compensation").basis[0].item == "（五）"


def test_di27tiao_modification_is_not_listed():
    assert loss("modified").is_loss is False



def test_di27tiao_citation_quotes_the_chapeau_that_makes_it_a_loss():
    for disposition, item in (("revoked", "（一）"), ("redo", "（二）"), ("payment", "（三）"), ("void", "（四）"),
                              ("compensation", "（五）")):
        c = loss(disposition).basis[0]
        assert c.item == item
        assert c.chapeau == "人民法院的生效法律文书确认被诉行政行为具有下列情形之一的，视为行政诉讼败诉"
    article = get_ruleset(CITY).source.article("第二十七条")
    assert article.index(c.chapeau) < article.index(c.quote)

def test_di27tiao_dismissals_withdrawal_and_mediation_are_not_losses():
    assert loss("claims_dismissed").is_loss is False
    assert loss("suit_dismissed", document="ruling").is_loss is False
    assert loss(document="withdrawal").is_loss is False


def test_no_outcome_yet_means_no_verdict():
    d = decide(CITY, defendant=DEPT)
    assert d.loss.is_loss is None and d.loss.basis == []


# --- 施行日期 ----------------------------------------------------------------------------

def test_di35tiao_in_force_but_the_day_of_issue_is_illegible():
    early = decide(CITY, defendant=DEPT, events={"served": "2022-07-01"})
    assert early.ruleset.in_force is True
    assert any("可能早于本规定施行之日" in w for w in early.warnings)
    before = decide(CITY, defendant=DEPT, events={"served": "2022-01-10"})
    assert before.ruleset.in_force is False
    later = decide(CITY, defendant=DEPT, events={"served": "2026-03-02"})
    assert later.ruleset.in_force is True
    assert not [w for w in later.warnings if "施行" in w]


# --- 审级未注明：只在结论以“按一审处理”为前提时提示 -----------------------------------------------

ASSUMED = "proceeding.instance 未提供"


def test_instance_not_given_is_not_warned_while_no_answer_rests_on_it():
    d = decide(CITY, defendant=GOV, events={"served": "2026-03-02"})
    assert {"answer", "transfer", "internal_review"} <= {x.id for x in d.deadlines}  # served: a first-instance case
    assert not [w for w in d.warnings if ASSUMED in w]


def test_instance_not_given_is_warned_when_the_appeal_deadline_rests_on_it():
    d = decide(CITY, defendant=DEPT, events={"served": "2026-03-02", "judgment_served": "2026-05-06"},
               outcome={"document": "judgment", "dispositions": ["revoked"]})
    assert deadline(d, "appeal").due == date(2026, 5, 21)
    assert [w for w in d.warnings if ASSUMED in w] == [d.warnings[0]]


def test_instance_given_is_never_warned():
    d = decide(CITY, defendant=DEPT, proceeding={"instance": "first"},
               events={"served": "2026-03-02", "judgment_served": "2026-05-06"},
               outcome={"document": "judgment", "dispositions": ["revoked"]})
    assert deadline(d, "appeal")
    assert not [w for w in d.warnings if ASSUMED in w]


# --- 应诉责任机关的边界情形（第八条、第九条；行政诉讼法第二十六条） -------------------------------

def names(d):
    return [u.name for u in d.undertaking.units]


def test_di8tiao_inaction_with_a_known_responsible_unit_goes_to_that_unit():
    d = decide(CITY, defendant=GOV, act={"inaction": True, "responsible_unit": "区城市管理执法局"})
    assert units(d) == [("responsible_unit", "lead", "whole")]
    assert names(d) == ["区城市管理执法局"]
    assert articles(d.undertaking.basis) == ["第八条"]


def test_di9tiao_2_inaction_without_a_responsible_unit_goes_to_the_justice_bureau():
    d = decide(CITY, defendant=GOV, act={"inaction": True})
    assert units(d) == [("justice_bureau", "lead", "whole")] and names(d) == ["区司法局"]


def test_di9tiao_2_collective_land_case_never_borrows_a_departments_name():
    d = decide(CITY, defendant=GOV, act={"maker": "区自然资源和规划局", "maker_kind": "department",
                                         "category": "collective_land_expropriation"})
    assert units(d) == [("township", "lead", "whole")]
    assert names(d) == ["相关街镇"]


def test_di9tiao_2_collective_land_case_made_by_a_township_names_it():
    d = decide(CITY, defendant=GOV, act={"maker": "新洲区邾城街道办事处", "maker_kind": "township",
                                         "category": "collective_land_expropriation"})
    assert names(d) == ["新洲区邾城街道办事处"]


def test_di9tiao_3_temporary_body_acting_in_its_own_name_is_designated_by_the_justice_bureau():
    d = decide(CITY, defendant=GOV, act={"maker": "区征迁指挥部", "maker_kind": "temporary_body",
                                         "in_government_name": False})
    assert d.undertaking.units == []
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau"]
    assert d.undertaking.basis[0].rule == "xianzhou.undertaking.9.otherwise-designated"


def test_di9tiao_3_reconsideration_without_the_governments_role_is_designated():
    d = decide(CITY, defendant=GOV, reconsideration={"outcome": "upheld"})
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau"]
    assert articles(d.undertaking.basis) == ["第九条"]


def test_di9tiao_4_second_instance_keeps_both_co_defendant_units():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "区住房和城乡建设局"},
               proceeding={"instance": "second", "first_instance_undertaker": "区住房和城乡建设局法规科"})
    assert units(d) == [("first_instance_undertaker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert names(d) == ["区住房和城乡建设局法规科", "区司法局"]
    assert [c.item for c in d.undertaking.basis] == ["（一）", "（四）"]


def test_di9tiao_4_retrial_without_a_named_undertaker_is_the_first_instance_undertaking():
    first = decide(CITY, defendant=GOV, act={"maker": "区水务和湖泊局"})
    retrial = decide(CITY, defendant=GOV, act={"maker": "区水务和湖泊局"}, proceeding={"instance": "retrial"})
    assert retrial.undertaking.units == first.undertaking.units
    assert "xianzhou.undertaking.9-4.appeal-or-retrial" in retrial.trace


def test_di26tiao_abolished_maker_gives_its_place_to_the_successor_and_the_justice_bureau_stays():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "区旧城改造办公室", "maker_abolished": True, "successor": "区住房和城乡建设局"})
    assert units(d) == [("successor", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration")]
    assert names(d) == ["区住房和城乡建设局", "区司法局"]
    assert d.undertaking.basis[-1].ruleset == "national" and d.undertaking.basis[-1].article == "第二十六条"
    assert any("未规定" in w and "撤销" in w for w in d.warnings)


def test_di9tiao_3_abolished_maker_without_a_successor_is_designated_by_the_justice_bureau():
    d = decide(CITY, defendant=GOV, act={"maker": "区旧城改造办公室", "maker_abolished": True})
    assert d.undertaking.units == []
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau"]
    assert d.undertaking.basis[-1].rule == "xianzhou.undertaking.9-3.abolished-without-successor"
    assert any("未规定" in w and "撤销" in w for w in d.warnings)


def test_di26tiao_entrusted_organisation_never_undertakes_the_entrusting_agency_does():
    d = decide(CITY, defendant=GOV, act={"maker": "武汉某物业服务有限公司", "maker_kind": "entrusted_org"})
    assert units(d) == [("defendant", "lead", "whole")]
    assert names(d) == ["武汉市新洲区人民政府"]
