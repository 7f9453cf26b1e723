"""Fixed vocabularies of the contract: the deadline catalogue (期限目录) and role labels."""
from __future__ import annotations

from .decision import Role

# id -> title (期限名称), in the contract's order.
DEADLINES: dict[str, str] = {
    "answer": "提交答辩状及证据、依据",
    "appeal": "提起上诉",
    "retrial": "申请再审",
    "transfer": "转送应诉材料（拟办意见）",
    "preparation": "承办单位完成应诉准备",
    "internal_review": "答辩举证材料报司法局审核",
    "filing_on_service": "应诉材料复印件报司法局备案",
    "hearing_report": "开庭传票和拟出庭负责人报司法行政机关备案",
    "absence_proof": "负责人不能出庭的证明材料提交法院",
    "judgment_report": "报送（备案）裁判文书",
    "unfavorable_report": "不利裁判的原因分析报告报备",
    "appeal_proposal": "上诉相关材料报送司法局",
    "retrial_proposal": "提出再审建议",
    "appearance_record": "负责人出庭应诉案件备案",
    "loss_report": "败诉原因分析（责任调查）报告",
    "archive": "立卷归档",
    "suggestion_reply": "书面回复司法建议",
}

# Periodic duties (not per case) are ids of their own, used by yingsu.periodic.
PERIODIC: dict[str, str] = {
    "quarterly_statistics": "上季度行政应诉统计分析数据报送",
    "annual_report": "上一年度行政应诉工作情况报告",
}

# The generic Chinese label of a role, used when neither the case nor the ruleset names the unit.
ROLE_LABELS: dict[Role, str] = {
    Role.defendant: "被诉行政机关",
    Role.act_maker: "被诉行政行为作出单位",
    Role.justice_bureau: "司法行政部门",
    Role.reconsideration_body: "行政复议机构",
    Role.government_office: "人民政府办公室",
    Role.lead_department: "牵头部门",
    Role.co_department: "其他共同作出部门",
    Role.responsible_unit: "职责归属单位",
    Role.functional_department: "相关职能部门",
    Role.township: "相关街镇",
    Role.disclosure_handler: "信息公开事项的具体承办机关",
    Role.first_instance_undertaker: "一审应诉承办单位",
    Role.successor: "继续履行其职能的单位",
    Role.legal_adviser_office: "法律顾问室",
    Role.government: "本级人民政府",
}

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
