"""The floor: 新洲's undertaking, appearance and loss decisions hand-written in plain Python.

The same logic as rulesets/xianzhou/rules.yaml (plus the national appearance rules it
inherits), written the way a programmer would write it for this one ordinance: direct
attribute reads, `if` chains, no rule data. bench/run.py checks that it agrees with the
engine on every benchmark case; if the ruleset changes, this file must change with it.

`decide(case)` returns
    ((undertaking rule ids), ((role, name, duty, scope), ...), (designated_by roles),
     appearance level, who, (appearance basis rule ids),
     is_loss, loss rule id)
"""
from __future__ import annotations

from yingsu.models import Case, Circumstance as C, DefendantKind, Disposition as D, Instance, MakerKind as MK, Rank, Session

GOV = DefendantKind.government
_SECOND = (Instance.second, Instance.retrial)
_TRIAL = (Session.trial, None)
_NO_SESSION = (Session.none, Session.not_accepted)
_HIGH_IMPACT_FIELD = frozenset({"state_land_house_expropriation", "collective_land_expropriation"})
_HIGH_IMPACT_CIRC = frozenset({C.major_safety_accident, C.environmental_protection})
_HIGH_IMPACT = frozenset({C.high_social_concern, C.major_social_impact, C.mass_litigation})
_SUPREME = frozenset({C.supreme_court_review, C.procuratorate_public_interest})
_LOSS_REVOKED = frozenset({D.revoked, D.partially_revoked})
_LOSS_PERFORM = frozenset({D.perform_duty, D.payment})

P = "xianzhou."
JB = ("justice_bureau", "区司法局", "lead", "whole")
HEAD = "行政机关正职负责人"


def _government(case: Case):
    """第九条 (and 第八条 for inaction): (rule id, units, designated_by) of the deciding rule."""
    act, rec = case.act, case.reconsideration
    if rec is not None:
        role = rec.government_role
        if role == "sole_defendant":
            return P + "undertaking.9-1.sole-defendant", [JB], []
        if role == "co_defendant":
            return P + "undertaking.9-1.co-defendant", [
                ("act_maker", act.maker or "作出原行政行为的行政机关", "joint", "original_act"),
                ("justice_bureau", "区司法局", "joint", "reconsideration"),
            ], []
        return P + "undertaking.9.otherwise-designated", [], ["justice_bureau"]
    cat = act.category
    if cat == "state_land_house_expropriation":
        if act.maker and act.maker_kind in (MK.department, None):
            return P + "undertaking.9-2.state-land-expropriation-by-a-department", [
                ("functional_department", act.maker, "lead", "whole")], []
        return P + "undertaking.9-2.state-land-expropriation", [("functional_department", "相关职能部门", "lead", "whole")], []
    if cat == "collective_land_expropriation":
        if act.maker and act.maker_kind is MK.township:
            return P + "undertaking.9-2.collective-land-expropriation-by-a-township", [
                ("township", act.maker, "lead", "whole")], []
        return P + "undertaking.9-2.collective-land-expropriation", [("township", "相关街镇", "lead", "whole")], []
    if cat == "information_disclosure":
        return P + "undertaking.9-2.information-disclosure", [
            ("disclosure_handler", act.maker or "信息公开事项的具体承办机关", "lead", "whole")], []
    if act.inaction is True and act.responsible_unit is not None:
        return P + "undertaking.8.inaction-responsible-unit", [("responsible_unit", act.responsible_unit, "lead", "whole")], []
    if len(act.departments) >= 2:
        lead = act.lead_department
        if lead is not None and act.lead_has_duty is not False:
            return P + "undertaking.9-3.lead-department", [("lead_department", lead, "lead", "whole")], []
        return P + "undertaking.9-3.designation", [], ["justice_bureau"]
    if act.maker is None:
        return P + "undertaking.9-2.unidentified-maker", [JB], []
    if act.in_government_name is not False:
        return P + "undertaking.9-2.identified-maker", [("act_maker", act.maker, "lead", "whole")], []
    return P + "undertaking.9.otherwise-designated", [], ["justice_bureau"]


def undertaking(case: Case):
    act, pr, rec = case.act, case.proceeding, case.reconsideration
    gov = case.defendant.kind is GOV
    if not gov:
        rule, rows, designated = P + "undertaking.8.acting-agency", [
            ("defendant", case.defendant.name or "被诉行政机关", "lead", "whole")], []
    else:
        rule, rows, designated = _government(case)
    rules = [rule]
    leading = 0 if rows else None
    # 行政诉讼法第二十六条 (inherited) and 第九条（三） for an abolished maker: the act_maker's place
    if any(row[0] == "act_maker" for row in rows):
        if act.maker_kind is MK.entrusted_org:
            co = rec is not None and rec.government_role == "co_defendant"
            by = ("act_maker", "委托该组织作出原行政行为的行政机关") if co else (
                "defendant", case.defendant.name or "被诉行政机关")
            rows = [(*by, d, s) if role == "act_maker" else (role, n, d, s) for role, n, d, s in rows]
            rules.append("national.undertaking.26-5.entrusted-org" + ("-co-defendant" if co else ""))
        elif act.maker_abolished is True and act.successor is not None:
            rows = [("successor", act.successor, d, s) if role == "act_maker" else (role, n, d, s)
                    for role, n, d, s in rows]
            rules.append("national.undertaking.26-6.successor")
        elif act.maker_abolished is True:
            if rows[0][0] == "act_maker":
                leading = None
            rows = [row for row in rows if row[0] != "act_maker"]
            designated = designated + [r for r in ("justice_bureau",) if r not in designated]
            rules.append(P + "undertaking.9-3.abolished-without-successor")
    # 第九条（四）: second instance and retrial carry the first instance's undertaking
    if gov and pr.instance in _SECOND:
        rules.append(P + "undertaking.9-4.appeal-or-retrial")
        fiu = pr.first_instance_undertaker
        if fiu:
            if leading is not None:
                _, _, d, s = rows[0]
                rows = [("first_instance_undertaker", fiu, d, s)] + rows[1:]
            else:
                rows = [("first_instance_undertaker", fiu, "lead", "whole")] + rows
                designated = []
    return tuple(rules), tuple(rows), tuple(designated)


def appearance(case: Case):
    session = case.proceeding.session
    gov = case.defendant.kind is GOV
    if session in _NO_SESSION:
        return "not_applicable", None, ("national.appearance.3.no-session",)
    if session is not None and session is not Session.trial:  # 第十三条、第十四条 need a trial
        return _default(gov)
    head: list[str] = []
    circ = frozenset(case.circumstances)
    if (case.act.category in _HIGH_IMPACT_FIELD or circ & _HIGH_IMPACT_CIRC) and circ & _HIGH_IMPACT:
        head.append(P + "appearance.13-1.expropriation-high-impact")
    if case.act.category == "natural_resource_rights" and C.major_social_impact in circ:
        head.append(P + "appearance.13-2.natural-resource-rights")
    if C.foreign_related_major in circ:
        head.append(P + "appearance.13-3.foreign-related")
    if any(r.rank is Rank.head for r in case.principal_requests):
        head.append(P + "appearance.13-4.head-requested")
    if circ & _SUPREME:
        head.append(P + "appearance.13-5.supreme-court-or-procuratorate")
    if C.petition_backlog in circ and C.major_social_impact in circ:
        head.append(P + "appearance.13-6.petition-backlog")
    if C.head_required_by_law in circ:
        head.append(P + "appearance.13-7.required-by-law")
    first_trial = case.proceeding.first_trial_of_year is True
    if first_trial:
        if not gov:
            head.append(P + "appearance.14.first-trial-departments")
        elif case.reconsideration is not None:
            if not head:  # 第十三条 is the exception to 第十四条's 但书 (overrides)
                head.append(P + "appearance.14.first-trial-via-reconsideration")
        else:
            if not head:
                return "principal", "区政府正职负责人或其他分管负责人", (P + "appearance.14.first-trial-district-government",)
    if head:
        who = "区司法局正职负责人" if head[0] == P + "appearance.14.first-trial-via-reconsideration" else HEAD
        return "head", who, tuple(head)
    return _default(gov)


def _default(gov: bool):
    if gov:
        return "default", "分管区领导（A角；A角因工作等原因无法出庭的，由B角）", (
            P + "appearance.12.deputy-district-leader",
            "national.appearance.3.duty",
        )
    return "default", "被诉行政机关负责人", ("national.appearance.3.duty",)


def loss(case: Case):
    out = case.outcome
    if out is None or (out.document is None and not out.dispositions):
        return None, None
    ds = frozenset(out.dispositions)
    if ds & _LOSS_REVOKED:
        return True, P + "loss.27-1.revoked"
    if D.redo in ds:
        return True, P + "loss.27-2.redo"
    if ds & _LOSS_PERFORM:
        return True, P + "loss.27-3.perform-or-pay"
    if D.void in ds or (D.confirmed_illegal in ds and D.revoked in ds):
        return True, P + "loss.27-4.illegal-and-revoked-or-void"
    if D.compensation in ds:
        return True, P + "loss.27-5.compensation"
    return False, P + "loss.27.none-of-the-listed"


def decide(case: Case):
    rules, units, designated = undertaking(case)
    level, who, basis = appearance(case)
    is_loss, loss_rule = loss(case)
    return rules, units, designated, level, who, basis, is_loss, loss_rule
