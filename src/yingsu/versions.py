"""Dated versions (版本) of a city's ruleset: which version decides a case, and whether the
versions of one city fit together in time.

A case is decided by the version in force on `events.served` (today where there is none).
Where no version is in force that day, the nearest one decides and the decision says the
ruleset was not in force: the version that ended last before that day (a gap, or after the
last end), else the first one. `evaluate(case, version=V)` pins a version, so an old decision
can be reproduced exactly.

The validity windows (effective_from … effective_to) of one city may not overlap; a gap
between two versions is a warning (`yingsu check` prints it). `replaces:` must name another
version of the same city, one that starts earlier.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .cities import city_folder, city_ids
from .errors import RulesetError


@dataclass(frozen=True)
class Timeline:
    """The versions of one city, by effective_from, and what `check` found."""

    city: str
    versions: tuple  # tuple[Ruleset, ...], earliest first
    warnings: tuple[str, ...]

    def ids(self) -> tuple[str | None, ...]:
        return tuple(v.version for v in self.versions)


def _start(rs) -> date:
    return rs.effective_from or date.min


def _end(rs) -> date:
    return rs.effective_to or date.max


@lru_cache(maxsize=None)
def timeline(city: str) -> Timeline:
    """Every version of a city, loaded and validated, with the checks across versions."""
    from .rulesets import get_base, load_ruleset

    folder = city_folder(city)
    if folder is None or city not in city_ids():
        known = ", ".join(city_ids()) or "none"
        raise RulesetError(f"no ruleset for city '{city}' (available: {known})", None)
    base = get_base()
    loaded = sorted((load_ruleset(v.path, base) for v in folder.versions), key=lambda rs: (_start(rs), rs.version or ""))
    return Timeline(city, tuple(loaded), tuple(_check(loaded)))


def _check(versions: list) -> list[str]:
    """Errors raise (overlap, duplicate id, bad `replaces`); gaps are returned as warnings."""
    warnings = []
    by_id = {}
    for rs in versions:
        if rs.version in by_id:
            raise RulesetError(f"two versions of '{rs.id}' have the id '{rs.version}'", rs.file)
        by_id[rs.version] = rs
    for prev, nxt in zip(versions, versions[1:]):
        if _start(nxt) <= _end(prev):
            raise RulesetError(
                f"the validity of version '{nxt.version}' ({nxt.effective_from} …) overlaps version "
                f"'{prev.version}' (… {prev.effective_to or 'no end'}): one case would have two rulesets",
                nxt.file,
            )
        if _start(nxt) > _end(prev) + timedelta(days=1):
            warnings.append(
                f"{nxt.id}: 版本 {prev.version}（至 {prev.effective_to}）与版本 {nxt.version}（自 {nxt.effective_from}）"
                f"之间有空档：其间收到的案件没有施行中的规定"
            )
    for rs in versions:
        if rs.replaces is None:
            continue
        old = by_id.get(rs.replaces)
        if old is None or old is rs:
            known = ", ".join(str(v.version) for v in versions if v is not rs) or "none"
            raise RulesetError(f"ruleset.replaces '{rs.replaces}' is not another version of '{rs.id}' (versions: {known})", rs.file)
        if _start(old) >= _start(rs):
            raise RulesetError(f"version '{rs.version}' replaces '{rs.replaces}', which does not start earlier", rs.file)
    return warnings


def version_on(city: str, on: date):
    """The version in force on a day (or, where none is, the nearest: see the module doc)."""
    versions = timeline(city).versions
    if len(versions) == 1:
        return versions[0]
    for rs in versions:
        if _start(rs) <= on <= _end(rs):
            return rs
    earlier = [rs for rs in versions if _start(rs) <= on]
    return earlier[-1] if earlier else versions[0]


def get_version(city: str, version: str | None = None, on: date | None = None):
    """A city's ruleset: the named version, else the one in force on `on` (default today)."""
    t = timeline(city)
    if version is None:
        return version_on(city, on or date.today())
    for rs in t.versions:
        if rs.version == version:
            return rs
    known = ", ".join(str(v) for v in t.ids())
    raise RulesetError(f"city '{city}' has no version '{version}' (versions: {known})", None)


def clear() -> None:
    timeline.cache_clear()
