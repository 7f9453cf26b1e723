"""Fixed vocabularies of the contract: the deadline catalogue (期限目录) and role labels,
read from the label catalogue (yingsu.labels)."""
from __future__ import annotations

from .decision import Role
from .labels import values

# The titles live in the label catalogue (data/labels.yaml), the one source of every Chinese
# name; these are the same tables under the names the engine and the docket use.
# id -> title (期限名称), in the contract's order.
DEADLINES: dict[str, str] = values("deadline")

# Periodic duties (not per case) are ids of their own, used by yingsu.periodic.
PERIODIC: dict[str, str] = values("periodic")

# The generic Chinese label of a role, used when neither the case nor the ruleset names the unit.
ROLE_LABELS: dict[Role, str] = {Role(k): v for k, v in values("role").items()}

# Roles whose unit the case itself names, and the fact that names it.
ROLE_NAME_FACTS: dict[Role, str] = {
    Role.defendant: "defendant.name",
    Role.act_maker: "act.maker",
    Role.lead_department: "act.lead_department",
    Role.responsible_unit: "act.responsible_unit",
    Role.first_instance_undertaker: "proceeding.first_instance_undertaker",
    Role.successor: "act.successor",
}
# (相关职能部门、相关街镇、信息公开承办机关 are named by the case only where a rule says which
# fact names them: `name_from` in the unit, under a condition that it is that unit.)
