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


_by_provenance: dict[int, tuple[object, dict[str, str]]] = {}  # one decision's headers, per Provenance
_MAX_CACHED = 64


def headers(decisions: list[Decision]) -> dict[str, str]:
    """Yingsu-Version, and for the rulesets and calendar that decided: their content hashes."""
    if len(decisions) == 1 and decisions[0].provenance is not None:
        # the common case (one evaluate): Provenance objects are shared per ruleset and calendar
        prov = decisions[0].provenance
        hit = _by_provenance.get(id(prov))
        if hit is not None and hit[0] is prov:
            return dict(hit[1])
        made = _headers([prov])
        if len(_by_provenance) < _MAX_CACHED:
            _by_provenance[id(prov)] = (prov, made)
        return dict(made)
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
