"""Rule conditions (适用条件): data in the YAML, compiled once at load into predicates.

A condition is a mapping; every entry must hold (and). An entry is either
  fact: value            equal (for a list fact: the list contains value); `null`: missing
  fact: {operator: arg}  in / not / present / any_of / all_of / none_of / gte / lte
or a combinator
  any: [condition, ...]  at least one holds (or)
  all: [condition, ...]  every one holds
  not: condition         does not hold
Facts and enum values are checked against yingsu.facts when the ruleset loads, so a typo is
a load error with file and line, never a rule that silently never fires.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

from .errors import RulesetError
from .facts import DECIDED_FACTS, FACTS, Fact, FactType

Predicate = Callable[[Mapping[str, Any]], bool]

_LIST_TYPES = {FactType.enum_list, FactType.text_list}
_OPERATORS = {
    "in": {FactType.enum, FactType.text, FactType.count, FactType.flag},
    "not": set(FactType),
    "present": set(FactType),
    "any_of": _LIST_TYPES,
    "all_of": _LIST_TYPES,
    "none_of": _LIST_TYPES,
    "gte": {FactType.count},
    "lte": {FactType.count},
}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, (frozenset, tuple, list)) and not value)


class ConditionCompiler:
    """Compiles conditions of one ruleset file, reporting errors with that file's lines."""

    def __init__(self, file: str, allow_decided: bool = False):
        self.file = file
        self.facts: dict[str, Fact] = dict(FACTS)
        if allow_decided:
            self.facts.update(DECIDED_FACTS)

    def error(self, message: str, line: int | None) -> RulesetError:
        return RulesetError(message, self.file, line)

    def compile(self, when: Any, line: int | None) -> Predicate:
        if when is None:
            return lambda facts: True
        if not isinstance(when, dict):
            raise self.error("a condition must be a mapping of facts to values", line)
        parts: list[Predicate] = []
        for key, value in when.items():
            key_line = when.line_of(key) if hasattr(when, "line_of") else line
            parts.append(self._entry(key, value, key_line))
        if len(parts) == 1:
            return parts[0]
        return lambda facts: all(p(facts) for p in parts)

    def _entry(self, key: Any, value: Any, line: int | None) -> Predicate:
        if key in ("any", "all"):
            if not isinstance(value, list) or not value:
                raise self.error(f"'{key}' takes a non-empty list of conditions", line)
            subs = [self.compile(v, _item_line(value, i, line)) for i, v in enumerate(value)]
            if key == "any":
                return lambda facts: any(p(facts) for p in subs)
            return lambda facts: all(p(facts) for p in subs)
        if key == "not":
            sub = self.compile(value, line)
            return lambda facts: not sub(facts)
        if not isinstance(key, str) or key not in self.facts:
            raise self.error(f"condition on unknown fact '{key}'", line)
        fact = self.facts[key]
        if isinstance(value, dict):
            if len(value) != 1:
                raise self.error(f"condition on '{key}' must have exactly one operator", line)
            (op, arg), = value.items()
            return self._operator(fact, op, arg, line)
        return self._equals(fact, value, line)

    def _check_value(self, fact: Fact, value: Any, line: int | None) -> Any:
        t = fact.type
        if value is None:
            return None
        if t in (FactType.enum, FactType.enum_list):
            if not isinstance(value, str) or value not in fact.values:
                allowed = ", ".join(sorted(fact.values))
                raise self.error(f"'{value}' is not a value of fact '{fact.name}' (allowed: {allowed})", line)
            return value
        if t is FactType.flag:
            if not isinstance(value, bool):
                raise self.error(f"fact '{fact.name}' is true or false, not {value!r}", line)
            return value
        if t is FactType.count:
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.error(f"fact '{fact.name}' is a whole number, not {value!r}", line)
            return value
        if t in (FactType.text, FactType.text_list):
            if not isinstance(value, str):
                raise self.error(f"fact '{fact.name}' is text, not {value!r}", line)
            return value
        raise self.error(f"fact '{fact.name}' (a date) can only be tested with 'present' or null", line)

    def _equals(self, fact: Fact, value: Any, line: int | None) -> Predicate:
        v = self._check_value(fact, value, line)
        name = fact.name
        if v is None:
            return lambda facts: _missing(facts.get(name))
        if fact.type in _LIST_TYPES:
            return lambda facts: v in (facts.get(name) or ())
        return lambda facts: facts.get(name) == v

    def _operator(self, fact: Fact, op: Any, arg: Any, line: int | None) -> Predicate:
        if op not in _OPERATORS:
            raise self.error(f"unknown operator '{op}' (known: {', '.join(_OPERATORS)})", line)
        if fact.type not in _OPERATORS[op]:
            raise self.error(f"operator '{op}' does not apply to fact '{fact.name}' ({fact.type})", line)
        name = fact.name
        if op == "present":
            if not isinstance(arg, bool):
                raise self.error("'present' takes true or false", line)
            return (lambda f: not _missing(f.get(name))) if arg else (lambda f: _missing(f.get(name)))
        if op == "not":
            eq = self._equals(fact, arg, line)
            return lambda f: not eq(f)
        if op in ("gte", "lte"):
            n = self._check_value(fact, arg, line)
            if n is None:
                raise self.error(f"'{op}' needs a number", line)
            if op == "gte":
                return lambda f: f.get(name) is not None and f[name] >= n
            return lambda f: f.get(name) is not None and f[name] <= n
        if not isinstance(arg, list) or not arg:
            raise self.error(f"'{op}' takes a non-empty list of values", line)
        values = frozenset(self._check_value(fact, a, _item_line(arg, i, line)) for i, a in enumerate(arg))
        if op == "in":
            has_none = None in values
            return lambda f: f.get(name) in values or (has_none and _missing(f.get(name)))
        if op == "any_of":
            return lambda f: not values.isdisjoint(f.get(name) or ())
        if op == "all_of":
            return lambda f: values <= frozenset(f.get(name) or ())
        return lambda f: values.isdisjoint(f.get(name) or ())  # none_of


def _item_line(seq: Any, index: int, default: int | None) -> int | None:
    return seq.line_of(index) if hasattr(seq, "line_of") else default
