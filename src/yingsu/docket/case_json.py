"""Each case's JSON in a docket (逐案 JSON), written from the parts its cases share.

A docket's decisions repeat their larger parts: one ruleset and provenance per city, a few
dozen appearances and losses, one calendar, a few hundred undertakings; their deadlines differ
in their dates only. pydantic writes each Decision with those parts and the deadlines left out
(`exclude`), and each part's JSON, written by pydantic once per distinct value, is put back in
its place, as are the deadlines, each from a template cut from pydantic's JSON of its kind; the
DocketCase's own few fields are written around it. The bytes are pydantic's JSON of the whole DocketCase (tests/test_docket_speed.py
compares them on generated and odd cases).

A part is put back before the key of the next field pydantic wrote (`,"deadlines":`). JSON
text holds an unescaped `"` only around keys and strings, so that key is found only where it
is a key; the splice is used only where no model inside the fields searched has a field of
that name, nor a mapping (whose keys are data) — checked once, when the writer is made, as is
the DocketCase's list of fields. Elsewhere pydantic writes the whole case.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Any, Callable, get_args

from pydantic import BaseModel
from pydantic_core import to_json

from ..decision import Appearance, CalendarInfo, Deadline, Decision, Loss, Undertaking, Unit
from .models import DocketCase

_MAX_PARTS = 16_384  # distinct parts kept per field (a few hundred in practice); past that, written each time


# What decides each part's JSON, read by its key below: every field of these models. A field
# added to one of them must be added here (else two parts that differ in it would share one
# JSON): the writer stands down until it is.
KEYED_FIELDS = {
    Undertaking: ("units", "designated_by", "basis"),
    Unit: ("role", "name", "duty", "scope"),
    Appearance: ("level", "who", "basis", "who_basis"),
    Loss: ("is_loss", "definition", "basis"),
    CalendarInfo: ("source", "official_years"),
    Deadline: ("id", "title", "due", "rule", "amount", "start", "start_date", "provisional", "basis"),
}
# the fields read from a model's __dict__ by one C call (an attribute of a pydantic model is
# read through BaseModel's __getattr__ hook: several times slower). The enums are StrEnums:
# hashed and compared as their text.
_UNDERTAKING, _UNIT, _APPEARANCE, _LOSS, _CALENDAR = (
    itemgetter(*KEYED_FIELDS[cls]) for cls in (Undertaking, Unit, Appearance, Loss, CalendarInfo))


def _undertaking_key(u: Undertaking) -> tuple:
    units, designated_by, basis = _UNDERTAKING(u.__dict__)
    return tuple([_UNIT(x.__dict__) for x in units]), tuple(designated_by), tuple(map(id, basis))


def _appearance_key(a: Appearance) -> tuple:
    level, who, basis, who_basis = _APPEARANCE(a.__dict__)
    return level, who, tuple(map(id, basis)), id(who_basis)


def _loss_key(loss: Loss) -> tuple:
    is_loss, definition, basis = _LOSS(loss.__dict__)
    return is_loss, definition, tuple(map(id, basis))


def _calendar_key(c: CalendarInfo) -> tuple:
    source, official_years = _CALENDAR(c.__dict__)
    return source, tuple(official_years)


# The Decision's parts put back, in its order, with what decides each one's JSON: every field
# of it, a citation by its identity (the rulesets' own objects; a kept part keeps its
# citations alive, so no id is reused while it is a key). None: the part is one object per
# ruleset, kept by identity.
PARTS: dict[str, Callable[[Any], tuple] | None] = {
    "ruleset": None,
    "calendar": _calendar_key,
    "undertaking": _undertaking_key,
    "appearance": _appearance_key,
    "loss": _loss_key,
    "provenance": None,
}
_CASE_FIELDS = ("id", "city", "defendant", "first_trial_of_year", "decision", "warnings", "done")


class _Splice:
    """A model's JSON with some of its fields given as JSON from elsewhere: where each run of
    given fields goes (before the key of the next field pydantic writes, or at the end)."""

    def __init__(self, cls: type[BaseModel], given: tuple[str, ...]):
        names = list(cls.model_fields)
        self.exclude = set(given)
        self.runs: list[tuple[bytes | None, int]] = []  # (the key it goes before, how many given fields)
        self.keys = [f',"{g}":'.encode() for g in names if g in given]  # the given fields' keys, in order
        self.safe = bool(names) and names[0] not in given
        run = 0
        searched: list[str] = names[:1]  # the fields pydantic wrote since the last cut
        for n in names[1:] + [None]:
            if n in given:
                run += 1
                continue
            if run:
                self.runs.append((None if n is None else f',"{n}":'.encode(), run))
                if n is not None:
                    nested = _nested_fields([cls.model_fields[f].annotation for f in searched])
                    self.safe = self.safe and nested is not None and n not in nested
                run, searched = 0, []
            searched.append(n)

    def json(self, model: BaseModel, parts: list[bytes]) -> list[bytes]:
        """The model's JSON as pieces to join: pydantic's, cut where `parts` (in field order) go."""
        rest = model.__pydantic_serializer__.to_json(model, exclude=self.exclude)
        out, pos, i, keys = [], 0, 0, self.keys
        for marker, count in self.runs:
            cut = len(rest) - 1 if marker is None else rest.index(marker, pos)
            out.append(rest[pos:cut])
            for j in range(i, i + count):
                out.append(keys[j])
                out.append(parts[j])
            i += count
            pos = cut
        out.append(rest[pos:])
        return out


def _nested_fields(annotations: list[Any]) -> set[str] | None:
    """Every field name of the models these types hold, at any depth; None where one holds a
    mapping (its keys are data)."""
    names: set[str] = set()
    seen: set[type] = set()
    todo = list(annotations)
    while todo:
        t = todo.pop()
        if t is dict or getattr(t, "__origin__", None) is dict:
            return None
        if isinstance(t, type) and issubclass(t, BaseModel):
            if t not in seen:
                seen.add(t)
                names.update(t.model_fields)
                todo.extend(f.annotation for f in t.model_fields.values())
            continue
        todo.extend(get_args(t))
    return names


_SAME = itemgetter("id", "title", "rule", "amount", "start", "provisional")  # a deadline's fields but its dates and citation
_DATES = itemgetter("due", "start_date")
_DATE_KEYS = (b',"due":', b',"start_date":')


class _DeadlinesJson:
    """A decision's deadlines (期限) as pydantic writes them. A deadline's JSON is a template per
    combination of its other fields (its citation by identity), with its two dates filled in:
    the dates vary from case to case, the rest repeats. A template is cut from pydantic's JSON of
    the first deadline of its kind, where each date's key stands once and its value is the date
    as written here; else that kind is written by pydantic each time."""

    def __init__(self) -> None:
        # key -> (the citation, kept so that its id is not reused, and the template's three pieces or None)
        self.templates: dict[tuple, tuple[Any, tuple[bytes, bytes, bytes] | None]] = {}
        self.days: dict[Any, bytes] = {None: b"null"}

    def __call__(self, deadlines: list[Deadline]) -> bytes:
        if not deadlines:
            return b"[]"
        out, templates, days = [], self.templates, self.days
        for dl in deadlines:
            values = dl.__dict__
            found = templates.get((_SAME(values), id(values["basis"])))
            if found is None:
                found = self._template(dl)
            pieces = found[1]
            if pieces is None:
                out.append(model_json(dl))
                continue
            due, start = _DATES(values)
            out.append(b"".join((pieces[0], days.get(due) or self._day(due), pieces[1],
                                 days.get(start) or self._day(start), pieces[2])))
        return b"[" + b",".join(out) + b"]"

    def _template(self, dl: Deadline) -> tuple[Any, tuple[bytes, bytes, bytes] | None]:
        values = dl.__dict__
        found = (values["basis"], self._cut(dl))
        if len(self.templates) < _MAX_PARTS:
            self.templates[_SAME(values), id(values["basis"])] = found
        return found

    def _day(self, day) -> bytes:
        out = b'"' + day.isoformat().encode() + b'"'
        if len(self.days) < _MAX_PARTS:
            self.days[day] = out
        return out

    def _cut(self, dl: Deadline) -> tuple[bytes, bytes, bytes] | None:
        whole = model_json(dl)
        pieces, pos = [], 0
        for key, day in zip(_DATE_KEYS, _DATES(dl.__dict__)):
            value = self.days.get(day) or self._day(day)
            if whole.count(key) != 1:
                return None
            at = whole.index(key) + len(key)
            if at < pos or not whole.startswith(value, at):
                return None
            pieces.append(whole[pos:at])
            pos = at + len(value)
        pieces.append(whole[pos:])
        return pieces[0], pieces[1], pieces[2]


class CaseJson:
    """DocketCases' JSON as pydantic writes it, for one docket run: the shared parts written
    once (kept while the writer lives), the rest by pydantic."""

    def __init__(self) -> None:
        # the Decision's fields given as JSON, in its order: the shared parts and the deadlines
        given = tuple(n for n in Decision.model_fields if n in PARTS or n == "deadlines")
        self.decision = _Splice(Decision, given)
        self.deadlines_at = given.index("deadlines")
        self.on = self.decision.safe and tuple(DocketCase.model_fields) == _CASE_FIELDS and all(
            tuple(cls.model_fields) == fields for cls, fields in KEYED_FIELDS.items())
        self.parts = [(name, key, {}) for name, key in PARTS.items()]  # (field, key function, its kept parts)
        self.deadlines = _DeadlinesJson()
        self.same: dict[int, tuple[Any, bytes]] = {}  # id -> (the part or first trial, its JSON)
        self.texts: dict[str, bytes] = {}  # cities and defendants

    def __call__(self, dc: DocketCase) -> bytes:
        if not self.on:
            return dc.__pydantic_serializer__.to_json(dc)
        case = dc.__dict__
        d = case["decision"]
        values, same, parts = d.__dict__, self.same, []
        for name, key, kept in self.parts:
            value = values[name]
            if key is None:
                found = same.get(id(value))
                if found is None or found[0] is not value:
                    found = same[id(value)] = (value, model_json(value))
            else:
                k = key(value)
                found = kept.get(k)
                if found is None:
                    found = (value, model_json(value))
                    if len(kept) < _MAX_PARTS:
                        kept[k] = found
            parts.append(found[1])
        parts.insert(self.deadlines_at, self.deadlines(values["deadlines"]))
        ft = case["first_trial_of_year"]
        first = same.get(id(ft))
        if first is None or first[0] is not ft:
            first = (ft, model_json(ft))
            if len(same) < _MAX_PARTS:
                same[id(ft)] = first
        texts, city, who = self.texts, case["city"], case["defendant"]
        who_json = texts.get(who)
        if who_json is None:
            who_json = to_json(who)
            if len(texts) < _MAX_PARTS:
                texts[who] = who_json
        warnings, done = case["warnings"], case["done"]
        return b"".join((
            b'{"id":', to_json(case["id"]),
            b',"city":', texts.get(city) or texts.setdefault(city, to_json(city)),
            b',"defendant":', who_json,
            b',"first_trial_of_year":', first[1], b',"decision":',
            *self.decision.json(d, parts),
            b',"warnings":', to_json(warnings) if warnings else b"[]",
            b',"done":', to_json(done) if done else b"{}", b"}",
        ))


def model_json(value: BaseModel | None) -> bytes:
    """value.model_dump_json() as its UTF-8 bytes (None: null)."""
    return b"null" if value is None else value.__pydantic_serializer__.to_json(value)
