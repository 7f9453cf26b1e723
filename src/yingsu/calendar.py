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
"""
from __future__ import annotations

import functools
import os
import threading
from array import array
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from itertools import accumulate, compress
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import holidays
import yaml

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

# Span indexed on first use: wide enough for any real case, cheap to build (~25k days).
_INITIAL_SPAN = (1990, 2060)
# When a query leaves the index, grow by at least this many years so repeated far queries
# do not rebuild the index one year at a time.
_GROWTH_YEARS = 10

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
        self._year_days: dict[int, tuple[frozenset[int], frozenset[int]]] = {}
        self._index: _Index | None = None
        self._lock = threading.Lock()

    # -- description -------------------------------------------------------------------

    @property
    def source(self) -> str:
        """Where the calendar's data come from, e.g. 'holidays 0.109 + official_arrangements.yaml'."""
        base = f"holidays {holidays.__version__}"
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
            return f"holidays {holidays.__version__} (official arrangement)"
        return f"holidays {holidays.__version__} statutory rules only (provisional)"

    def provisional_years(self, a: date, b: date) -> tuple[int, ...]:
        """Years touched by [min(a, b), max(a, b)] without an official arrangement (暂定年份)."""
        lo, hi = sorted((_check_date(a).year, _check_date(b).year))
        return tuple(y for y in range(lo, hi + 1) if y not in self._official)

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
            lo, hi = min(_INITIAL_SPAN[0], d.year), max(_INITIAL_SPAN[1], d.year)
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
        from_arr = [y for y in missing if y in self._arrangements]
        for y in from_arr:
            a = self._arrangements[y]
            self._year_days[y] = (
                frozenset(d.toordinal() for d in a.rest_days),
                frozenset(d.toordinal() for d in a.working_days),
            )
        wanted = [y for y in missing if y not in self._arrangements]
        if not wanted:
            return
        china = holidays.China(years=wanted)
        rest: dict[int, set[int]] = {y: set() for y in wanted}
        work: dict[int, set[int]] = {y: set() for y in wanted}
        for d in china:
            if d.year in rest:
                rest[d.year].add(d.toordinal())
        # weekend_workdays holds every year holidays knows, not just the years asked.
        for d in china.weekend_workdays:
            if d.year in work:
                work[d.year].add(d.toordinal())
        for y in wanted:
            self._year_days[y] = (frozenset(rest[y]), frozenset(work[y] - rest[y]))


@functools.cache
def _holidays_official_years() -> frozenset[int]:
    """Years for which `holidays` carries the State Council's arrangement."""
    return frozenset(y for y in holidays.China().special_public_holidays if isinstance(y, int))


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
_KEYS = ("source", "rest_days", "working_days")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_BYTES = 1024 * 1024  # a year is a few hundred bytes; anything huge is not an arrangement file


def load_arrangements(path: str | os.PathLike[str]) -> dict[int, Arrangement]:
    """Read an arrangement file (节假日安排数据) and return its arrangements by year.

    Format (YAML, read with the safe loader; tags other than plain scalars are refused)::

        2027:
          source: 国务院办公厅关于2027年部分节假日安排的通知 (国办发明电〔2026〕N号)
          rest_days: [2027-01-01, 2027-02-06, ...]
          working_days: [2027-02-20, ...]

    Raises RulesetError naming the file and line of the offending entry.
    """
    name = os.fspath(path)
    try:
        if Path(path).stat().st_size > _MAX_BYTES:
            raise RulesetError(f"arrangement file is larger than {_MAX_BYTES} bytes", name)
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise RulesetError(f"cannot read arrangement file: {e.strerror or e}", name) from e
    except UnicodeDecodeError as e:
        raise RulesetError(f"arrangement file is not UTF-8: {e.reason}", name) from e
    return parse_arrangements(text, name)


def parse_arrangements(text: str, file: str = "<arrangements>") -> dict[int, Arrangement]:
    """Parse arrangement YAML `text`; `file` names it in errors. See `load_arrangements`."""

    def fail(message: str, node: yaml.Node | None) -> RulesetError:
        return RulesetError(message, file, node.start_mark.line + 1 if node is not None else None)

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RulesetError(f"invalid YAML: {e.problem or e}", file, line) from None
    except yaml.YAMLError as e:
        raise RulesetError(f"invalid YAML: {e}", file) from None
    if root is None:
        return {}
    _check_nodes(root, fail)
    if not isinstance(root, yaml.MappingNode):
        raise fail("the file must be a mapping of year -> arrangement", root)

    constructor = yaml.SafeLoader("")

    def scalar(node: yaml.Node) -> object:
        if not isinstance(node, yaml.ScalarNode):
            raise fail("expected a single value here", node)
        try:
            return constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as e:
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
        result[year] = Arrangement(year, frozenset(rest), frozenset(work), source.strip())
    return result


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

    Later files win for a year they share with earlier ones, so a deployment can add or
    correct a year's arrangement without a release. Cached; `default_calendar.cache_clear()`
    rereads everything.
    """
    if _override is not None:
        return _override
    merged: dict[int, Arrangement] = {}
    used: list[str] = []
    name, arrangements = _package_arrangements()
    if arrangements:
        merged.update(arrangements)
        used.append(name)
    for path in os.environ.get(ARRANGEMENTS_ENV, "").split(os.pathsep):
        if path.strip():
            arrangements = load_arrangements(path.strip())
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
