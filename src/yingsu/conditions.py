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

Compiling builds a tree of small closures, one per test, joined by and/or/not; no source
text is generated and nothing is evaluated (no eval, no exec). A compiled predicate takes
any mapping of fact values; its `.fast` form takes a mapping in which a missing fact reads
as None (yingsu.facts.FactValues, or the engine's lazily read facts).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, NamedTuple

from .errors import RulesetError
from .facts import DECIDED_FACTS, FACTS, Fact, FactType, FactValues

Predicate = Callable[[Mapping[str, Any]], bool]
Test = Callable[[Mapping[str, Any]], bool]  # over a mapping whose missing facts read as None

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


def _true(f: Mapping[str, Any]) -> bool:
    return True


_UNROLL = 6  # up to this many tests are chained closures (the common case, fastest); more: a loop


def all_tests(tests: list[Test]) -> Test:
    """Every test holds; short-circuits in order (small arities unrolled: they are the common
    case). A long list is looped over, not chained, so 3,000 conditions need no deep recursion."""
    if not tests:
        return _true
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda f: a(f) and b(f)
    if len(tests) == 3:
        a, b, c = tests
        return lambda f: a(f) and b(f) and c(f)
    if len(tests) > _UNROLL:
        every = tuple(tests)
        return lambda f: all(t(f) for t in every)
    a, b, c = tests[:3]
    rest = all_tests(tests[3:])
    return lambda f: a(f) and b(f) and c(f) and rest(f)


def _any(tests: list[Test]) -> Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda f: a(f) or b(f)
    if len(tests) > _UNROLL:
        some = tuple(tests)
        return lambda f: any(t(f) for t in some)
    a, b = tests[:2]
    rest = _any(tests[2:])
    return lambda f: a(f) or b(f) or rest(f)


def _not(test: Test) -> Test:
    return lambda f: not test(f)


class Conjunct(NamedTuple):
    """One test of a condition's top-level `and`. Where the test only asks which value a
    scalar fact has, `fact` names it and `allowed` is the set of values (None: missing) for
    which it holds; the engine uses this to skip rules that cannot fire (see yingsu.engine)."""

    test: Test
    fact: str | None = None
    allowed: frozenset | None = None


def _public(conjuncts: list[Conjunct], reads: frozenset[str] = frozenset()) -> Predicate:
    """The predicate for any mapping, with `.fast` for mappings whose missing facts read as
    None, `.conjuncts` for the tests it requires all of and `.reads` for every fact it tests
    (inside any/all/not too)."""
    fast = all_tests([c.test for c in conjuncts])

    def predicate(facts: Mapping[str, Any]) -> bool:
        return fast(facts if isinstance(facts, FactValues) else FactValues(facts))

    predicate.fast = fast  # type: ignore[attr-defined]
    predicate.conjuncts = tuple(conjuncts)  # type: ignore[attr-defined]
    predicate.reads = reads  # type: ignore[attr-defined]
    return predicate


LIST_NONEMPTY = "#nonempty"  # suffix of an index key: whether a list fact holds anything


def domain(fact: Fact) -> frozenset | None:
    """Every value a scalar enum or flag fact can hold (None: missing), or None for other facts."""
    if fact.type is FactType.enum:
        return fact.values | {None}
    if fact.type is FactType.flag:
        return frozenset({True, False, None})
    return None


MAX_NESTING = 16  # any/all/not inside one another: deeper is refused (rules nest 2 or 3 deep)


class ConditionCompiler:
    """Compiles conditions of one ruleset file, reporting errors with that file's lines."""

    def __init__(self, file: str, allow_decided: bool = False):
        self.file = file
        self._depth = 0
        self._reads: set[str] = set()  # the facts the condition being compiled tests
        self.facts: dict[str, Fact] = dict(FACTS)
        if allow_decided:
            self.facts.update(DECIDED_FACTS)

    def error(self, message: str, line: int | None) -> RulesetError:
        return RulesetError(message, self.file, line)

    def compile(self, when: Any, line: int | None) -> Predicate:
        if when is None:
            return _public([])
        if not isinstance(when, dict):
            raise self.error("a condition must be a mapping of facts to values", line)
        self._reads = set()
        conjuncts = []
        for key, value in when.items():
            key_line = when.line_of(key) if hasattr(when, "line_of") else line
            test = self._entry(key, value, key_line)
            conjuncts.append(Conjunct(test, *self._allowed(key, value)))
        return _public(conjuncts, frozenset(self._reads))

    def _allowed(self, key: Any, value: Any) -> tuple[str | None, frozenset | None]:
        """(key, values of the key for which the entry holds) when the entry only asks which value a
        scalar fact has, or whether a list fact is empty: the key is the fact's name, or
        `name` + LIST_NONEMPTY for a list fact, whose values are then True (non-empty) and False."""
        fact = self.facts.get(key) if isinstance(key, str) else None
        if fact is None or fact.name in DECIDED_FACTS:
            return None, None
        if fact.type in _LIST_TYPES:
            nonempty = fact.name + LIST_NONEMPTY
            if not isinstance(value, dict):
                return nonempty, frozenset({value is not None})  # contains v: non-empty; null: empty
            (op, arg), = value.items()
            if op in ("any_of", "all_of") or (op == "present" and arg):
                return nonempty, frozenset({True})
            if op == "present":
                return nonempty, frozenset({False})
            return None, None
        every = domain(fact)
        if every is None:
            return None, None
        if not isinstance(value, dict):
            return fact.name, frozenset({value})
        (op, arg), = value.items()
        if op == "in":
            return fact.name, frozenset(arg)
        if op == "not" and not isinstance(arg, dict):
            return fact.name, every - {arg}
        if op == "present":
            return fact.name, every - {None} if arg else frozenset({None})
        return None, None

    def _condition(self, when: Any, line: int | None) -> Test:
        if when is None:
            return _true
        if not isinstance(when, dict):
            raise self.error("a condition must be a mapping of facts to values", line)
        parts = []
        for key, value in when.items():
            key_line = when.line_of(key) if hasattr(when, "line_of") else line
            parts.append(self._entry(key, value, key_line))
        return all_tests(parts)

    def _entry(self, key: Any, value: Any, line: int | None) -> Test:
        if key in ("any", "all", "not"):
            if self._depth >= MAX_NESTING:
                raise self.error(f"conditions nested more than {MAX_NESTING} levels deep (any/all/not)", line)
            self._depth += 1
            try:
                if key == "not":
                    return _not(self._condition(value, line))
                if not isinstance(value, list) or not value:
                    raise self.error(f"'{key}' takes a non-empty list of conditions", line)
                subs = [self._condition(v, _item_line(value, i, line)) for i, v in enumerate(value)]
                return _any(subs) if key == "any" else all_tests(subs)
            finally:
                self._depth -= 1
        if not isinstance(key, str) or key not in self.facts:
            raise self.error(f"condition on unknown fact '{key}'", line)
        fact = self.facts[key]
        self._reads.add(key)
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

    # Tests. `f[name]` is the fact's value (None when missing). A list fact holds a tuple,
    # list or frozenset and a scalar fact never holds a collection, so "missing" (None, or an
    # empty list) is `not value` for list facts and `value is None` for scalar facts.

    @staticmethod
    def _missing(fact: Fact) -> Test:
        name = fact.name
        if fact.type in _LIST_TYPES:
            return lambda f: not f[name]
        return lambda f: f[name] is None

    def _equals(self, fact: Fact, value: Any, line: int | None) -> Test:
        v = self._check_value(fact, value, line)
        if v is None:
            return self._missing(fact)
        name = fact.name
        if fact.type in _LIST_TYPES:
            return lambda f: v in (f[name] or ())
        return lambda f: f[name] == v

    def _operator(self, fact: Fact, op: Any, arg: Any, line: int | None) -> Test:
        if op not in _OPERATORS:
            raise self.error(f"unknown operator '{op}' (known: {', '.join(_OPERATORS)})", line)
        if fact.type not in _OPERATORS[op]:
            raise self.error(f"operator '{op}' does not apply to fact '{fact.name}' ({fact.type})", line)
        name = fact.name
        if op == "present":
            if not isinstance(arg, bool):
                raise self.error("'present' takes true or false", line)
            missing = self._missing(fact)
            return _not(missing) if arg else missing
        if op == "not":
            return _not(self._equals(fact, arg, line))
        if op in ("gte", "lte"):
            n = self._check_value(fact, arg, line)
            if n is None:
                raise self.error(f"'{op}' needs a number", line)
            if op == "gte":
                return lambda f: (x := f[name]) is not None and x >= n
            return lambda f: (x := f[name]) is not None and x <= n
        if not isinstance(arg, list) or not arg:
            raise self.error(f"'{op}' takes a non-empty list of values", line)
        values = frozenset(self._check_value(fact, a, _item_line(arg, i, line)) for i, a in enumerate(arg))
        if op == "in":
            if None in values:
                missing = self._missing(fact)
                return lambda f: f[name] in values or missing(f)
            return lambda f: f[name] in values
        if op == "any_of":
            return lambda f: not values.isdisjoint(f[name] or ())
        if op == "all_of":
            return lambda f: values.issubset(f[name] or ())
        return lambda f: values.isdisjoint(f[name] or ())  # none_of


def _item_line(seq: Any, index: int, default: int | None) -> int | None:
    return seq.line_of(index) if hasattr(seq, "line_of") else default
