"""中卫市人民政府行政应诉工作办法, article by article."""
from __future__ import annotations

from datetime import date

from conftest import articles, deadline, decide, units

CITY = "zhongwei"
GOV = {"kind": "government", "name": "中卫市人民政府"}
ADVISER = ("legal_adviser_office", "support", "whole")


# --- 第四条、第五条：应诉事务承办单位 ------------------------------------------------------

def test_di4tiao_without_reconsideration_the_maker_defends():
    d = decide(CITY, defendant=GOV, act={"maker": "市自然资源局"})
    assert units(d) == [("act_maker", "lead", "whole"), ADVISER]
    assert d.undertaking.units[0].name == "市自然资源局"
    assert articles(d.undertaking.basis) == ["第四条", "第五条"]


def test_di4tiao_reconsideration_act_sued_alone_goes_to_the_justice_bureau():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "sole_defendant", "outcome": "changed"})
    assert units(d) == [("justice_bureau", "lead", "whole"), ADVISER]
    assert d.undertaking.units[0].name == "市司法局"


def test_di4tiao_co_defendant_original_part_and_reconsideration_part():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "市市场监督管理局"})
    assert units(d) == [("act_maker", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration"), ADVISER]


def test_di4tiao_unclear_undertaker_is_designated_by_the_city_government_on_the_bureaus_report():
    d = decide(CITY, defendant=GOV)
    assert units(d) == [ADVISER]
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau", "government"]


def test_di4tiao_abolished_maker_passes_to_its_successor():
    d = decide(CITY, defendant=GOV, act={"maker": "市旧城改造指挥部", "maker_abolished": True, "successor": "市住房和城乡建设局"})
    assert units(d)[0] == ("successor", "lead", "whole")
    assert d.undertaking.units[0].name == "市住房和城乡建设局"


def test_di5tiao_the_legal_adviser_office_always_assists():
    d = decide(CITY, defendant=GOV, act={"maker": "市交通运输局"})
    assert d.undertaking.units[-1].name == "中卫市法律顾问室"


# --- 第十三条、第十四条：上诉案件 ------------------------------------------------------------

def test_di14tiao_appeal_by_the_plaintiff_stays_with_the_first_instance_undertaker():
    d = decide(CITY, defendant=GOV, proceeding={"instance": "second", "appellant": "plaintiff",
                                                "first_instance_undertaker": "市自然资源局"})
    assert units(d) == [("first_instance_undertaker", "lead", "whole"), ADVISER]
    assert articles(d.undertaking.basis)[-1] == "第十四条"


def test_di13tiao_appeal_decided_by_the_city_government_is_filed_by_the_undertaker():
    d = decide(CITY, defendant=GOV, proceeding={"instance": "second", "appellant": "agency",
                                                "first_instance_undertaker": "市自然资源局"})
    assert articles(d.undertaking.basis)[-1] == "第十三条"


def test_di13tiao_appeal_materials_to_the_justice_bureau_within_5_days():
    d = decide(CITY, defendant=GOV, events={"served": "2026-06-01", "judgment_served": "2026-09-21"},
               outcome={"document": "judgment", "dispositions": ["claims_dismissed"]})
    # 09-21 + 5 = 09-26, a rest Saturday (Mid-Autumn); 09-27 Sunday; moved to Monday 09-28
    assert deadline(d, "appeal_proposal").due == date(2026, 9, 28)
    assert deadline(d, "appeal").due == date(2026, 10, 8)  # 10-06 is in the National Day holiday


def test_di13tiao_no_appeal_proposal_at_second_instance():
    d = decide(CITY, defendant=GOV, proceeding={"instance": "second"},
               events={"served": "2026-06-01", "judgment_served": "2026-09-21"},
               outcome={"document": "judgment", "dispositions": ["claims_dismissed"]})
    assert "appeal_proposal" not in {x.id for x in d.deadlines}
    assert "appeal" not in {x.id for x in d.deadlines}


# --- 第七条、第八条：负责人出庭 -------------------------------------------------------------

def test_di7tiao_principal_appears_at_every_instance():
    for instance in ("first", "second", "retrial"):
        d = decide(CITY, defendant=GOV, proceeding={"instance": instance, "session": "trial"})
        assert d.appearance.level.value == "default"
        assert articles(d.appearance.basis)[0] == "第七条"


def test_di7tiao_no_exemption_for_simplified_procedure():
    d = decide(CITY, defendant=GOV, proceeding={"procedure": "simple", "session": "trial"})
    assert d.appearance.level.value == "default"


def test_no_session_means_not_applicable():
    d = decide(CITY, defendant=GOV, proceeding={"session": "not_accepted"})
    assert d.appearance.level.value == "not_applicable"


def test_di8tiao_proof_of_absence_three_days_before_the_hearing():
    d = decide(CITY, defendant=GOV, principal_unavailable=True,
               events={"served": "2026-09-01", "hearing": "2026-10-12"})
    # 10-12 - 3 = 10-09 (Friday, a working day)
    assert deadline(d, "absence_proof").due == date(2026, 10, 9)


def test_di8tiao_proof_of_absence_moves_back_over_a_weekend():
    d = decide(CITY, defendant=GOV, principal_unavailable=True,
               events={"served": "2026-09-01", "hearing": "2026-11-11"})
    # 11-11 - 3 = 11-08, a Sunday: back to Friday 11-06
    assert deadline(d, "absence_proof").due == date(2026, 11, 6)


def test_di8tiao_no_proof_needed_when_the_principal_can_appear():
    d = decide(CITY, defendant=GOV, events={"served": "2026-09-01", "hearing": "2026-10-12"})
    assert "absence_proof" not in {x.id for x in d.deadlines}


# --- 第十条：转送与准备 ---------------------------------------------------------------------

def test_di10tiao_transfer_within_2_days_moves_past_the_spring_festival():
    d = decide(CITY, defendant=GOV, events={"served": "2026-02-13"})
    # 02-15 is a rest Sunday of the Spring Festival holiday (02-15..02-23): next working day 02-24
    assert deadline(d, "transfer").due == date(2026, 2, 24)
    assert deadline(d, "transfer").rule == "calendar_days"


def test_di10tiao_preparation_5_days_from_the_forwarded_instruction():
    d = decide(CITY, defendant=GOV, events={"served": "2026-03-02", "forwarded": "2026-03-04"})
    assert deadline(d, "preparation").due == date(2026, 3, 9)


def test_di10tiao_preparation_waits_for_the_forwarded_date():
    d = decide(CITY, defendant=GOV, events={"served": "2026-03-02"})
    assert {p.id: p.waits_for for p in d.pending}["preparation"] == "forwarded"


# --- 第十二条：败诉 -----------------------------------------------------------------------

def outcome(*dispositions, document="judgment", **events):
    return decide(CITY, defendant=GOV, outcome={"document": document, "dispositions": list(dispositions)},
                  events=events or {})


def test_di12tiao_bare_confirmed_illegal_is_a_loss():
    d = outcome("confirmed_illegal")
    assert d.loss.is_loss is True and d.loss.definition.value == "ordinance"
    assert articles(d.loss.basis) == ["第十二条"]


def test_di12tiao_every_listed_judgment_is_a_loss():
    for disp in ("revoked", "partially_revoked", "redo", "void", "modified", "perform_duty", "payment", "compensation"):
        assert outcome(disp).loss.is_loss is True, disp


def test_di12tiao_dismissals_are_not_losses():
    assert outcome("claims_dismissed").loss.is_loss is False
    assert outcome("suit_dismissed", document="ruling").loss.is_loss is False
    assert outcome(document="withdrawal").loss.is_loss is False


def test_di12tiao_loss_analysis_report_15_days_after_the_judgment_takes_effect():
    d = outcome("revoked", served="2026-03-02", judgment_served="2026-09-10", judgment_effective="2026-09-26")
    # 09-26 + 15 = 10-11, a Sunday; next working day 10-12
    assert deadline(d, "loss_report").due == date(2026, 10, 12)


def test_di12tiao_no_report_without_a_loss():
    d = outcome("claims_dismissed", served="2026-03-02", judgment_served="2026-09-10", judgment_effective="2026-09-26")
    assert "loss_report" not in {x.id for x in d.deadlines}


def test_di12tiao_report_in_2027_is_provisional():
    d = outcome("revoked", served="2026-03-02", judgment_served="2026-12-10", judgment_effective="2026-12-25")
    report = deadline(d, "loss_report")
    assert report.due == date(2027, 1, 11)  # 12-25 + 15 = 2027-01-09 (Saturday) -> Monday 01-11
    assert report.provisional is True
    assert any("2027" in w and "暂定" in w for w in d.warnings)


# --- 第二条、第二十五条、第二十六条：范围、参照与施行期间 -----------------------------------------

def test_di25tiao_city_department_by_reference_with_a_warning():
    d = decide(CITY, defendant={"kind": "department", "name": "市公安局"})
    assert any("参照" in w for w in d.warnings)
    assert "zhongwei.notice.25.by-reference" in d.trace
    assert units(d)[0] == ("defendant", "lead", "whole")


def test_di25tiao_the_reference_warning_is_not_buried_under_an_instance_assumption():
    d = decide(CITY, defendant={"kind": "department", "name": "市公安局"}, events={"served": "2026-03-02"})
    assert [w for w in d.warnings if "未提供" in w] == []
    assert any("参照" in w for w in d.warnings)


def test_di13tiao_appeal_proposal_without_an_instance_says_it_reads_the_case_as_first_instance():
    d = decide(CITY, defendant=GOV, events={"served": "2026-06-01", "judgment_served": "2026-09-21"},
               outcome={"document": "judgment", "dispositions": ["claims_dismissed"]})
    assert deadline(d, "appeal_proposal")
    assert d.warnings[0].startswith("proceeding.instance 未提供")


def test_di25tiao_county_government_by_reference():
    d = decide(CITY, defendant={"kind": "government", "level": "county", "name": "沙坡头区人民政府"})
    assert "zhongwei.notice.25.by-reference" in d.trace


def test_di2tiao_city_government_itself_has_no_reference_warning():
    d = decide(CITY, defendant=GOV)
    assert not any("参照" in w for w in d.warnings)


def test_di2tiao_township_is_outside_both_articles():
    d = decide(CITY, defendant={"kind": "township"})
    assert "zhongwei.notice.2.outside-scope" in d.trace


def test_di26tiao_valid_until_2027_07_16():
    assert decide(CITY, defendant=GOV, events={"served": "2027-07-16"}).ruleset.in_force is True
    late = decide(CITY, defendant=GOV, events={"served": "2027-07-17"})
    assert late.ruleset.in_force is False
    assert any("不在施行期间" in w for w in late.warnings)
    assert decide(CITY, defendant=GOV, events={"served": "2022-07-16"}).ruleset.in_force is False


# --- 应诉事务承办单位的边界情形（第四条、第十三条、第十四条、第二十五条） ----------------------------

def names(d):
    return [u.name for u in d.undertaking.units]


def test_di4tiao_abolished_maker_in_a_co_defendant_case_keeps_the_justice_bureau():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "市旧城改造指挥部", "maker_abolished": True, "successor": "市住房和城乡建设局"})
    assert units(d) == [("successor", "joint", "original_act"), ("justice_bureau", "joint", "reconsideration"), ADVISER]
    assert names(d)[:2] == ["市住房和城乡建设局", "市司法局"]
    assert not any("未规定" in w for w in d.warnings)  # 第四条 itself provides for abolition


def test_di4tiao_abolished_maker_without_a_successor_is_unclear():
    d = decide(CITY, defendant=GOV, act={"maker": "市旧城改造指挥部", "maker_abolished": True})
    assert units(d) == [ADVISER]
    assert [r.value for r in d.undertaking.designated_by] == ["justice_bureau", "government"]


def test_di4tiao_inaction_goes_to_the_unit_whose_duty_it_is():
    d = decide(CITY, defendant=GOV, act={"inaction": True, "responsible_unit": "市生态环境局"})
    assert units(d) == [("responsible_unit", "lead", "whole"), ADVISER] and names(d)[0] == "市生态环境局"


def test_di4tiao_entrusted_organisation_is_named_by_the_text():
    d = decide(CITY, defendant=GOV, act={"maker": "中卫某物业服务公司", "maker_kind": "entrusted_org"})
    assert names(d)[0] == "中卫某物业服务公司"
    assert d.undertaking.basis[0].rule == "zhongwei.undertaking.4.entrusted-org"


def test_di25tiao_county_government_by_reference_names_its_own_units_not_the_citys():
    d = decide(CITY, defendant={"kind": "government", "level": "county", "name": "沙坡头区人民政府"},
               reconsideration={"government_role": "sole_defendant", "outcome": "changed"})
    assert units(d) == [("justice_bureau", "lead", "whole"), ADVISER]
    assert "市司法局" not in names(d) and "中卫市法律顾问室" not in names(d)
    assert names(d) == ["司法行政部门", "法律顾问室"]


def test_di14tiao_plaintiff_appeal_keeps_both_co_defendant_units():
    d = decide(CITY, defendant=GOV, reconsideration={"government_role": "co_defendant", "outcome": "upheld"},
               act={"maker": "市自然资源局"},
               proceeding={"instance": "second", "appellant": "plaintiff", "first_instance_undertaker": "市自然资源局法规科"})
    assert units(d) == [("first_instance_undertaker", "joint", "original_act"),
                        ("justice_bureau", "joint", "reconsideration"), ADVISER]
    assert names(d)[:2] == ["市自然资源局法规科", "市司法局"]
