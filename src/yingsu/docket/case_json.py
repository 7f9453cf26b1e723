"""Each case's JSON in a docket (逐案 JSON), written from the parts its cases share.

A docket's decisions repeat their parts: one ruleset and provenance per city, a few dozen
appearances, losses, lists of pending deadlines and traces, one calendar, a few hundred
undertakings; their deadlines differ in their dates only. So a DocketCase's JSON is written
field by field, in the models' order: each repeated part as pydantic wrote it the first time
that value came (kept by its value, `KEYED_FIELDS`), each deadline from a template cut from
pydantic's JSON of its kind with its dates filled in, the rest (ids, warnings) by pydantic.
pydantic writing the whole Decision each time spends most of it on the same parts again.

The bytes are pydantic's JSON of the whole DocketCase (tests/test_docket_speed.py compares them
on the example docket, odd ids and names, and generated cases of every city). The writer knows
the fields of DocketCase, Decision and the keyed models: where one of them has a field it does
not know, or a field is written otherwise than by its type (an alias, a serializer), it stands
down and pydantic writes every case.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Any, Callable

from pydantic import BaseModel, TypeAdapter
from pydantic_core import to_json

from ..decision import Appearance, CalendarInfo, Deadline, Decision, Loss, Pending, Undertaking, Unit
from .models import DocketCase, _dict_of

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
    Pending: ("id", "waits_for"),
    Deadline: ("id", "title", "due", "rule", "amount", "start", "start_date", "provisional", "basis"),
}
# the fields read from a model's __dict__ by one C call (an attribute of a pydantic model is
# read through BaseModel's __getattr__ hook: several times slower). The enums are StrEnums:
# hashed and compared as their text. A citation is keyed by its identity: the rulesets' own
# objects, kept alive by the part kept with it, so no id is reused while it is a key.
_UNDERTAKING, _UNIT, _APPEARANCE, _LOSS, _CALENDAR, _PENDING = (
    itemgetter(*KEYED_FIELDS[cls]) for cls in (Undertaking, Unit, Appearance, Loss, CalendarInfo, Pending))


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


def _pending_key(pending: list[Pending]) -> tuple:
    return tuple(map(_PENDING, map(_dict_of, pending)))


# The Decision's fields, in its order, and how each is written: "same" one object per ruleset
# (kept by identity), a key function (kept by the value it returns), "deadlines" (templates),
# "text" (kept by its text), "each" (written each time: it varies from case to case).
DECISION_FIELDS: dict[str, Callable[[Any], tuple] | str] = {
    "city": "text",
    "ruleset": "same",
    "calendar": _calendar_key,
    "undertaking": _undertaking_key,
    "appearance": _appearance_key,
    "deadlines": "deadlines",
    "pending": _pending_key,
    "loss": _loss_key,
    "warnings": "each",
    "trace": tuple,
    "warning_details": "each",
    "provenance": "same",
}
_CASE_FIELDS = ("id", "city", "defendant", "first_trial_of_year", "decision", "warnings", "done")


def _written_by_type(cls: type[BaseModel]) -> bool:
    """Whether each field of `cls` is written as its type alone writes it (no alias, no
    serializer of the model's own, no configuration but extra and frozen, which do not change
    its JSON), so that a field's JSON is its TypeAdapter's."""
    decorators = cls.__pydantic_decorators__
    return not decorators.field_serializers and not decorators.model_serializers and all(
        f.serialization_alias is None and f.alias is None for f in cls.model_fields.values()
    ) and set(cls.model_config) <= {"extra", "frozen"}


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
    """DocketCases' JSON as pydantic writes it, for one docket run: the repeated parts written
    once (kept while the writer lives), the rest each time."""

    def __init__(self) -> None:
        self.on = (tuple(DocketCase.model_fields) == _CASE_FIELDS
                   and tuple(Decision.model_fields) == tuple(DECISION_FIELDS)
                   and all(tuple(cls.model_fields) == fields for cls, fields in KEYED_FIELDS.items())
                   and all(map(_written_by_type, (DocketCase, Decision, *KEYED_FIELDS))))
        # per Decision field: its key in the JSON, how it is kept (DECISION_FIELDS), its kept
        # parts, its JSON as its type writes it
        self.fields = [((b'{"' if i == 0 else b',"') + name.encode() + b'":', how, {},
                        TypeAdapter(Decision.model_fields[name].annotation).serializer.to_json)
                       for i, (name, how) in enumerate(DECISION_FIELDS.items())]
        self._decision = itemgetter(*DECISION_FIELDS)
        self.deadlines = _DeadlinesJson()
        self.texts: dict[str, bytes] = {}  # cities and defendants
        self.same: dict[int, tuple[Any, bytes]] = {}  # id -> (the part or first trial, its JSON)

    def __call__(self, dc: DocketCase) -> bytes:
        if not self.on:
            return dc.__pydantic_serializer__.to_json(dc)
        case = dc.__dict__
        out = [b'{"id":', to_json(case["id"]), b',"city":', self._text(case["city"]),
               b',"defendant":', self._text(case["defendant"]),
               b',"first_trial_of_year":', self._same(case["first_trial_of_year"]), b',"decision":']
        for (key, how, kept, write), value in zip(self.fields, self._decision(case["decision"].__dict__)):
            out.append(key)
            if how.__class__ is not str:  # kept by the value its key function gives
                k = how(value)
                found = kept.get(k)
                if found is None:
                    found = (value, write(value))
                    if len(kept) < _MAX_PARTS:
                        kept[k] = found
                out.append(found[1])
            elif how == "same":
                out.append(self._same(value))
            elif how == "deadlines":
                out.append(self.deadlines(value))
            elif how == "text":
                out.append(self._text(value))
            else:
                out.append(write(value) if value else b"[]")
        warnings, done = case["warnings"], case["done"]
        out += (b'},"warnings":', to_json(warnings) if warnings else b"[]",
                b',"done":', to_json(done) if done else b"{}", b"}")
        return b"".join(out)

    def _text(self, text: str) -> bytes:
        found = self.texts.get(text)
        if found is None:
            found = to_json(text)
            if len(self.texts) < _MAX_PARTS:
                self.texts[text] = found
        return found

    def _same(self, value: BaseModel | None) -> bytes:
        found = self.same.get(id(value))
        if found is None or found[0] is not value:
            found = (value, model_json(value))
            if len(self.same) < _MAX_PARTS:
                self.same[id(value)] = found
        return found[1]


def model_json(value: BaseModel | None) -> bytes:
    """value.model_dump_json() as its UTF-8 bytes (None: null)."""
    return b"null" if value is None else value.__pydantic_serializer__.to_json(value)
