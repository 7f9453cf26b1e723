"""Provenance in response headers: what produced the Decisions of a response (出处)."""
from __future__ import annotations

from .. import __version__
from ..decision import Decision


def headers(decisions: list[Decision]) -> dict[str, str]:
    """Yingsu-Version, and for the rulesets and calendar that decided: their content hashes."""
    out = {"Yingsu-Version": __version__}
    seen: dict[str, str] = {}
    prov = [d.provenance for d in decisions if getattr(d, "provenance", None) is not None]
    for p in prov:
        seen.setdefault(p.ruleset.id, p.ruleset.sha256)
    if prov:
        p = prov[0]
        out["Yingsu-Ruleset"] = ", ".join(f"{k}=sha256:{v}" for k, v in seen.items())
        out["Yingsu-Base"] = f"{p.base.id}=sha256:{p.base.sha256}"
        out["Yingsu-Calendar"] = f"holidays={p.calendar.holidays}; arrangements=sha256:{p.calendar.sha256}"
    return out
