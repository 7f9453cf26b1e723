"""Validated cases kept compact (紧凑保存) between a docket's two passes.

pydantic keeps, on every model object, the set of the field names that were given
(``model_fields_set``): a set per object, about 40 % of a validated Case's memory. The cases of
a docket give the same few combinations of fields, so the kept cases share one set per
combination: the values and the sets' contents are unchanged. The models are frozen, so nothing
adds to a set in place (a copy, ``model_copy``, copies its set first).

The cases are shared a batch at a time, a field at a time: each step is one C-level pass over
the batch (map, filter, chain), not Python code per model.
"""
from __future__ import annotations

from collections import deque
from functools import partial
from itertools import chain
from operator import is_not, itemgetter
from typing import Any, Sequence, get_args, get_origin

from pydantic import BaseModel

from .models import _dict_of, _fields_set_of, _set_fields_set

_given = partial(is_not, None)


def _consume(values) -> None:
    deque(values, maxlen=0)


class SharedFieldSets:
    """One field-name set per combination, shared by the models given to `share`."""

    def __init__(self) -> None:
        self._sets: dict[tuple[str, ...], set[str]] = {}
        # per model class: (its field's value getter, whether it holds a list of models, whether
        # only models or None can stand in it) for each field that may hold models
        self._inner: dict[type, tuple[tuple[Any, bool, bool], ...]] = {}

    def share(self, models: Sequence[BaseModel]) -> None:
        """Give `models` (and the models inside them) the shared field-name sets."""
        classes = set(map(type, models))
        if len(classes) > 1:  # one class at a time: each has its own fields
            for cls in classes:
                self.share([m for m in models if type(m) is cls])
            return
        if not classes:
            return
        owns = list(map(_fields_set_of, models))
        # equal tuples, equal contents (sets built alike iterate alike, so they meet)
        _consume(map(_set_fields_set, models, map(self._sets.setdefault, map(tuple, owns), owns)))
        cls = classes.pop()
        fields = self._inner.get(cls)
        if fields is None:
            fields = self._inner[cls] = _inner_fields(cls)
        if fields:
            dicts = list(map(_dict_of, models))
            for get, many, only_models in fields:
                values = map(get, dicts)
                inner = list(chain.from_iterable(values) if many else filter(_given, values))
                if not only_models:
                    inner = [m for m in _walk(inner) if isinstance(m, BaseModel)]
                if inner:
                    self.share(inner)


def _inner_fields(cls: type[BaseModel]) -> tuple[tuple[Any, bool, bool], ...]:
    out = []
    for name, f in cls.model_fields.items():
        if not _holds_models(f.annotation):
            continue
        shape = [a for a in get_args(f.annotation) if a is not type(None)] if get_origin(f.annotation) else []
        if _is_model(f.annotation) or (shape and all(_is_model(a) for a in shape) and get_origin(f.annotation) is not list):
            out.append((itemgetter(name), False, True))  # a model, or None
        elif get_origin(f.annotation) is list and all(_is_model(a) for a in get_args(f.annotation)):
            out.append((itemgetter(name), True, True))  # a list of models
        else:  # another shape (a mapping, a tuple, models beside other values): walked
            out.append((itemgetter(name), False, False))
    return tuple(out)


def _walk(values) -> list:
    """Every value inside `values`, through lists, tuples and mappings (an unusual field's models)."""
    out, todo = [], list(values)
    while todo:
        v = todo.pop()
        if isinstance(v, (list, tuple)):
            todo.extend(v)
        elif isinstance(v, dict):
            todo.extend(v.values())
        else:
            out.append(v)
    return out


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _holds_models(annotation) -> bool:
    """Whether a field's type names a pydantic model (itself, in a list or an optional)."""
    return _is_model(annotation) or any(_holds_models(a) for a in get_args(annotation))
