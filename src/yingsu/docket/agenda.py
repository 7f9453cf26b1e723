"""The agenda (待办期限): every deadline of every case and the periodic duties, in date order.

Collected one decided case at a time in compact rows (a tuple per deadline, the units once per
case); AgendaItem models are built only when the agenda is read.
"""
from __future__ import annotations

from datetime import date
from functools import partial
from json.encoder import encode_basestring as _encode
from operator import itemgetter
from typing import Iterator, NamedTuple

from pydantic_core import to_json

from ..catalogue import DEADLINES, ROLE_LABELS
from ..labels import label
from ..presentation import level_text
from ..decision import Citation, Decision, Duty
from ..rulesets import CITIES
from .models import AgendaItem, PendingItem, trusted
from .targets import periodic

_ORDER = {d: i for i, d in enumerate(DEADLINES)}
_ROW_ORDER = itemgetter(-1)  # the row's last value: its place in the agenda as one number (_place)
# a Deadline's and a Pending's fields read from its __dict__ in one call (an attribute of a
# pydantic model is read through BaseModel's __getattr__ hook, several times slower)
_DEADLINE_ROW = itemgetter("id", "due", "title", "rule", "provisional", "basis")
_PENDING_ROW = itemgetter("id", "waits_for")


def _place(due: date, kind: int, n: int, order: int) -> int:
    """The date, periodic duties (0) before cases (1), the case's place, the deadline's place
    (hearing -1 first) as one integer: the agenda sorts by it as by that tuple, faster."""
    return (due.toordinal() << 41) | (kind << 40) | (n << 8) | (order + 1)


_NONE_DONE: dict[str, date | None] = {}  # a case without a done record (never written to)


def acting(decision: Decision) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who must act on a case's deadlines: the lead and joint undertaking units (else all units)."""
    u = decision.undertaking
    if len(u.units) == 1 and not u.designated_by:  # the common case: one unit acts, whatever its duty
        return (u.units[0].name,), ()
    lead, joint = Duty.lead, Duty.joint  # compared by identity
    names = [x.name for x in u.units if x.duty is lead or x.duty is joint] or [x.name for x in u.units]
    return (tuple(dict.fromkeys(names)) if len(names) > 1 else tuple(names),
            tuple(ROLE_LABELS[r] for r in u.designated_by) if u.designated_by else ())


class Agenda:
    """The agenda's rows, added case by case; read back as AgendaItems in date order."""

    def __init__(self, today: date):
        self.today = today
        self._cases: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []  # id, city, units, designated_by
        self._rows: list[tuple] = []
        self._periodic: list[tuple] = []
        self.pending_rows: list[PendingRow] = []
        self._pending_items: list[PendingItem] | None = None
        self._hearing: dict = {}  # appearance level -> the hearing's title
        self._shared: dict[tuple, tuple] = {}  # the units' and designators' tuples, one of each value
        self._sorted = False

    @property
    def pending(self) -> list[PendingItem]:
        """The deadlines still waiting for their start (built when read, from trusted parts)."""
        if self._pending_items is None:
            self._pending_items = [trusted(PendingItem, case_id=c, city=city, deadline=d, title=DEADLINES[d],
                                           waits_for=w) for c, city, d, w in self.pending_rows]
        return self._pending_items

    def pending_json(self) -> Iterator[bytes]:
        """The PendingItems' JSON, as pydantic writes them, from the rows (no model each): the
        fields after case_id are encoded once per distinct (city, deadline, waits_for)."""
        rest: dict[tuple[str, str, str], bytes] = {}
        last, last_json = None, b""
        for c, city, d, w in self.pending_rows:
            if c is not last:  # a case's rows come together
                last, last_json = c, to_json(c)
            tail = rest.get((city, d, w))
            if tail is None:
                tail = rest[city, d, w] = b"".join((b',"city":', to_json(city), b',"deadline":', to_json(d), b',"title":',
                                                    to_json(DEADLINES[d]), b',"waits_for":', to_json(w), b"}"))
            yield b'{"case_id":' + last_json + tail

    def add(self, case_id: str, city: str, decision: Decision, hearing: date | None = None,
            done: dict[str, date | None] | None = None) -> list[str]:
        """Add a case's deadlines (and its hearing date); returns what is wrong with its done record."""
        n = len(self._cases)
        units, by = acting(decision)
        shared = self._shared  # one tuple per distinct value: the cases share them
        self._cases.append((case_id, city, shared.setdefault(units, units), shared.setdefault(by, by)))
        append, order, last = self._rows.append, _ORDER, len(_ORDER)
        deadlines = decision.deadlines
        done = done or _NONE_DONE
        for dl in deadlines:
            did, due, title, rule, provisional, basis = _DEADLINE_ROW(dl.__dict__)
            o = order.get(did, last)
            append((due, 1, n, o, did, title, rule, provisional, basis, did in done, done.get(did), _place(due, 1, n, o)))
        if hearing is not None:
            level = decision.appearance.level
            title = self._hearing.get(level)
            if title is None:
                title = self._hearing[level] = f"开庭（{level_text(level, short=True)}）"
            append((hearing, 1, n, -1, "hearing", title, "fixed", False, None, False, None,
                    _place(hearing, 1, n, -1)))
        problems = []
        if done:
            ids = {dl.id for dl in deadlines}
            problems = [f"完成记录中的“{label('deadline', k)}”不是本案的期限" for k in done if k not in ids]
        pending = decision.pending
        if pending:
            add = self.pending_rows.append
            for p in pending:
                add(_new_pending((case_id, city, *_PENDING_ROW(p.__dict__))))
            self._pending_items = None
        self._sorted = False
        return problems

    def add_periodic(self, years: list[int], cities: list[str]) -> None:
        """The periodic duties of the docket's years: those due in a year, and the next year's reports on it."""
        for year in years:
            for city in cities:
                duties = periodic(city, year) + [d for d in periodic(city, year + 1) if d.period.startswith(f"{year}年")]
                for duty in duties:
                    item = AgendaItem(
                        due=duty.due, kind="periodic", city=city, deadline=duty.id,
                        title=f"{duty.title}（{duty.period}）", units=[duty.unit], period=duty.period,
                        rule=duty.rule, provisional=duty.provisional, overdue=duty.due < self.today,
                        days_left=(duty.due - self.today).days, basis=duty.basis,
                        status="overdue" if duty.due < self.today else "open",
                    )
                    self._rows.append((duty.due, 0, CITIES.index(city), 0, item, _place(duty.due, 0, CITIES.index(city), 0)))
        self._sorted = False

    def case_years(self) -> list[int]:
        return sorted({r[0].year for r in self._rows if r[1] == 1 and r[3] != -1})

    def years(self) -> set[int]:
        return {r[0].year for r in self._rows}

    def __len__(self) -> int:
        return len(self._rows)

    def overdue(self) -> int:
        """Past their date and not recorded as done (hearings are not duties)."""
        return sum(r[0] < self.today and r[3] != -1 and not (r[1] == 1 and r[9]) for r in self._rows)

    def done(self) -> int:
        return sum(r[1] == 1 and r[9] for r in self._rows)

    def _sorted_rows(self) -> list[tuple]:
        if not self._sorted:
            self._rows.sort(key=_ROW_ORDER)
            self._sorted = True
        return self._rows

    def rows(self) -> Iterator["Row"]:
        """Every item in date order as a light Row (the AgendaItem's fields, no validation)."""
        today = self.today
        for row in self._sorted_rows():
            if row[1] == 0:
                yield Row(**dict(row[4]))
                continue
            due, _, n, order, did, title, rule, provisional, basis, done, done_on, _ = row
            case_id, city, units, by = self._cases[n]
            if order == -1:
                status, overdue = "hearing", False
            else:
                overdue = due < today and not done
                status = "done" if done else "overdue" if overdue else "open"
            yield Row(due, "hearing" if order == -1 else "case", city, case_id, did, title, units, by, None, rule,
                      provisional, overdue, (due - today).days, basis, status, done_on)

    def items(self) -> Iterator[AgendaItem]:
        """Every item in date order (built one at a time, from trusted parts: no second validation)."""
        for r in self.rows():
            yield trusted(AgendaItem, **{**r._asdict(), "units": list(r.units), "designated_by": list(r.designated_by)})

    def json_items(self) -> Iterator[bytes]:
        """Every item in date order as the JSON of its AgendaItem, in UTF-8 (the same text as
        json.dumps of its fields; each citation dumped once, each repeated run of fields encoded
        once: the rows come in date order, so a date's text is made once per run of rows)."""
        cited: dict[int, bytes] = {}
        text = _JsonText()
        today = self.today
        cases = self._cases
        runs: dict[tuple, tuple] = {}  # a row's fields from deadline to provisional, and from basis to done_on's key
        last_due, head, days, past = None, b"", b"", False
        for row in self._sorted_rows():
            if row[1] == 0:  # a periodic duty: its AgendaItem
                r = Row(**dict(row[4]))
                yield _item_json(text, cited, r.due, r.kind, r.city, r.case_id, r.deadline, r.title, tuple(r.units),
                                 tuple(r.designated_by), r.period, r.rule, r.provisional, r.overdue, r.days_left, r.basis,
                                 r.status, r.done_on)
                continue
            due, _, n, order, did, title, rule, provisional, basis, done, done_on, _ = row
            if due != last_due:
                last_due, past = due, due < today
                head = b'{"due": "' + text.day(due) + b'", "kind": '
                days = b', "days_left": ' + str((due - today).days).encode()
            case_id, city, units, by = cases[n]
            if order == -1:
                kind, status, overdue = "hearing", "hearing", False
            else:
                kind, overdue = "case", past and not done
                status = "done" if done else "overdue" if overdue else "open"
            # units and by are the agenda's shared tuples, basis the rule's citation (all held by the
            # agenda's rows while it lives): keyed by identity
            key = (did, title, id(units), id(by), rule, provisional, id(basis), status)
            run = runs.get(key)
            if run is None:
                run = runs[key] = (_middle(text, did, title, units, by, None, rule, provisional),
                                   _tail(text, cited, basis, status))
            when = b"null" if done_on is None else b'"' + text.day(done_on) + b'"'
            yield b"".join((head, text[kind], b', "city": ', text[city], b', "case_id": ', _encode(case_id).encode(), run[0],
                            b', "overdue": ', _BOOL[overdue], days, run[1], when, b"}"))


def _middle(text: "_JsonText", deadline, title, units, designated_by, period, rule, provisional) -> bytes:
    """An AgendaItem's fields from deadline to provisional, as JSON."""
    return b"".join((
        b', "deadline": ', text[deadline], b', "title": ', text[title],
        b', "units": ', text.list(units), b', "designated_by": ', text.list(designated_by),
        b', "period": ', text[period], b', "rule": ', text[rule], b', "provisional": ', _BOOL[provisional]))


def _tail(text: "_JsonText", cited: dict[int, bytes], basis, status) -> bytes:
    """An AgendaItem's fields from basis to done_on's key, as JSON (a citation as pydantic dumps it)."""
    if basis is None:
        cite = b"null"
    else:
        cite = cited.get(id(basis))
        if cite is None:
            cite = cited[id(basis)] = basis.__pydantic_serializer__.to_json(basis)
    return b', "basis": ' + cite + b', "status": ' + text[status] + b', "done_on": '


def _item_json(text: "_JsonText", cited: dict[int, bytes], due, kind, city, case_id, deadline, title, units,
               designated_by, period, rule, provisional, overdue, days_left, basis, status, done_on) -> bytes:
    """An AgendaItem's JSON from its fields, as UTF-8 (json.dumps's separators; a citation as
    pydantic dumps it). The runs of fields many items share (the deadline's, the citation's)
    are encoded once."""
    middle_key = (deadline, title, units, designated_by, period, rule, provisional)
    middle = text.middles.get(middle_key)
    if middle is None:
        middle = text.middles[middle_key] = _middle(text, *middle_key)
    tail_key = (id(basis), status)
    tail = text.tails.get(tail_key)
    if tail is None:
        tail = text.tails[tail_key] = _tail(text, cited, basis, status)
    when = b"null" if done_on is None else b'"' + text.day(done_on) + b'"'
    return b"".join((
        b'{"due": "', text.day(due), b'", "kind": ', text[kind], b', "city": ', text[city],
        b', "case_id": ', text[case_id], middle, b', "overdue": ', _BOOL[overdue],
        b', "days_left": ', str(int(days_left)).encode(), tail, when, b"}",
    ))


_BOOL = {True: b"true", False: b"false"}


class _JsonText(dict):
    """JSON of strings as UTF-8 (json.dumps, ensure_ascii=False; None as null), each encoded
    once; also of lists of strings, of dates (as ISO text) and of whole numbers."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: dict[tuple, bytes] = {}
        self.days: dict = {}
        self.middles: dict[tuple, bytes] = {}  # an item's fields from deadline to provisional
        self.tails: dict[tuple, bytes] = {}  # from basis (by the citation's identity) to done_on's key

    def __missing__(self, value: str | None) -> bytes:
        out = self[value] = b"null" if value is None else _encode(value).encode("utf-8")
        return out

    def list(self, values) -> bytes:
        key = tuple(values)
        out = self.lists.get(key)
        if out is None:
            out = self.lists[key] = b"[" + b", ".join([self[v] for v in values]) + b"]"
        return out

    def day(self, d: date) -> bytes:
        out = self.days.get(d)
        if out is None:
            out = self.days[d] = d.isoformat().encode()
        return out


class PendingRow(NamedTuple):
    """A deadline waiting for its start, as the agenda keeps it (PendingItem without its title)."""

    case_id: str
    city: str
    deadline: str
    waits_for: str


_new_pending = partial(tuple.__new__, PendingRow)  # without the NamedTuple's Python __new__ (a frame per row)


class Row(NamedTuple):
    """An agenda item's fields, in AgendaItem's order."""

    due: date
    kind: str
    city: str
    case_id: str | None
    deadline: str
    title: str
    units: tuple | list
    designated_by: tuple | list
    period: str | None
    rule: str
    provisional: bool
    overdue: bool
    days_left: int
    basis: Citation | None
    status: str
    done_on: date | None
