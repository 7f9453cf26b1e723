"""Validated cases kept compact (紧凑保存) between a docket's two passes.

pydantic keeps, on every model object, the set of the field names that were given
(``model_fields_set``): a set per object, about 40 % of a validated Case's memory. The cases of
a docket give the same few combinations of fields, so the kept cases share one set per
combination: the values and the sets' contents are unchanged. The models are frozen, so nothing
adds to a set in place (a copy, ``model_copy``, copies its set first).
"""
from __future__ import annotations

from typing import get_args

from pydantic import BaseModel

_set = object.__setattr__


class SharedFieldSets:
    """One field-name set per combination, shared by the models given to `share`."""

    def __init__(self) -> None:
        self._sets: dict[tuple[str, ...], set[str]] = {}
        self._inner: dict[type, tuple[str, ...]] = {}  # per model class: its fields that may hold models

    def share(self, model: BaseModel) -> BaseModel:
        """`model` (and the models inside it) with shared field-name sets; returns `model`."""
        sets, inner = self._sets, self._inner
        stack = [model]
        while stack:
            m = stack.pop()
            own = m.__pydantic_fields_set__
            key = tuple(own)  # equal tuples, equal contents (sets built alike iterate alike, so they meet)
            shared = sets.get(key)
            if shared is None:
                shared = sets[key] = own
            elif shared is not own:
                _set(m, "__pydantic_fields_set__", shared)
            cls = type(m)
            names = inner.get(cls)
            if names is None:
                names = inner[cls] = tuple(n for n, f in cls.model_fields.items() if _holds_models(f.annotation))
            values = m.__dict__
            for n in names:
                v = values[n]
                if isinstance(v, BaseModel):
                    stack.append(v)
                elif isinstance(v, list):
                    stack.extend(x for x in v if isinstance(x, BaseModel))
        return model


def _holds_models(annotation) -> bool:
    """Whether a field's type names a pydantic model (itself, in a list or an optional)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(a) for a in get_args(annotation))
