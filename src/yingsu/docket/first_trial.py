"""The first trial of the year (年度第一件开庭审理案件), derived over the docket.

Generic: per defendant (its name, else its kind and level) and calendar year, the trial case
with the earliest date is the first. Which fact it decides, which date counts and what a trial
case is are data (first_trial in rulesets/national/metrics.yaml); the articles that need it are
the rules that test that fact (their citations), so no article is named here.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache, partial
from typing import Any, NamedTuple

from ..facts import FACTS
from ..labels import label
from ..models import Case
from ..rulesets import available_cities, get_base, get_ruleset
from ..versions import timeline
from .models import FirstTrial, replaced, trusted
from .targets import FirstTrialSpec, first_trial_spec, metrics


class Key(NamedTuple):
    """What the derivation needs of one case (pass 1 keeps only this)."""

    id: str
    group: str
    label: str
    trial: bool
    when: date | None
    given: bool | None
    session: str | None


# a NamedTuple's own __new__ is a Python function: tuple.__new__ builds the same tuple without its frame (once per case)
_new_key = partial(tuple.__new__, Key)


def defendant_key(case: Case, memo: dict | None = None) -> tuple[str, str]:
    """(group key, label): the defendant's name, else its kind and level (the ruleset's default level).
    `memo` keeps the unnamed defendants' keys for one docket (a few per city)."""
    d = case.defendant
    if d.name and d.name.strip():
        name = d.name.strip()
        return f"{case.city._value_}|name|{name}", name  # _value_: .value is a Python property
    if memo is None:
        return _unnamed(case.city._value_, d.kind, d.level)
    k = (case.city._value_, d.kind, d.level)
    found = memo.get(k)
    if found is None:
        found = memo[k] = _unnamed(*k)
    return found


def _unnamed(city: str, kind, level) -> tuple[str, str]:
    """The group key and label of an unnamed defendant (a few per city: read once)."""
    level = level or get_ruleset(city).default_level
    lv = level.value if level is not None else "?"
    shown = label("defendant.level", lv) if level is not None else "层级不详"
    return f"{city}|kind|{kind.value}|{lv}", f"（未署名的{shown}{label('defendant.kind', kind)}）"


def key_of(eid: str, case: Case, spec: FirstTrialSpec | None, memo: dict | None = None) -> Key:
    group, label = defendant_key(case, memo)
    session = case.proceeding.session
    session = None if session is None else session._value_  # an Enum's .value is a Python property
    if spec is None:
        return _new_key((eid, group, label, False, None, None, session))
    lazy = _Lazy()
    lazy.case = case
    trial = spec.trial.fast(lazy)
    return _new_key((eid, group, label, trial, FACTS[spec.date].read(case), FACTS[spec.fact].read(case), session))


class _Lazy(dict):
    """The case's facts for the trial condition (`.case`), read when asked for."""

    __slots__ = ("case",)

    def __missing__(self, name: str) -> Any:
        value = FACTS[name].read(self.case)
        self[name] = value
        return value


@lru_cache(maxsize=None)
def citations_text() -> str:
    """The articles that need the derivation: every rule (of every city) testing the fact."""
    spec = first_trial_spec()
    if spec is None:
        return ""
    refs = []
    for city in available_cities():
        rs = get_ruleset(city)
        for r in rs.rules:
            if any(c.fact == spec.fact for c in r.when.conjuncts):
                refs.append(f"{rs.label} {r.citation.document or ''}{r.article}")
    refs = list(dict.fromkeys(refs))
    return f"（{'、'.join(refs)}）" if refs else ""


@lru_cache(maxsize=None)
def _city_refs(city: str) -> str:
    spec = first_trial_spec()
    rs = get_ruleset(city)
    refs = list(dict.fromkeys(f"{rs.label} {r.citation.document or ''}{r.article}" for r in rs.rules
                              if spec and any(c.fact == spec.fact for c in r.when.conjuncts)))
    return f"（{'、'.join(refs)}）" if refs else ""


class Derived(NamedTuple):
    """A case's FirstTrial as a tuple (kept for every case between the passes: no model each)."""

    given: bool | None = None
    derived: bool | None = None
    used: bool | None = None
    year: int | None = None
    first_case: str | None = None

    def model(self) -> FirstTrial:
        """Its FirstTrial: one (frozen) model per distinct value, shared by the cases that have it."""
        found = _MODELS.get(self)
        if found is None:
            if len(_MODELS) > 4096:  # first_case differs per defendant and year: keep the memo small
                _MODELS.clear()
            found = _MODELS[self] = trusted(FirstTrial, given=self.given, derived=self.derived, used=self.used,
                                            year=self.year, first_case=self.first_case)
        return found


_MODELS: dict[Derived, FirstTrial] = {}
_new_derived = partial(tuple.__new__, Derived)


def derive(keys: list[Key], cities: list[str]) -> tuple[list[Derived], list[list[str]]]:
    """Per case (in order): the derived first trial and the warnings about it."""
    spec = first_trial_spec()
    if spec is None:
        return [Derived() for _ in keys], [[] for _ in keys]
    meaning = FACTS[spec.fact].meaning
    first: dict[tuple[str, int], int] = {}
    same_day: dict[int, list[str]] = defaultdict(list)
    for i, k in enumerate(keys):
        if k.when is None or not k.trial:
            continue
        slot = (k.group, k.when.year)
        j = first.get(slot)
        if j is None or k.when < keys[j].when:
            first[slot] = i
    for i, k in enumerate(keys):
        if k.when is not None and k.trial:
            j = first[(k.group, k.when.year)]
            if j != i and keys[j].when == k.when:
                same_day[j].append(k.id)

    yes, no = "是", "否"
    out: list[Derived] = []
    warnings: list[list[str]] = []
    for i, (k, city) in enumerate(zip(keys, cities)):
        msgs: list[str] = []
        h, given = k.when, k.given
        first_id = None
        if not k.trial:
            derived, year = False, h.year if h else None
        elif h is None:
            derived, year = None, None
        else:
            year = h.year
            j = first[(k.group, year)]
            derived, first_id = j == i, keys[j].id
        used = given if derived is None else derived
        if derived is None and given:
            msgs.append(f"{meaning}填为{yes}，但案件没有开庭日期，清单无法核实，按所填值处理")
        elif derived is not None and given is not None and given != derived:
            art = _city_refs(city)  # the articles, named in the warning only
            if derived:
                msgs.append(f"{meaning}填为{no}，但清单中 {k.label} {year} 年没有更早的开庭审理案件："
                            f"本案（开庭 {h}）是年度第一件，按{yes}处理{art}")
            elif not k.trial:
                msgs.append(f"{meaning}填为{yes}，但本案不是开庭审理（{label('proceeding.session', k.session)}）：按{no}处理{art}")
            else:
                msgs.append(f"{meaning}填为{yes}，但清单中 {k.label} {year} 年第一件开庭审理的是 {first_id}"
                            f"（开庭 {keys[first[(k.group, year)]].when}），本案开庭 {h}：按{no}处理{art}")
        if same_day.get(i):
            msgs.append(f"{k.label} {year} 年的首个开庭日 {h} 有多件案件开庭（另有 {'、'.join(same_day[i])}）："
                        "按清单顺序以本案为年度第一件，请核实")
        out.append(_new_derived((given, derived, used, year, first_id)))
        warnings.append(msgs)
    return out, warnings


def with_used(case: Case, used: bool | None) -> Case:
    """The case with the derived value in the fact the derivation decides (a copy when it
    changes), where the city's rules, assumptions or metrics read that fact; elsewhere the case
    as given, since nothing the docket decides of it could change."""
    if not read_in(case.city._value_):  # _value_: .value is a Python property
        return case
    spec = first_trial_spec()
    fact = FACTS[spec.fact]
    if fact.read(case) == used:
        return case
    parents, names = _path(spec.fact)
    chain = [case]
    for p in parents:
        chain.append(getattr(chain[-1], p))
    value: Any = used
    for model, name in zip(reversed(chain), names):
        value = replaced(model, name, value)
    return value


def read_in(city: str) -> bool:
    """Whether the fact the derivation decides is read in `city` (see _read_in): where it is
    not, the docket decides the case as given."""
    spec = first_trial_spec()
    return spec is not None and _read_in(city, spec.fact)


_READ_IN: dict[str, tuple[tuple, bool]] = {}  # city -> (its versions, whether they read the fact)


def _read_in(city: str, fact: str) -> bool:
    """Whether `fact` is read by a rule or an assumption of any version of the city's ruleset
    (the base's included), or by a metric its targets may name."""
    versions = timeline(city).versions
    found = _READ_IN.get(city)
    if found is not None and found[0] is versions:
        return found[1]
    base = get_base()
    read = fact in base.assume or any(
        fact in rs.assume or any(fact in r.when.reads for rules in rs.by_decision.values() for r in rules)
        for rs in versions
    ) or any(
        fact in m.year or any(p is not None and fact in p.reads
                              for p in (m.numerator, m.denominator, *(w for w, _ in m.exclude)))
        for m in metrics(city).values()
    )
    _READ_IN[city] = (versions, read)
    return read


@lru_cache(maxsize=None)
def _path(fact: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fact's parent fields, and every field of its path from the leaf up."""
    *parents, leaf = fact.split(".")
    return tuple(parents), tuple(reversed([*parents, leaf]))
