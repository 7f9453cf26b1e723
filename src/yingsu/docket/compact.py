"""Validated cases kept compact (紧凑保存) between a docket's two passes.

pydantic keeps, on every model object, the set of the field names that were given
(``model_fields_set``): a set per object, about 40 % of a validated Case's memory. The cases of
a docket give the same few combinations of fields, so the kept cases share one set per
combination: the values and the sets' contents are unchanged. The models are frozen, so nothing
adds to a set in place (a copy, ``model_copy``, copies its set first).
"""
from __future__ import annotations

from pydantic import BaseModel

_set = object.__setattr__


class SharedFieldSets:
    """One field-name set per combination, shared by the models given to `share`."""

    def __init__(self) -> None:
        self._sets: dict[frozenset[str], set[str]] = {}

    def share(self, model: BaseModel) -> BaseModel:
        """`model` (and the models inside it) with shared field-name sets; returns `model`."""
        sets = self._sets
        stack = [model]
        while stack:
            m = stack.pop()
            own = m.__pydantic_fields_set__
            key = frozenset(own)
            shared = sets.get(key)
            if shared is None:
                shared = sets[key] = own
            elif shared is not own:
                _set(m, "__pydantic_fields_set__", shared)
            for v in m.__dict__.values():
                if isinstance(v, BaseModel):
                    stack.append(v)
                elif isinstance(v, list) and v and isinstance(v[0], BaseModel):
                    stack.extend(v)
        return model
