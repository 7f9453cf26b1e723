"""新洲's undertaking decision (第八条、第九条) as a GoRules decision table (JDM), for zen-engine.

The same rules as rulesets/xianzhou/rules.yaml, one row each in the ruleset's order (hit
policy "first"; a rule whose condition is an `any:` becomes two rows with the same output).
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
    (P + "9-4.appeal-or-retrial", {"kind": GOV, "instance": '"second", "retrial"', "fiu": "$ != null"},
     _units(("first_instance_undertaker", "lead", "whole", _name("proceeding.first_instance_undertaker", "一审应诉承办单位"))), ""),
    (P + "9-2.state-land-expropriation", {"kind": GOV, "rec": "$ == null", "category": '"state_land_house_expropriation"'},
     _units(("functional_department", "lead", "whole", _name("act.maker", "相关职能部门"))), ""),
    (P + "9-2.collective-land-expropriation", {"kind": GOV, "rec": "$ == null", "category": '"collective_land_expropriation"'},
     _units(("township", "lead", "whole", _name("act.maker", "相关街镇"))), ""),
    (P + "9-2.information-disclosure", {"kind": GOV, "rec": "$ == null", "category": '"information_disclosure"'},
     _units(("disclosure_handler", "lead", "whole", _name("act.maker", "信息公开事项的具体承办机关"))), ""),
    (P + "9-3.lead-department", {"kind": GOV, "rec": "$ == null", "deps": ">= 2", "lead": "$ != null", "lead_duty": "$ != false"},
     _units(("lead_department", "lead", "whole", _name("act.lead_department", "牵头部门"))), ""),
    (P + "9-3.designation", {"kind": GOV, "rec": "$ == null", "deps": ">= 2", "lead": "$ == null"}, _units(), "justice_bureau"),
    (P + "9-3.designation", {"kind": GOV, "rec": "$ == null", "deps": ">= 2", "lead_duty": "$ == false"}, _units(), "justice_bureau"),
    (P + "8.acting-agency", {"kind": '$ != "government"'},
     _units(("defendant", "lead", "whole", _name("defendant.name", "被诉行政机关"))), ""),
    (P + "9-1.sole-defendant", {"kind": GOV, "role": '"sole_defendant"'}, _units(JB), ""),
    (P + "9-1.co-defendant", {"kind": GOV, "role": '"co_defendant"'},
     _units(("act_maker", "joint", "original_act", MAKER), ("justice_bureau", "joint", "reconsideration", '"区司法局"')), ""),
    (P + "9-2.identified-maker", {"kind": GOV, "rec": "$ == null", "maker": "$ != null", "gov_name": "$ != false"},
     _units(("act_maker", "lead", "whole", MAKER)), ""),
    (P + "9-2.unidentified-maker", {"kind": GOV, "rec": "$ == null", "maker": "$ == null"}, _units(JB), ""),
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
