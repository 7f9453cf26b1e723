"""Provenance (出处): what produced a Decision — the yingsu version, the content hash of the
ruleset files that decided it, of the national base, and of the calendar data.

An answer an office must defend needs to say what produced it: two Decisions with the same
provenance come from byte-identical rules, ordinance texts and calendar data. Hashes are
SHA-256 over the files' text as the loader read it (each file's name, length and content),
so one changed character in a rule, a quote or the ordinance changes them.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

from .calendar import WorkingCalendar, holidays_version
from .decision import CalendarData, Provenance, RulesetDigest

_cache: dict[tuple[int, int], tuple[object, object, Provenance]] = {}
_MAX_CACHED = 64


def content_hash(parts: Iterable[tuple[str, str]]) -> str:
    """SHA-256 (hex) over (name, text) pairs, each framed by its name and length."""
    h = hashlib.sha256()
    for name, text in parts:
        data = text.encode("utf-8")
        h.update(f"{name}\0{len(data)}\0".encode("utf-8"))
        h.update(data)
    return h.hexdigest()


def ruleset_hash(rs) -> RulesetDigest:
    """The digest a ruleset carries from its load (rulesets.load_ruleset hashes the files it read)."""
    return RulesetDigest(id=rs.id, version=getattr(rs, "version", None), sha256=rs.sha256,
                         files=list(rs.hashed_files))


def calendar_data(calendar: WorkingCalendar) -> CalendarData:
    """holidays' version and a hash of the official arrangements the calendar holds."""
    version = holidays_version()  # read without importing holidays (start-up time)
    parts = [("holidays", version)]
    for year, a in sorted(calendar.arrangements.items()):
        days = ",".join(d.isoformat() for d in sorted(a.rest_days)) + ";" + ",".join(
            d.isoformat() for d in sorted(a.working_days))
        parts.append((f"{year}:{a.source}", days))
    prefix = f"holidays {version}"
    rest = calendar.source.removeprefix(prefix).removeprefix(" + ")
    return CalendarData(holidays=version, arrangements=[x for x in rest.split(" + ") if x],
                        sha256=content_hash(parts))


def provenance_of(rs, calendar: WorkingCalendar) -> Provenance:
    """The provenance of a Decision made under `rs` with `calendar` (built once per pair)."""
    key = (id(rs), id(calendar))
    hit = _cache.get(key)
    if hit is not None and hit[0] is rs and hit[1] is calendar:
        return hit[2]
    from . import __version__
    from .rulesets import get_base

    base = get_base()
    prov = Provenance(yingsu=__version__, ruleset=ruleset_hash(rs), base=ruleset_hash(base),
                      calendar=calendar_data(calendar))
    if len(_cache) >= _MAX_CACHED:
        _cache.clear()
    _cache[key] = (rs, calendar, prov)
    return prov
