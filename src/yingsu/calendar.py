"""The working-day calendar (工作日历) on which yingsu counts deadlines.

A working day (工作日) is Monday to Friday, minus statutory holidays (法定节假日) and the
rest days of the annual 调休 arrangement, plus the weekend days that the arrangement turns
into make-up working days (调休上班). The data come from the `holidays` package
(``holidays.China``) and, for years it lacks or gets wrong, from the State Council's annual
notice (国务院办公厅关于…部分节假日安排的通知) transcribed into YAML.

A year is *official* (已公布安排) when its arrangement is known, either from `holidays` or from
YAML. Every other year is computed from the statutory rules alone and is *provisional*
(暂定): its 调休 days are not known until the State Council publishes them.

Limits, stated rather than hidden:
- the calendar covers 1950-01-01 to 2199-12-31; `holidays.China` has no data after 2100, so
  later years count weekends only (they are provisional anyway);
- the five-day week is applied to every year, including those before 1995-05-01 when China
  still worked on Saturdays.

Queries are answered from a precomputed index (a prefix count of working days plus the list
of working-day ordinals), so each offset costs O(1) once the index covers the years asked.
The index is built for the years asked (a year either side), and grows as queries leave it;
the days of `holidays` are kept per year in yingsu.cache, so a process whose years are
cached never imports `holidays`.

An arrangement file must be plausible (see `_implausible`): rest days are weekdays (or a
statutory holiday), make-up days are weekends, every statutory holiday on a weekday is a
rest day, and the swaps are bounded. A file may not replace a year the package already has
unless it says `replaces_official: true` with a `reason:`; every Decision whose counting
touches such a year then carries a warning.
"""
from __future__ import annotations

import functools
import os
import stat as _stat
import threading
from array import array
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from itertools import accumulate, compress
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import yaml

from yingsu import cache
from yingsu.errors import CalendarError, RulesetError

__all__ = [
    "ARRANGEMENTS_ENV",
    "MAX_YEAR",
    "MIN_YEAR",
    "Arrangement",
    "WorkingCalendar",
    "default_calendar",
    "load_arrangements",
    "parse_arrangements",
    "set_default_calendar",
]

MIN_YEAR = 1950  # holidays.China starts here (founding of the PRC calendar of holidays)
MAX_YEAR = 2199
ARRANGEMENTS_ENV = "YINGSU_ARRANGEMENTS"

# First use indexes the year asked and one either side (deadlines rarely leave them); when a
# query leaves the index it grows by at least this many years.
_MARGIN_YEARS = 1
_GROWTH_YEARS = 4
# Plausibility of an arrangement file (history 2001–2026: at most 12 调休 rest days and 12
# make-up days a year; 2020's extension added 2 more).
MAX_SWAP_DAYS = 15

_FIRST = date(MIN_YEAR, 1, 1)
_LAST = date(MAX_YEAR, 12, 31)


@dataclass(frozen=True)
class Arrangement:
    """One year's official holiday arrangement (国务院办公厅部分节假日安排).

    rest_days: the 放假 days (法定节假日 and 调休 rest days; weekend days inside a holiday
    block may be listed or not, they are rest days either way).
    working_days: the weekend days turned into working days (调休上班).
    source: where the data come from, normally the notice's title and document number.
    """

    year: int
    rest_days: frozenset[date]
    working_days: frozenset[date]
    source: str
    replaces_official: bool = False  # the file says it replaces a year the package has
    reason: str | None = None  # why (required with replaces_official)

    def __post_init__(self) -> None:
        # Accept any iterable of dates; store frozensets so the arrangement stays hashable.
        for kind in ("rest_days", "working_days"):
            days = getattr(self, kind)
            if not isinstance(days, frozenset) and not isinstance(days, (str, bytes)):
                try:
                    object.__setattr__(self, kind, frozenset(days))
                except TypeError:
                    pass
        problem = _arrangement_problem(self)
        if problem:
            raise CalendarError(f"arrangement for {self.year}: {problem}")


def _arrangement_problem(a: Arrangement) -> str | None:
    if isinstance(a.year, bool) or not isinstance(a.year, int):
        return f"year must be an integer, got {a.year!r}"
    if not MIN_YEAR <= a.year <= MAX_YEAR:
        return f"year {a.year} is outside {MIN_YEAR}–{MAX_YEAR}"
    if not isinstance(a.source, str) or not a.source.strip():
        return "source must be a non-empty string"
    for kind, days in (("rest_days", a.rest_days), ("working_days", a.working_days)):
        if not isinstance(days, frozenset):
            return f"{kind} must be a frozenset of dates"
        for d in days:
            if isinstance(d, datetime) or not isinstance(d, date):
                return f"{kind} holds {d!r}, which is not a date"
            if d.year != a.year:
                return f"{kind} holds {d.isoformat()}, which is not in {a.year}"
    for d in a.working_days:
        if d.weekday() < 5:
            return f"working day {d.isoformat()} is a weekday; 调休上班 days are Saturdays or Sundays"
    both = a.rest_days & a.working_days
    if both:
        return f"{min(both).isoformat()} is both a rest day and a working day"
    return None


@dataclass(frozen=True)
class _Index:
    """Working days of the years first..last: pre[i] = working days among base..base+i-1."""

    first: int
    last: int
    base: int  # ordinal of first-01-01
    pre: array  # length days+1
    workdays: array  # ordinals of the working days, ascending

    def covers(self, d: date) -> bool:
        return self.first <= d.year <= self.last


class WorkingCalendar:
    """The 工作日历: which days are working days, and offsets counted in working days.

    `arrangements` adds or replaces official arrangements per year: for such a year the
    non-working days are exactly the weekends not in `working_days` plus `rest_days`, and the
    year counts as official. `label` names where they came from (for `source`).
    """

    def __init__(
        self,
        arrangements: Mapping[int, Arrangement] | None = None,
        *,
        label: str | None = None,
    ) -> None:
        arrangements = dict(arrangements or {})
        for year, arr in arrangements.items():
            if not isinstance(arr, Arrangement):
                raise CalendarError(f"arrangement for {year} is not an Arrangement: {arr!r}")
            if arr.year != year:
                raise CalendarError(f"arrangement filed under {year} is for {arr.year}")
        self._arrangements = MappingProxyType(arrangements)
        if arrangements and not label:
            label = "arrangements for " + ", ".join(str(y) for y in sorted(arrangements))
        self._label = label if arrangements else None
        self._holiday_official = _holidays_official_years()
        self._official = frozenset(self._holiday_official | set(arrangements))
        self._replaced = frozenset(
            y for y, a in arrangements.items() if y in self._holiday_official or a.replaces_official
        )
        self._year_days: dict[int, tuple[frozenset[int], frozenset[int]]] = {}
        self._index: _Index | None = None
        self._lock = threading.Lock()

    # -- description -------------------------------------------------------------------

    @property
    def source(self) -> str:
        """Where the calendar's data come from, e.g. 'holidays 0.109 + official_arrangements.yaml'."""
        base = f"holidays {holidays_version()}"
        return f"{base} + {self._label}" if self._label else base

    @property
    def arrangements(self) -> Mapping[int, Arrangement]:
        """The arrangements given to this calendar (read-only), by year."""
        return self._arrangements

    @property
    def official_years(self) -> tuple[int, ...]:
        """Years whose official arrangement (已公布的节假日安排) is known, ascending."""
        return tuple(sorted(self._official))

    def is_official(self, year: int) -> bool:
        """True when `year`'s official arrangement is known; otherwise the year is provisional."""
        return year in self._official

    def year_source(self, year: int) -> str:
        """Where `year`'s days come from: the notice, holidays' official data, or statutory rules."""
        if year in self._arrangements:
            return self._arrangements[year].source
        if year in self._holiday_official:
            return f"holidays {holidays_version()} (official arrangement)"
        return f"holidays {holidays_version()} statutory rules only (provisional)"

    @property
    def replaced_years(self) -> tuple[int, ...]:
        """Years whose official data an arrangement replaced (替换官方数据的年份), ascending."""
        return tuple(sorted(self._replaced))

    def replaced_years_between(self, a: date, b: date) -> tuple[int, ...]:
        """Replaced years touched by [min(a, b), max(a, b)]."""
        if not self._replaced:
            return ()
        lo, hi = sorted((_check_date(a).year, _check_date(b).year))
        return tuple(y for y in range(lo, hi + 1) if y in self._replaced)

    def replacement_note(self, year: int) -> str:
        """Who replaced `year`'s official data and why (for the Decision's warning)."""
        a = self._arrangements.get(year)
        if a is None:
            return ""
        return f"{a.source}；理由：{a.reason or '未说明'}"

    def provisional_years(self, a: date, b: date) -> tuple[int, ...]:
        """Years touched by [min(a, b), max(a, b)] without an official arrangement (暂定年份)."""
        lo, hi = sorted((_check_date(a).year, _check_date(b).year))
        return tuple(y for y in range(lo, hi + 1) if y not in self._official)

    @property
    def indexed_years(self) -> tuple[int, int] | None:
        """(first, last) year of the index built so far (None before the first query)."""
        idx = self._index
        return (idx.first, idx.last) if idx is not None else None

    # -- queries -----------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True when `d` is a 工作日."""
        idx = self._covering(d)
        i = d.toordinal() - idx.base
        return idx.pre[i + 1] != idx.pre[i]

    def working_day_after(self, d: date, n: int = 1) -> date:
        """The n-th working day strictly after `d` (n >= 1); `d` itself is not counted."""
        n = _check_n(n, 1)
        idx = self._covering(d)
        while True:
            k = idx.pre[d.toordinal() - idx.base + 1] + n - 1
            if k < len(idx.workdays):
                return date.fromordinal(idx.workdays[k])
            idx = self._grow_up(idx, k - len(idx.workdays) + 1, f"{n} working day(s) after {d.isoformat()}")

    def working_day_before(self, d: date, n: int = 1) -> date:
        """The n-th working day strictly before `d` (n >= 1); `d` itself is not counted."""
        n = _check_n(n, 1)
        idx = self._covering(d)
        while True:
            k = idx.pre[d.toordinal() - idx.base] - n
            if k >= 0:
                return date.fromordinal(idx.workdays[k])
            idx = self._grow_down(idx, -k, f"{n} working day(s) before {d.isoformat()}")

    def next_working_day_on_or_after(self, d: date) -> date:
        """`d` if it is a working day, else the first working day after it (顺延)."""
        idx = self._covering(d)
        while True:
            k = idx.pre[d.toordinal() - idx.base]
            if k < len(idx.workdays):
                return date.fromordinal(idx.workdays[k])
            idx = self._grow_up(idx, 1, f"the first working day on or after {d.isoformat()}")

    def previous_working_day_on_or_before(self, d: date) -> date:
        """`d` if it is a working day, else the last working day before it (提前)."""
        idx = self._covering(d)
        while True:
            k = idx.pre[d.toordinal() - idx.base + 1] - 1
            if k >= 0:
                return date.fromordinal(idx.workdays[k])
            idx = self._grow_down(idx, 1, f"the last working day on or before {d.isoformat()}")

    # -- index -------------------------------------------------------------------------

    def _covering(self, d: date) -> _Index:
        _check_date(d)
        idx = self._index
        if idx is not None and idx.covers(d):
            return idx
        if idx is None:
            lo, hi = d.year - _MARGIN_YEARS, d.year + _MARGIN_YEARS
        else:
            lo = min(idx.first, d.year - (_GROWTH_YEARS if d.year < idx.first else 0))
            hi = max(idx.last, d.year + (_GROWTH_YEARS if d.year > idx.last else 0))
        return self._build(max(lo, MIN_YEAR), min(hi, MAX_YEAR))

    def _grow_up(self, idx: _Index, missing: int, what: str) -> _Index:
        if idx.last >= MAX_YEAR:
            raise CalendarError(f"{what} lies after {_LAST.isoformat()}, the end of the working-day calendar")
        years = max(_GROWTH_YEARS, missing // 240 + 1)  # fewer than 250 working days a year
        return self._build(idx.first, min(MAX_YEAR, idx.last + years))

    def _grow_down(self, idx: _Index, missing: int, what: str) -> _Index:
        if idx.first <= MIN_YEAR:
            raise CalendarError(
                f"{what} lies before {_FIRST.isoformat()}, the start of the working-day calendar"
            )
        years = max(_GROWTH_YEARS, missing // 240 + 1)
        return self._build(max(MIN_YEAR, idx.first - years), idx.last)

    def _build(self, first: int, last: int) -> _Index:
        with self._lock:
            cur = self._index
            if cur is not None:
                if cur.first <= first and last <= cur.last:
                    return cur  # another thread built it meanwhile
                first, last = min(first, cur.first), max(last, cur.last)
            self._load_years(range(first, last + 1))
            base = date(first, 1, 1).toordinal()
            days = date(last, 12, 31).toordinal() - base + 1
            wd0 = date(first, 1, 1).weekday()
            week = bytes(1 if (wd0 + k) % 7 < 5 else 0 for k in range(7))
            flags = bytearray((week * (days // 7 + 1))[:days])
            for y in range(first, last + 1):
                rest, work = self._year_days[y]
                for o in rest:
                    flags[o - base] = 0
                for o in work:
                    flags[o - base] = 1
            idx = _Index(
                first=first,
                last=last,
                base=base,
                pre=array("l", accumulate(flags, initial=0)),
                workdays=array("l", compress(range(base, base + days), flags)),
            )
            self._index = idx  # one assignment: readers see the old or the new index
            return idx

    def _load_years(self, years: Iterable[int]) -> None:
        """Fill `_year_days[y]` = (rest ordinals, make-up working ordinals) for each year."""
        missing = [y for y in years if y not in self._year_days]
        for y in missing:
            a = self._arrangements.get(y)
            if a is not None:
                self._year_days[y] = (
                    frozenset(d.toordinal() for d in a.rest_days),
                    frozenset(d.toordinal() for d in a.working_days),
                )
        wanted = [y for y in missing if y not in self._arrangements]
        for y, (rest, work, _statutory) in _holiday_years(wanted).items():
            self._year_days[y] = (frozenset(rest), frozenset(work))


# -- the holidays package's data, per year (cached: yingsu.cache) -------------------------

_data_lock = threading.Lock()
_data: dict | None = None  # {"official": [years], "years": {"YYYY": [rest, work, statutory]}}


@functools.cache
def holidays_version() -> str:
    """The installed holidays version, read without importing the package."""
    try:
        from importlib.metadata import version

        return version("holidays")
    except Exception:  # noqa: BLE001 - not installed as a distribution: ask the module
        import holidays

        return holidays.__version__


def _cache_key() -> str:
    return cache.key("holidays", holidays_version())


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("official"), list) or not isinstance(
        entry.get("years"), dict
    ):
        return False
    if not all(type(y) is int for y in entry["official"]):
        return False
    for y, v in entry["years"].items():
        if not (isinstance(y, str) and y.isdigit() and isinstance(v, list) and len(v) == 3):
            return False
        if not all(isinstance(part, list) and all(type(o) is int for o in part) for part in v):
            return False
    return True


def _holiday_data() -> dict:
    global _data
    if _data is None:
        entry = cache.get("holidays", _cache_key())
        if not _valid_entry(entry):
            from holidays.countries.china import China

            entry = {"official": sorted(y for y in China().special_public_holidays if isinstance(y, int)), "years": {}}
        _data = entry
    return _data


def _holiday_years(years: Iterable[int]) -> dict[int, tuple[list[int], list[int], list[int]]]:
    """(rest ordinals, make-up ordinals, statutory holiday ordinals) of each year, from holidays."""
    years = list(years)
    if not years:
        return {}
    with _data_lock:
        data = _holiday_data()
        known = data["years"]
        wanted = [y for y in years if str(y) not in known]
        if wanted:
            from holidays.countries.china import China

            china = China(years=wanted)
            bare = China(years=wanted, observed=False)
            rest: dict[int, set[int]] = {y: set() for y in wanted}
            work: dict[int, set[int]] = {y: set() for y in wanted}
            statutory: dict[int, set[int]] = {y: set() for y in wanted}
            for d in china:
                if d.year in rest:
                    rest[d.year].add(d.toordinal())
            for d in bare:
                if d.year in statutory:
                    statutory[d.year].add(d.toordinal())
            for y in wanted:  # the State Council's swapped rest days are no statutory holidays
                for entry in china.special_public_holidays.get(y, ()):
                    statutory[y].discard(date(y, entry[0], entry[1]).toordinal())
            # weekend_workdays holds every year holidays knows, not just the years asked.
            for d in china.weekend_workdays:
                if d.year in work:
                    work[d.year].add(d.toordinal())
            for y in wanted:
                known[str(y)] = [sorted(rest[y]), sorted(work[y] - rest[y]), sorted(statutory[y])]
            cache.put("holidays", _cache_key(), data)
        return {y: tuple(known[str(y)]) for y in years}


def _holidays_official_years() -> frozenset[int]:
    """Years for which `holidays` carries the State Council's arrangement."""
    with _data_lock:
        return frozenset(_holiday_data()["official"])


def statutory_holidays(year: int) -> frozenset[date]:
    """The statutory holidays (法定节假日) of `year` by the holidays package's rules."""
    (_rest, _work, statutory), = _holiday_years([year]).values()
    return frozenset(date.fromordinal(o) for o in statutory)


def _check_date(d: object) -> date:
    if not isinstance(d, date):
        raise CalendarError(f"expected a date, got {type(d).__name__} {d!r}")
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise CalendarError(
            f"{d.isoformat()} is outside the working-day calendar "
            f"({_FIRST.isoformat()} to {_LAST.isoformat()})"
        )
    return d


def _check_n(n: object, minimum: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < minimum:
        raise CalendarError(f"the number of working days must be an integer >= {minimum}, got {n!r}")
    return n


# -- arrangement files -------------------------------------------------------------------

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("map", "seq", "str", "int", "timestamp", "null")}
_KEYS = ("source", "rest_days", "working_days", "replaces_official", "reason")
_ALLOWED_TAGS.add(_TAG + "bool")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_BYTES = 1024 * 1024  # a year is a few hundred bytes; anything huge is not an arrangement file


def load_arrangements(
    path: str | os.PathLike[str], known_years: Iterable[int] | None = None
) -> dict[int, Arrangement]:
    """Read an arrangement file (节假日安排数据) and return its arrangements by year.

    Format (YAML, read with the bounded safe reader of cases and rulesets; tags other than
    plain scalars, anchors and aliases are refused)::

        2027:
          source: 国务院办公厅关于2027年部分节假日安排的通知 (国办发明电〔2026〕N号)
          rest_days: [2027-01-01, 2027-02-05, ...]
          working_days: [2027-02-20, ...]

    `known_years` are the years the package already has (default: those `holidays` carries
    officially): a file may replace one only with `replaces_official: true` and `reason:`.
    Raises RulesetError naming the file and line of the offending entry. Only a regular
    file is read (a FIFO, a device or a directory is refused unopened), at most 1 MiB.
    """
    from yingsu.yamlsafe import read_file

    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError as e:
        raise RulesetError(f"cannot read arrangement file: {e.strerror or e}", name) from None
    except ValueError as e:  # an embedded NUL byte
        raise RulesetError(f"cannot read arrangement file: {e}", name) from None
    if not _stat.S_ISREG(st.st_mode):
        kind = "a directory" if _stat.S_ISDIR(st.st_mode) else "a FIFO" if _stat.S_ISFIFO(st.st_mode) else "a device or special file"
        raise RulesetError(f"arrangement file is {kind}, not a regular file", name)
    try:
        text = read_file(name, _MAX_BYTES)
    except RulesetError as e:
        raise RulesetError(f"arrangement file: {e.reason}", name) from None
    return parse_arrangements(text, name, known_years)


def parse_arrangements(
    text: str, file: str = "<arrangements>", known_years: Iterable[int] | None = None
) -> dict[int, Arrangement]:
    """Parse arrangement YAML `text`; `file` names it in errors. See `load_arrangements`."""
    from yingsu.yamlsafe import LineLoader

    known = frozenset(_holidays_official_years() if known_years is None else known_years)

    def fail(message: str, node: yaml.Node | None) -> RulesetError:
        return RulesetError(message, file, node.start_mark.line + 1 if node is not None else None)

    loader = LineLoader(text.removeprefix("\ufeff"))
    try:
        root = loader.get_single_node()  # depth-bounded (yamlsafe.MAX_DEPTH) and expansion-bounded
    except RulesetError as e:
        raise RulesetError(f"invalid YAML: {e.reason}", file, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RulesetError(f"invalid YAML: {e.problem or e}", file, line) from None
    except yaml.YAMLError as e:
        raise RulesetError(f"invalid YAML: {e}", file) from None
    except RecursionError:
        raise RulesetError("invalid YAML: nested too deeply", file) from None
    finally:
        loader.dispose()
    if root is None:
        return {}
    _check_nodes(root, fail)
    if not isinstance(root, yaml.MappingNode):
        raise fail("the file must be a mapping of year -> arrangement", root)

    constructor = LineLoader("")

    def scalar(node: yaml.Node) -> object:
        if not isinstance(node, yaml.ScalarNode):
            raise fail("expected a single value here", node)
        try:
            return constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, RulesetError) as e:
            raise fail(f"bad value {node.value!r}: {e}", node) from None

    result: dict[int, Arrangement] = {}
    for knode, vnode in root.value:
        year = scalar(knode)
        if isinstance(year, bool) or not isinstance(year, int):
            raise fail(f"year key must be an integer, got {knode.value!r}", knode)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise fail(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}", knode)
        if year in result:
            raise fail(f"year {year} appears twice", knode)
        if not isinstance(vnode, yaml.MappingNode):
            raise fail(f"{year}: expected a mapping with source, rest_days, working_days", vnode)
        fields: dict[str, yaml.Node] = {}
        for fk, fv in vnode.value:
            key = scalar(fk)
            if key not in _KEYS:
                raise fail(f"{year}: unknown key {key!r} (allowed: {', '.join(_KEYS)})", fk)
            if key in fields:
                raise fail(f"{year}: key {key!r} appears twice", fk)
            fields[key] = fv
        if "source" not in fields:
            raise fail(f"{year}: missing required key 'source' (the notice's title and number)", knode)
        if "rest_days" not in fields:
            raise fail(f"{year}: missing required key 'rest_days'", knode)
        source = scalar(fields["source"])
        if not isinstance(source, str) or not source.strip():
            raise fail(f"{year}: source must be non-empty text", fields["source"])
        rest = _date_list(year, "rest_days", fields["rest_days"], scalar, fail)
        if not rest:
            raise fail(f"{year}: rest_days lists no day", fields["rest_days"])
        work = _date_list(year, "working_days", fields.get("working_days"), scalar, fail)
        for d, node in work.items():
            if d.weekday() < 5:
                raise fail(
                    f"{year}: working day {d.isoformat()} is a {_WEEKDAYS[d.weekday()]}; "
                    "调休上班 days are Saturdays or Sundays",
                    node,
                )
            if d in rest:
                raise fail(f"{year}: {d.isoformat()} is listed as both a rest day and a working day", node)
        replaces, reason = _replacement(year, fields, scalar, fail, known, knode)
        problem = _implausible(year, rest, work)
        if problem:
            raise fail(f"{year}: {problem[0]}", problem[1] or fields["rest_days"])
        result[year] = Arrangement(year, frozenset(rest), frozenset(work), source.strip(), replaces, reason)
    return result


def _replacement(year, fields, scalar, fail, known, knode) -> tuple[bool, str | None]:
    """(replaces_official, reason): required, and only allowed, for a year the package has."""
    replaces = scalar(fields["replaces_official"]) if "replaces_official" in fields else False
    if not isinstance(replaces, bool):
        raise fail(f"{year}: replaces_official is true or false", fields["replaces_official"])
    reason = scalar(fields["reason"]) if "reason" in fields else None
    if reason is not None and (not isinstance(reason, str) or not reason.strip()):
        raise fail(f"{year}: reason must be non-empty text", fields["reason"])
    if year in known and not replaces:
        raise fail(
            f"{year}: the package already has {year}'s official arrangement; a file may replace it only "
            "when it says so: add 'replaces_official: true' and a 'reason:'",
            knode,
        )
    if replaces and not reason:
        raise fail(f"{year}: replaces_official needs a 'reason:' (why the official data are wrong)",
                   fields["replaces_official"])
    if replaces and year not in known:
        raise fail(f"{year}: replaces_official, but the package has no official data for {year}",
                   fields["replaces_official"])
    return replaces, reason.strip() if reason else None


def _implausible(year: int, rest: dict[date, yaml.Node], work: dict[date, yaml.Node]):
    """Why this year's arrangement cannot be true (and the node to point at), or None.

    A rest day on a weekend is meaningless unless it is a statutory holiday; every statutory
    holiday on a weekday must be a rest day (a notice never works through one); the 调休
    rest days (weekday rest days that are no statutory holiday) and make-up days are few.
    """
    statutory = statutory_holidays(year)
    for d, node in sorted(rest.items()):
        if d.weekday() >= 5 and d not in statutory:
            return (f"rest day {d.isoformat()} is a {_WEEKDAYS[d.weekday()]}: a weekend is a rest day "
                    "anyway, so a 调休 rest day there is meaningless (list only weekdays and statutory holidays)"), node
    lacking = sorted(d for d in statutory if d.weekday() < 5 and d not in rest)
    if lacking:
        shown = ", ".join(d.isoformat() for d in lacking)
        return f"the statutory holidays {shown} are not in rest_days (a notice never makes them working days)", None
    swaps = [d for d in rest if d.weekday() < 5 and d not in statutory]
    if len(swaps) > MAX_SWAP_DAYS:
        return (f"{len(swaps)} 调休 rest days besides the statutory holidays; a year has at most "
                f"{MAX_SWAP_DAYS} (2001–2026: at most 12)"), None
    if len(work) > MAX_SWAP_DAYS:
        return f"{len(work)} make-up working days; a year has at most {MAX_SWAP_DAYS} (2001–2026: at most 12)", None
    return None


def _check_nodes(root: yaml.Node, fail) -> None:
    """Refuse any tag but plain scalars/collections, and any alias (no object construction)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise fail("YAML anchors and aliases are not allowed in arrangement files", node)
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise fail(f"YAML tag {node.tag.replace(_TAG, '!!')} is not allowed (safe loader)", node)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _date_list(year, key, node, scalar, fail) -> dict[date, yaml.Node]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"):
        return {}
    if not isinstance(node, yaml.SequenceNode):
        raise fail(f"{year}: {key} must be a list of dates", node)
    out: dict[date, yaml.Node] = {}
    for item in node.value:
        value = scalar(item)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip()) if len(value.strip()) == 10 else value
            except ValueError:
                pass
        if isinstance(value, datetime) or not isinstance(value, date):
            raise fail(f"{year}: {key} entry {item.value!r} is not a date (YYYY-MM-DD)", item)
        if value.year != year:
            raise fail(f"{year}: {key} entry {value.isoformat()} is not in {year}", item)
        if value in out:
            raise fail(f"{year}: {key} lists {value.isoformat()} twice", item)
        out[value] = item
    return out


# -- the default calendar ----------------------------------------------------------------

_override: WorkingCalendar | None = None


def _package_arrangements() -> tuple[str, dict[int, Arrangement]]:
    res = resources.files(__package__ or "yingsu") / "data" / "official_arrangements.yaml"
    try:
        text = res.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "official_arrangements.yaml", {}
    return "official_arrangements.yaml", parse_arrangements(text, str(res))


@functools.lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    """The shared calendar: holidays + the package's official_arrangements.yaml + the files
    listed in $YINGSU_ARRANGEMENTS (os.pathsep-separated).

    Later files win for a year they share with earlier ones, so a deployment can add a
    year's arrangement without a release; a year the package already has (holidays or the
    package's file) only with `replaces_official: true` and a reason. Cached;
    `default_calendar.cache_clear()` rereads everything.
    """
    if _override is not None:
        return _override
    merged: dict[int, Arrangement] = {}
    used: list[str] = []
    name, arrangements = _package_arrangements()
    if arrangements:
        merged.update(arrangements)
        used.append(name)
    known = _holidays_official_years() | set(arrangements)
    for path in os.environ.get(ARRANGEMENTS_ENV, "").split(os.pathsep):
        if path.strip():
            arrangements = load_arrangements(path.strip(), known)
            if arrangements:
                merged.update(arrangements)
                used.append(path.strip())
    return WorkingCalendar(merged, label=" + ".join(used) or None)


def set_default_calendar(calendar: WorkingCalendar | None) -> None:
    """Make `calendar` the default (None restores the data-file default)."""
    global _override
    if calendar is not None and not isinstance(calendar, WorkingCalendar):
        raise CalendarError(f"expected a WorkingCalendar, got {type(calendar).__name__}")
    _override = calendar
    default_calendar.cache_clear()
