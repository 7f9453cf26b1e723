"""Write examples/docket-2026.yaml: a reproducible docket of 2026 cases across the five cities.

    python examples/make_docket.py            # (re)writes examples/docket-2026.yaml
    python examples/make_docket.py --check    # exit 1 if the committed file is stale

Seeded (random.Random(SEED)): the same file every time. The cases are plausible, not real:
they exist to exercise `yingsu docket` (first trial of the year, yearly rates, the agenda).
Facts are as of AS_OF: a hearing after it has no principal_appeared, a judgment after it
does not exist yet.
"""
from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

SEED = 2026
COUNT = 240
AS_OF = date(2026, 11, 23)
OUT = Path(__file__).resolve().parent / "docket-2026.yaml"

# Per city: id prefix, the government defendant(s) (name, level or None), departments, townships.
CITIES = {
    "xianzhou": ("XZ", [("武汉市新洲区人民政府", None)],
                 ["区住房和城乡建设局", "区自然资源和规划局", "区城市管理执法局", "区市场监督管理局", "区人力资源和社会保障局"],
                 ["邾城街道办事处", "阳逻街道办事处", "仓埠街道办事处"]),
    "zhongwei": ("ZW", [("中卫市人民政府", None)],
                 ["中卫市自然资源局", "中卫市住房和城乡建设局", "中卫市市场监督管理局", "中卫市公安局"],
                 ["沙坡头区滨河镇人民政府"]),
    "yanshi": ("YS", [("洛阳市偃师区人民政府", None)],
               ["偃师区自然资源局", "偃师区住房和城乡建设局", "偃师区城市管理局", "偃师区市场监督管理局"],
               ["首阳山街道办事处", "商城街道办事处", "府店镇人民政府"]),
    "xinzhou": ("XIN", [("忻州市人民政府", "city"), ("原平市人民政府", "county"), ("定襄县人民政府", "county")],
                ["忻州市自然资源局", "忻州市住房和城乡建设局", "忻州市市场监督管理局", "忻州市生态环境局"],
                ["忻府区长征街街道办事处"]),
    "dezhou": ("DZ", [("德州市人民政府", "city"), ("齐河县人民政府", "county")],
               ["德州市自然资源和规划局", "德州市住房和城乡建设局", "德州市市场监督管理局", "德州市综合行政执法局"],
               ["德城区新湖街道办事处"]),
}
WEIGHTS = {"xianzhou": 60, "zhongwei": 40, "yanshi": 50, "xinzhou": 45, "dezhou": 45}
CATEGORIES = ["other"] * 12 + [
    "state_land_house_expropriation", "collective_land_expropriation", "information_disclosure",
    "forced_demolition", "license_revocation", "natural_resource_rights",
]
CIRCUMSTANCES = ["major_public_interest", "high_social_concern", "mass_incident_risk", "petition_backlog",
                 "livelihood_loss", "environmental_protection"]
JUDGMENTS = (
    [["claims_dismissed"]] * 70 + [["revoked"]] * 12 + [["confirmed_illegal"]] * 6 + [["perform_duty"]] * 4
    + [["revoked", "redo"]] * 3 + [["payment"]] * 2 + [["compensation"]] + [["void"]] + [["modified"]]
)


def make_case(rng: random.Random, city: str) -> dict:
    prefix, governments, departments, townships = CITIES[city]
    kind = rng.choices(["government", "department", "township", "management_committee", "authorized_org"],
                       [35, 40, 15, 5, 5])[0]
    case: dict = {"city": city}
    if kind == "government":
        name, level = rng.choice(governments)
        defendant = {"kind": kind, "name": name}
        if level:
            defendant["level"] = level
    elif kind == "department":
        defendant = {"kind": kind, "name": rng.choice(departments)} if rng.random() < 0.9 else {"kind": kind}
    elif kind == "township":
        defendant = {"kind": kind, "name": rng.choice(townships)}
    else:
        defendant = {"kind": kind}  # unnamed: grouped by kind and level in the docket
    case["defendant"] = defendant

    if kind == "government" and rng.random() < 0.25:
        if rng.random() < 0.6:
            case["reconsideration"] = {"government_role": "co_defendant", "outcome": "upheld"}
        else:
            case["reconsideration"] = {"government_role": "sole_defendant",
                                       "outcome": rng.choice(["changed", "inadmissible", "no_decision"])}
    maker = rng.choice(departments)
    case["act"] = {"maker": maker, "maker_kind": "department", "category": rng.choice(CATEGORIES)}
    if kind == "government":
        case["act"]["in_government_name"] = rng.random() < 0.9

    proceeding: dict = {}
    second = rng.random() < 0.15
    proceeding["instance"] = "second" if second else "first"
    if second:
        proceeding["appellant"] = rng.choice(["plaintiff", "agency"])
        proceeding["first_instance_lost"] = proceeding["appellant"] == "agency"
    if rng.random() < 0.1:
        proceeding["procedure"] = "simple"
    session = rng.choices(["trial", "none", "evidence_exchange", "inquiry", "not_accepted", None],
                          [75, 7, 4, 3, 3, 8])[0]
    if session:
        proceeding["session"] = session
    if rng.random() < 0.12:  # some offices fill it in by hand; the docket checks it
        proceeding["first_trial_of_year"] = rng.random() < 0.5
    proceeding["plaintiffs"] = rng.choice([1, 1, 1, 2, 3, 12])
    case["proceeding"] = proceeding

    if rng.random() < 0.1:
        case["circumstances"] = [rng.choice(CIRCUMSTANCES)]
    if rng.random() < 0.08:
        case["principal_requests"] = [{"by": "court", "rank": rng.choice(["principal", "head"]), "written": True}]
    if rng.random() < 0.05:
        case["principal_unavailable"] = True

    served = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    events: dict = {"served": served}
    if rng.random() < 0.5:
        events["forwarded"] = served + timedelta(days=rng.randrange(0, 3))
    hearing = None
    if session not in ("none", "not_accepted") and rng.random() < 0.92:
        hearing = served + timedelta(days=rng.randrange(25, 80))
        events["hearing"] = hearing
        if hearing <= AS_OF and rng.random() < 0.9:
            # a principal with a valid reason not to appear did not appear (the Case refuses both)
            case["principal_appeared"] = rng.random() < 0.78 and not case.get("principal_unavailable")
    after = hearing or served
    judgment_served = after + timedelta(days=rng.randrange(10, 60))
    if judgment_served <= AS_OF and rng.random() < 0.85:
        events["judgment_served"] = judgment_served
        if session in ("none", "not_accepted"):
            document = "ruling"
        else:
            document = rng.choices(["judgment", "ruling", "withdrawal", "mediation"], [78, 12, 7, 3])[0]
        outcome: dict = {"document": document}
        if document == "judgment":
            outcome["dispositions"] = list(rng.choice(JUDGMENTS))
        elif document == "ruling":
            outcome["dispositions"] = ["suit_dismissed"]
        case["outcome"] = outcome
        effective = judgment_served if second else judgment_served + timedelta(days=16)
        if effective <= AS_OF:
            events["judgment_effective"] = effective
            events["case_closed"] = effective
        if rng.random() < 0.04:
            events["suggestion_received"] = judgment_served + timedelta(days=rng.randrange(3, 30))
    case["events"] = events
    return case


def docket() -> list[dict]:
    rng = random.Random(SEED)
    cities = list(WEIGHTS)
    numbers = {c: 0 for c in cities}
    out = []
    for _ in range(COUNT):
        city = rng.choices(cities, [WEIGHTS[c] for c in cities])[0]
        numbers[city] += 1
        out.append({"id": f"{CITIES[city][0]}-2026-{numbers[city]:03d}", "case": make_case(rng, city)})
    return out


def render() -> str:
    header = (
        f"# A generated docket of {COUNT} cases served in 2026 (examples/make_docket.py, seed {SEED}).\n"
        f"# Facts as of {AS_OF}. Plausible, not real: for `yingsu docket` and tests/test_docket.py.\n"
    )
    return header + yaml.dump(docket(), Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)


class _NoAliases(yaml.SafeDumper):
    """Write a repeated date twice instead of as a YAML alias (&id001 / *id001)."""

    def ignore_aliases(self, data):
        return True


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python examples/make_docket.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({COUNT} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
