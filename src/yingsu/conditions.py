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

Compiling turns a checked condition into one Python expression over the fact values
(`f['defendant.kind'] == 'government' and ...`), built only from fact names of the fact table
and constants the checks accepted, and evaluates it once into a function. The expression
(`predicate.expr`, with its constants in `predicate.consts`) is kept so the engine can join
the conditions of one decision into a single function (see yingsu.engine).
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Mapping

from .errors import RulesetError
from .facts import DECIDED_FACTS, FACTS, Fact, FactType, FactValues

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
_names = itertools.count()  # constants get names unique across rulesets, so expressions can be joined
_interned: dict[Any, str] = {}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, (frozenset, tuple, list)) and not value)


def compile_expression(expr: str, consts: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], bool]:
    """The function `f -> expr` over fact values `f` (a FactValues), with `consts` in scope."""
    return eval(f"lambda f: {expr}", {"__builtins__": {}, **consts})  # noqa: S307 - see module docstring


def _predicate(expr: str, consts: dict[str, Any], facts: frozenset[str]) -> Predicate:
    fast = compile_expression(expr, consts)

    def predicate(facts: Mapping[str, Any]) -> bool:
        return fast(facts if isinstance(facts, FactValues) else FactValues(facts))

    predicate.expr = expr  # type: ignore[attr-defined]
    predicate.consts = consts  # type: ignore[attr-defined]
    predicate.facts = facts  # type: ignore[attr-defined]  # the facts it reads
    return predicate


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
        self._consts: dict[str, Any] = {}
        self._used: set[str] = set()
        expr = self._expr(when, line)
        return _predicate(expr, self._consts, frozenset(self._used))

    def _expr(self, when: Any, line: int | None) -> str:
        if when is None:
            return "True"
        if not isinstance(when, dict):
            raise self.error("a condition must be a mapping of facts to values", line)
        parts: list[str] = []
        for key, value in when.items():
            key_line = when.line_of(key) if hasattr(when, "line_of") else line
            parts.append(self._entry(key, value, key_line))
        if not parts:
            return "True"
        if len(parts) == 1:
            return parts[0]
        return "(" + " and ".join(parts) + ")"

    def _entry(self, key: Any, value: Any, line: int | None) -> str:
        if key in ("any", "all"):
            if not isinstance(value, list) or not value:
                raise self.error(f"'{key}' takes a non-empty list of conditions", line)
            subs = [self._expr(v, _item_line(value, i, line)) for i, v in enumerate(value)]
            return "(" + (" or " if key == "any" else " and ").join(subs) + ")"
        if key == "not":
            return f"(not {self._expr(value, line)})"
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

    # Expressions. `value` below is the fact's value, f[name] (None when missing). A list
    # fact holds a tuple or frozenset and a scalar fact never holds a collection, so
    # "missing" (None, or an empty list) is `not value` for list facts and `value is None`
    # for scalar facts.

    def _value(self, fact: Fact) -> str:
        self._used.add(str(fact.name))
        return f"f[{str(fact.name)!r}]"

    def _missing_expr(self, fact: Fact) -> str:
        v = self._value(fact)
        return f"(not {v})" if fact.type in _LIST_TYPES else f"({v} is None)"

    def _const(self, value: Any) -> str:
        if type(value) in (str, int, bool):
            return repr(value)
        # equal constants share one name, so equal tests read the same in every rule
        key = (type(value), frozenset((type(x), x) for x in value) if isinstance(value, frozenset) else value)
        name = _interned.get(key)
        if name is None:
            name = _interned[key] = f"_k{next(_names)}"
        self._consts[name] = value
        return name

    def _equals(self, fact: Fact, value: Any, line: int | None) -> str:
        v = self._check_value(fact, value, line)
        if v is None:
            return self._missing_expr(fact)
        c = self._const(v)
        if fact.type in _LIST_TYPES:
            return f"({c} in ({self._value(fact)} or ()))"
        return f"({self._value(fact)} == {c})"

    def _operator(self, fact: Fact, op: Any, arg: Any, line: int | None) -> str:
        if op not in _OPERATORS:
            raise self.error(f"unknown operator '{op}' (known: {', '.join(_OPERATORS)})", line)
        if fact.type not in _OPERATORS[op]:
            raise self.error(f"operator '{op}' does not apply to fact '{fact.name}' ({fact.type})", line)
        value = self._value(fact)
        if op == "present":
            if not isinstance(arg, bool):
                raise self.error("'present' takes true or false", line)
            return f"(not {self._missing_expr(fact)})" if arg else self._missing_expr(fact)
        if op == "not":
            return f"(not {self._equals(fact, arg, line)})"
        if op in ("gte", "lte"):
            n = self._check_value(fact, arg, line)
            if n is None:
                raise self.error(f"'{op}' needs a number", line)
            return f"({value} is not None and {value} {'>=' if op == 'gte' else '<='} {self._const(n)})"
        if not isinstance(arg, list) or not arg:
            raise self.error(f"'{op}' takes a non-empty list of values", line)
        values = frozenset(self._check_value(fact, a, _item_line(arg, i, line)) for i, a in enumerate(arg))
        k = self._const(values)
        if op == "in":
            if None in values:
                return f"({value} in {k} or {self._missing_expr(fact)})"
            return f"({value} in {k})"
        if op == "any_of":
            return f"(not {k}.isdisjoint({value} or ()))"
        if op == "all_of":
            return f"{k}.issubset({value} or ())"
        return f"{k}.isdisjoint({value} or ())"  # none_of


def _item_line(seq: Any, index: int, default: int | None) -> int | None:
    return seq.line_of(index) if hasattr(seq, "line_of") else default
