"""Provenance in response headers: what produced the Decisions of a response (出处)."""
from __future__ import annotations

from .. import __version__
from ..decision import Decision


def every_ruleset() -> dict[str, str]:
    """The headers of a response whose decisions are not known when it starts (a batch):
    the hashes of every city's ruleset, any of which may decide a line."""
    from ..calendar import default_calendar
    from ..provenance import provenance_of
    from ..rulesets import available_cities, get_ruleset

    return _headers([provenance_of(get_ruleset(c), default_calendar()) for c in available_cities()])


def headers(decisions: list[Decision]) -> dict[str, str]:
    """Yingsu-Version, and for the rulesets and calendar that decided: their content hashes."""
    return _headers([d.provenance for d in decisions if d.provenance is not None])


def _headers(prov: list) -> dict[str, str]:
    out = {"Yingsu-Version": __version__}
    seen: dict[str, str] = {}
    for p in prov:
        seen.setdefault(p.ruleset.id, p.ruleset.sha256)
    if prov:
        p = prov[0]
        out["Yingsu-Ruleset"] = ", ".join(f"{k}=sha256:{v}" for k, v in seen.items())
        out["Yingsu-Base"] = f"{p.base.id}=sha256:{p.base.sha256}"
        out["Yingsu-Calendar"] = f"holidays={p.calendar.holidays}; arrangements=sha256:{p.calendar.sha256}"
    return out
