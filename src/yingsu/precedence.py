"""Named exceptions (例外规则): which rule gives way to which, checked when a ruleset loads.

A rule that wins over another says so by name (`overrides: [rule-id]`). This module checks
those relations on a decision's rules (the overridden rule exists, is in the same decision,
no cycles), closes them (A over B over C: A over C), and finds the pairs of rules that could
fire on one case with different results while neither overrides the other: a conflict.

Whether two rules can fire together is read off their conditions as data ("boxes": for each
fact the values a condition allows). Where the boxes exclude each other the pair is safe;
where both conditions are plain value tests and the boxes meet, the pair can fire together
and the loader reports the conflict; otherwise the engine reports it at run time if it
happens (yingsu.engine).
"""
from __future__ import annotations

from typing import Any, Iterable

from .conditions import domain
from .facts import DECIDED_FACTS, FACTS, FactType

PRESENT = "<present>"  # a text, count, date or list fact that holds something
EMPTY = None  # a missing fact (an empty list)
_LIST = {FactType.enum_list, FactType.text_list}


def _universe(name: str) -> frozenset:
    fact = FACTS.get(name) or DECIDED_FACTS[name]
    every = domain(fact)
    return every if every is not None else frozenset({PRESENT, EMPTY})


class Box:
    """The values each fact may hold for a condition to be true; `exact` when the condition
    is nothing but such value tests (then every combination of allowed values satisfies it)."""

    __slots__ = ("allowed", "exact")

    def __init__(self, allowed: dict[str, frozenset] | None = None, exact: bool = True):
        self.allowed = allowed or {}
        self.exact = exact

    def restrict(self, name: str, values: Iterable) -> None:
        values = frozenset(values)
        self.allowed[name] = self.allowed.get(name, _universe(name)) & values


def box(when: Any) -> Box:
    """The box of a rule's `when:` (already validated by the condition compiler)."""
    b = Box()
    _fill(b, when)
    return b


def _fill(b: Box, when: Any) -> None:
    if not isinstance(when, dict):
        return
    for key, value in when.items():
        if key == "all":
            for sub in value:
                _fill(b, sub)
        elif key in ("any", "not"):
            b.exact = False  # an or / a negation is not one box: tested at run time
        else:
            _entry(b, key, value)


def _entry(b: Box, name: str, value: Any) -> None:
    fact = FACTS.get(name) or DECIDED_FACTS[name]
    scalar = domain(fact) is not None
    if not isinstance(value, dict):
        if value is None:
            b.restrict(name, {EMPTY})
        elif scalar:
            b.restrict(name, {value})
        else:  # a text equal to a value, a list containing a value
            b.restrict(name, {PRESENT})
            b.exact = False
        return
    (op, arg), = value.items()
    every = _universe(name)
    if op == "present":
        b.restrict(name, every - {EMPTY} if arg else {EMPTY})
    elif op == "in" and scalar:
        b.restrict(name, arg)
    elif op == "not" and scalar and not isinstance(arg, dict):
        b.restrict(name, every - {arg})
    elif op in ("any_of", "all_of"):
        b.restrict(name, {PRESENT})
        b.exact = False
    elif op == "in":
        b.restrict(name, ({PRESENT} if any(a is not None for a in arg) else set()) | ({EMPTY} if None in arg else set()))
        b.exact = False
    else:  # not (of a text or list), none_of, gte, lte: tested at run time
        if op in ("gte", "lte"):
            b.restrict(name, {PRESENT})
        b.exact = False


# Facts the Case model ties together (models.py): a combination it rejects can never occur,
# so two conditions that need it cannot fire together. Each entry: if the first fact's value
# is in the set, the second fact's value must be in the other set.
_TIES: tuple[tuple[str, frozenset, str, frozenset], ...] = (
    ("reconsideration", frozenset({False}), "reconsideration.government_role", frozenset({None})),
    ("reconsideration", frozenset({False}), "reconsideration.outcome", frozenset({None})),
    ("reconsideration.government_role", frozenset({"sole_defendant", "co_defendant"}), "reconsideration",
     frozenset({True})),
    ("reconsideration.outcome", frozenset({"upheld", "changed", "inadmissible", "no_decision"}), "reconsideration",
     frozenset({True})),
    ("defendant.kind", frozenset({"department", "township", "management_committee", "authorized_org"}),
     "reconsideration", frozenset({False})),
    ("reconsideration.government_role", frozenset({"co_defendant"}), "reconsideration.outcome",
     frozenset({"upheld", None})),
    ("reconsideration.government_role", frozenset({"sole_defendant"}), "reconsideration.outcome",
     frozenset({"changed", "inadmissible", "no_decision", None})),
    ("act.joint", frozenset({True}), "act.departments", frozenset({PRESENT})),
    ("act.joint", frozenset({False}), "act.lead_department", frozenset({EMPTY})),
    ("act.lead_department", frozenset({PRESENT}), "act.joint", frozenset({True})),
    ("act.lead_has_duty", frozenset({True, False}), "act.lead_department", frozenset({PRESENT})),
    ("act.successor", frozenset({PRESENT}), "act.maker_abolished", frozenset({True, None})),
    ("outcome.document", frozenset({"withdrawal", "mediation"}), "outcome.dispositions", frozenset({EMPTY})),
    ("outcome", frozenset({False}), "outcome.document", frozenset({None})),
    ("outcome", frozenset({False}), "outcome.dispositions", frozenset({EMPTY})),
    ("proceeding.instance", frozenset({"first"}), "proceeding.appellant", frozenset({None})),
    ("proceeding.instance", frozenset({"first"}), "proceeding.first_instance_undertaker", frozenset({EMPTY})),
)


def meet(a: Box, b: Box, assumed: dict[str, Any]) -> Box | None:
    """The box of both conditions together, or None where no valid case satisfies both."""
    allowed = dict(a.allowed)
    for name, values in b.allowed.items():
        allowed[name] = allowed[name] & values if name in allowed else values
    # a missing fact with an assumed value reads as that value
    for name, value in assumed.items():
        if name in allowed and EMPTY in allowed[name]:
            allowed[name] = (allowed[name] - {EMPTY}) | ({EMPTY} if value in allowed[name] else set())
    changed = True
    while changed:
        changed = False
        for cause, when, effect, then in _TIES:
            values = allowed.get(cause, _universe(cause))
            if values and values <= when:
                narrowed = allowed.get(effect, _universe(effect)) & then
                if narrowed != allowed.get(effect, _universe(effect)):
                    allowed[effect] = narrowed
                    changed = True
    if any(not v for v in allowed.values()):
        return None
    return Box(allowed, a.exact and b.exact)


def closure(beats: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Every rule each rule wins over, directly or through others."""
    out: dict[str, frozenset[str]] = {}

    def reach(rid: str) -> frozenset[str]:
        if rid not in out:
            seen: set[str] = set()
            todo = list(beats.get(rid, ()))
            while todo:
                x = todo.pop()
                if x not in seen:
                    seen.add(x)
                    todo.extend(beats.get(x, ()))
            out[rid] = frozenset(seen)
        return out[rid]

    for rid in beats:
        reach(rid)
    return out


def find_cycle(beats: dict[str, set[str]]) -> list[str] | None:
    """A cycle of overrides (A over B over … over A), as the list of its rule ids, or None."""
    state: dict[str, int] = {}
    for start in beats:
        stack = [(start, iter(sorted(beats.get(start, ()))))]
        path = [start]
        if state.get(start) == 2:
            continue
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if state.get(nxt) is None:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(beats.get(nxt, ())))))
                path.append(nxt)
    return None
