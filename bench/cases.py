"""Deterministic generator of valid yingsu cases (plain dicts, the contract's JSON).

Every generated case satisfies the contract's consistency checks by construction (no
rejection sampling), so a generated file of any size is a file of valid cases; the bench and
the tests validate samples of it anyway.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any, Iterator

CITIES = ("yanshi", "xinzhou", "xianzhou", "dezhou", "zhongwei")
KINDS = ("government", "department", "township", "management_committee", "authorized_org")
MAKER_KINDS = (
    "department", "township", "management_committee", "government_office",
    "lower_government", "temporary_body", "entrusted_org",
)
CATEGORIES = (
    "state_land_house_expropriation", "collective_land_expropriation", "information_disclosure",
    "natural_resource_rights", "forced_demolition", "production_suspension", "license_revocation",
    "administrative_detention", "other",
)
CIRCUMSTANCES = (
    "major_public_interest", "high_social_concern", "mass_incident_risk", "major_social_impact",
    "mass_litigation", "major_safety_accident", "environmental_protection", "foreign_related_major",
    "supreme_court_review", "procuratorate_public_interest", "petition_backlog", "livelihood_loss",
    "personal_liberty", "head_required_by_law",
)
SESSIONS = ("trial", "trial", "trial", "evidence_exchange", "hearing", "inquiry", "none", "not_accepted")
JUDGMENT_DISPOSITIONS = (
    "revoked", "partially_revoked", "redo", "perform_duty", "payment", "confirmed_illegal", "void",
    "modified", "compensation",
)
UNITS = (
    "区住房和城乡建设局", "区自然资源和规划局", "区城市管理执法局", "区生态环境分局", "区市场监督管理局",
    "区人力资源和社会保障局", "区公安分局", "某街道办事处", "某镇人民政府", "区农业农村局",
)
FIRST_DAY = date(2005, 1, 1).toordinal()
LAST_DAY = date(2026, 12, 31).toordinal()


def _maybe(r: random.Random, p: float, value: Any) -> Any:
    return value if r.random() < p else None


def _flag(r: random.Random) -> bool | None:
    x = r.random()
    return None if x < 0.4 else x < 0.7


def make_case(r: random.Random, city: str | None = None) -> dict[str, Any]:
    """One valid case as contract JSON (dates as ISO text), drawn from `r`."""
    kind = r.choice(KINDS) if r.random() < 0.6 else "government"
    case: dict[str, Any] = {"city": city or r.choice(CITIES), "defendant": {"kind": kind}}
    if r.random() < 0.5:
        case["defendant"]["level"] = r.choice(("city", "county"))
    if r.random() < 0.3:
        case["defendant"]["name"] = "某区人民政府" if kind == "government" else r.choice(UNITS)
    if kind == "government" and r.random() < 0.4:
        role = r.choice(("sole_defendant", "co_defendant", None))
        # co-defendant exactly when upheld (行政诉讼法 第二十六条第二款; 最高法解释 第一百三十四条)
        outcomes = {"co_defendant": ["upheld", None], "sole_defendant": ["changed", "inadmissible", "no_decision", None],
                    None: ["upheld", "changed", "inadmissible", "no_decision", None]}[role]
        rec = {k: v for k, v in (("government_role", role), ("outcome", r.choice(outcomes))) if v is not None}
        case["reconsideration"] = rec
    act: dict[str, Any] = {}
    if r.random() < 0.7:
        act["maker"] = r.choice(UNITS)
    for key, p in (("maker_kind", 0.6), ("category", 0.8)):
        if r.random() < p:
            act[key] = r.choice(MAKER_KINDS if key == "maker_kind" else CATEGORIES)
    for key in ("in_government_name", "approved_by_government", "inaction", "maker_abolished"):
        v = _flag(r)
        if v is not None:
            act[key] = v
    if act.get("inaction") and r.random() < 0.7:
        act["responsible_unit"] = r.choice(UNITS)
    if r.random() < 0.15:
        deps = r.sample(UNITS, r.choice((2, 2, 3)))
        act["departments"] = deps
        if r.random() < 0.7:
            act["lead_department"] = r.choice(deps)
            v = _flag(r)
            if v is not None:
                act["lead_has_duty"] = v
    if act.get("maker_abolished") is not False and r.random() < 0.2:
        act["maker_abolished"] = True
        act["successor"] = r.choice(UNITS)
    if act:
        case["act"] = act
    pr: dict[str, Any] = {}
    instance = r.choice(("first", "first", "first", "second", "retrial", None))
    if instance:
        pr["instance"] = instance
    if instance in ("second", "retrial") and r.random() < 0.6:  # an absent instance is not assumed
        pr["appellant"] = r.choice(("plaintiff", "agency"))
        v = _flag(r)
        if v is not None:
            pr["first_instance_lost"] = v
        if r.random() < 0.5:
            pr["first_instance_undertaker"] = r.choice(UNITS)
    if r.random() < 0.3:
        pr["procedure"] = r.choice(("ordinary", "simple"))
    session = r.choice(SESSIONS) if r.random() < 0.8 else None
    if session:
        pr["session"] = session
    v = _flag(r)
    if v is not None:
        pr["first_trial_of_year"] = v
    if r.random() < 0.5:
        pr["plaintiffs"] = r.randint(1, 60)
    if pr:
        case["proceeding"] = pr
    if r.random() < 0.5:
        case["circumstances"] = r.sample(CIRCUMSTANCES, r.randint(1, 3))
    if r.random() < 0.3:
        by = r.sample(("court", "government", "superior"), r.randint(1, 2))
        reqs = []
        for b in by:
            q: dict[str, Any] = {"by": b, "rank": r.choice(("principal", "head"))}
            w = _flag(r)
            if w is not None:
                q["written"] = w
            reqs.append(q)
        case["principal_requests"] = reqs
    for key in ("principal_unavailable", "principal_appeared"):
        v = _flag(r)
        if v is not None:
            case[key] = v
    if case.get("principal_appeared") and (case.get("principal_unavailable") or session in ("none", "not_accepted")):
        del case["principal_appeared"]  # nothing to appear at, or a valid reason not to
    # events: each later event is an offset from served (so the order always holds)
    served = date.fromordinal(r.randint(FIRST_DAY, LAST_DAY))
    ev: dict[str, Any] = {}
    if r.random() < 0.9:
        ev["served"] = served
    if r.random() < 0.5:
        ev["forwarded"] = served + timedelta(days=r.randint(0, 5))
    if session not in ("none", "not_accepted") and r.random() < 0.6:
        ev["hearing"] = served + timedelta(days=r.randint(20, 90))
    if r.random() < 0.5:
        js = served + timedelta(days=r.randint(30, 200))
        ev["judgment_served"] = js
        if r.random() < 0.7:
            ev["judgment_effective"] = js + timedelta(days=r.randint(0, 30))
        if r.random() < 0.5:
            ev["case_closed"] = js + timedelta(days=r.randint(0, 40))
    if r.random() < 0.1:
        ev["suggestion_received"] = served + timedelta(days=r.randint(10, 300))
    if ev:
        case["events"] = {k: v.isoformat() for k, v in ev.items()}
    if r.random() < 0.5:
        doc = r.choice(("judgment", "judgment", "ruling", "mediation", "withdrawal", None))
        out: dict[str, Any] = {}
        if doc:
            out["document"] = doc
        if doc in (None, "judgment") and r.random() < 0.9:
            x = r.random()
            if x < 0.35:
                out["dispositions"] = ["claims_dismissed"]
            else:
                out["dispositions"] = r.sample(JUDGMENT_DISPOSITIONS, r.choice((1, 1, 1, 2)))
        elif doc == "ruling" and r.random() < 0.8:
            out["dispositions"] = ["suit_dismissed"]
        # no session: no judgment on the merits at first instance, none at all if not accepted
        if session == "not_accepted" and doc in ("judgment", "mediation"):
            out["document"] = "ruling"
        if session == "not_accepted" or (session == "none" and instance in (None, "first")):
            out["dispositions"] = [d for d in out.get("dispositions", []) if d == "suit_dismissed"]
        case["outcome"] = out
    return case


def generate(n: int, seed: int = 1, city: str | None = None) -> Iterator[dict[str, Any]]:
    """`n` valid cases (all cities unless `city`), reproducible from `seed`."""
    r = random.Random(seed)
    for _ in range(n):
        yield make_case(r, city)


def write_jsonl(path: str, n: int, seed: int = 1, city: str | None = None) -> None:
    """`n` generated cases, one JSON object a line."""
    dumps = json.dumps
    with open(path, "w", encoding="utf-8") as f:
        buf = []
        for case in generate(n, seed, city):
            buf.append(dumps(case, ensure_ascii=False))
            if len(buf) >= 10_000:
                f.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            f.write("\n".join(buf) + "\n")
