"""新洲's undertaking decision (第八条、第九条) as a GoRules decision table (JDM), for zen-engine.

The deciding rules of rulesets/xianzhou/rules.yaml, one row each, ordered so that a rule comes
before the rules it overrides (hit policy "first": the table's order is the named exceptions').
The rules that replace or carry units (行政诉讼法第二十六条, 第九条（四）) are not in the table:
bench/run.py compares and times the table on the cases where none of them applies.
The input is the contract's Case JSON. The outputs are the rule id, the units as
"role/duty/scope/name" joined by ";", and who must designate the undertaker. bench/run.py
checks the table against the engine on every benchmark case.
"""
from __future__ import annotations

import json

GOV = '"government"'
ANY = ""

# input columns: (id, field expression)
INPUTS = [
    ("kind", "defendant.kind"),
    ("rec", "reconsideration"),
    ("role", "reconsideration.government_role"),
    ("instance", "proceeding.instance"),
    ("fiu", "proceeding.first_instance_undertaker"),
    ("category", "act.category"),
    ("deps", "len(act.departments)"),
    ("lead", "act.lead_department"),
    ("lead_duty", "act.lead_has_duty"),
    ("maker", "act.maker"),
    ("gov_name", "act.in_government_name"),
    ("maker_kind", "act.maker_kind"),
    ("inaction", "act.inaction"),
    ("responsible", "act.responsible_unit"),
]


def _name(field: str, fallback: str) -> str:
    """`field or fallback` (an empty or missing name takes the ruleset's name for the role)."""
    return f'({field} != null and {field} != "") ? {field} : "{fallback}"'


def _units(*units: tuple[str, str, str, str]) -> str:
    parts = [f'"{role}/{duty}/{scope}/" + ({name})' for role, duty, scope, name in units]
    return " + \";\" + ".join(parts) if parts else '""'


P = "xianzhou.undertaking."
MAKER = _name("act.maker", "作出原行政行为的行政机关")
JB = ("justice_bureau", "lead", "whole", '"区司法局"')

# (rule id, conditions by input id, units expression, designated)
ROWS = [
    (P + "8.acting-agency", {"kind": '$ != "government"'},
     _units(("defendant", "lead", "whole", _name("defendant.name", "被诉行政机关"))), ""),
    (P + "9-1.sole-defendant", {"kind": GOV, "role": '"sole_defendant"'}, _units(JB), ""),
    (P + "9-1.co-defendant", {"kind": GOV, "role": '"co_defendant"'},
     _units(("act_maker", "joint", "original_act", MAKER), ("justice_bureau", "joint", "reconsideration", '"区司法局"')), ""),
    (P + "9.otherwise-designated", {"kind": GOV, "rec": "$ != null"}, _units(), "justice_bureau"),
    (P + "9-2.state-land-expropriation-by-a-department",
     {"kind": GOV, "category": '"state_land_house_expropriation"', "maker_kind": '"department", null', "maker": "$ != null"},
     _units(("functional_department", "lead", "whole", "act.maker")), ""),
    (P + "9-2.state-land-expropriation", {"kind": GOV, "category": '"state_land_house_expropriation"'},
     _units(("functional_department", "lead", "whole", '"相关职能部门"')), ""),
    (P + "9-2.collective-land-expropriation-by-a-township",
     {"kind": GOV, "category": '"collective_land_expropriation"', "maker_kind": '"township"', "maker": "$ != null"},
     _units(("township", "lead", "whole", "act.maker")), ""),
    (P + "9-2.collective-land-expropriation", {"kind": GOV, "category": '"collective_land_expropriation"'},
     _units(("township", "lead", "whole", '"相关街镇"')), ""),
    (P + "9-2.information-disclosure", {"kind": GOV, "category": '"information_disclosure"'},
     _units(("disclosure_handler", "lead", "whole", _name("act.maker", "信息公开事项的具体承办机关"))), ""),
    (P + "8.inaction-responsible-unit", {"kind": GOV, "inaction": "true", "responsible": "$ != null"},
     _units(("responsible_unit", "lead", "whole", "act.responsible_unit")), ""),
    (P + "9-3.lead-department", {"kind": GOV, "deps": ">= 2", "lead": "$ != null", "lead_duty": "$ != false"},
     _units(("lead_department", "lead", "whole", _name("act.lead_department", "牵头部门"))), ""),
    (P + "9-3.designation", {"kind": GOV, "deps": ">= 2"}, _units(), "justice_bureau"),
    (P + "9-2.unidentified-maker", {"kind": GOV, "maker": "$ == null"}, _units(JB), ""),
    (P + "9-2.identified-maker", {"kind": GOV, "gov_name": "$ != false"}, _units(("act_maker", "lead", "whole", MAKER)), ""),
    (P + "9.otherwise-designated", {"kind": GOV}, _units(), "justice_bureau"),
]


def decision_table() -> dict:
    inputs = [{"id": i, "name": i, "type": "expression", "field": f} for i, f in INPUTS]
    outputs = [{"id": o, "name": o, "type": "expression", "field": o} for o in ("rule", "units", "designated")]
    rules = []
    for n, (rule, conditions, units, designated) in enumerate(ROWS):
        row = {"_id": f"row{n}"}
        row.update({i: conditions.get(i, ANY) for i, _ in INPUTS})
        row.update({"rule": json.dumps(rule), "units": units, "designated": json.dumps(designated)})
        rules.append(row)
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Case", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "新洲 应诉责任机关", "position": {"x": 200, "y": 0},
             "content": {"hitPolicy": "first", "inputs": inputs, "outputs": outputs, "rules": rules}},
            {"id": "out", "type": "outputNode", "name": "Undertaking", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def canonical(result: dict) -> tuple:
    """zen's result as (rule ids, units (role, name, duty, scope), designated) like the engine's."""
    out = result.get("result") or {}
    if not out:
        return (), (), ()
    units = []
    for u in filter(None, out["units"].split(";")):
        role, duty, scope, name = u.split("/", 3)
        units.append((role, name, duty, scope))
    return (out["rule"],), tuple(units), tuple(filter(None, [out["designated"]]))
