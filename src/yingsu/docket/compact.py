"""Validated cases kept compact (紧凑保存) between a docket's two passes.

pydantic keeps, on every model object, the set of the field names that were given
(``model_fields_set``): a set per object, about 40 % of a validated Case's memory. The cases of
a docket give the same few combinations of fields, so the kept cases share one set per
combination: the values and the sets' contents are unchanged. The models are frozen, so nothing
adds to a set in place (a copy, ``model_copy``, copies its set first).
"""
from __future__ import annotations

from typing import get_args, get_origin

from pydantic import BaseModel

from .models import _set_fields_set


class SharedFieldSets:
    """One field-name set per combination, shared by the models given to `share`."""

    def __init__(self) -> None:
        self._sets: dict[tuple[str, ...], set[str]] = {}
        # per model class: its fields that may hold models, each with whether it holds a list of them
        self._inner: dict[type, tuple[tuple[str, bool], ...]] = {}

    def share(self, model: BaseModel) -> BaseModel:
        """`model` (and the models inside it) with shared field-name sets; returns `model`."""
        sets, inner = self._sets, self._inner
        todo = [model]
        for m in todo:  # the list grows as the models inside are found
            own = m.__pydantic_fields_set__
            key = tuple(own)  # equal tuples, equal contents (sets built alike iterate alike, so they meet)
            shared = sets.get(key)
            if shared is None:
                sets[key] = own
            elif shared is not own:
                _set_fields_set(m, shared)
            cls = m.__class__
            fields = inner.get(cls)
            if fields is None:
                fields = inner[cls] = tuple((n, _in_list(f.annotation)) for n, f in cls.model_fields.items()
                                            if _holds_models(f.annotation))
            if fields:
                values = m.__dict__
                for n, many in fields:
                    v = values[n]
                    if v is None:
                        continue
                    if many and v.__class__ is list:
                        if v:
                            todo.extend(x for x in v if _is_model(x.__class__))
                    elif _is_model(v.__class__):
                        todo.append(v)
        return model


_MODEL_CLASSES: dict[type, bool] = {}  # isinstance(x, BaseModel) goes through ABCMeta: asked once per class


def _is_model(cls: type) -> bool:
    found = _MODEL_CLASSES.get(cls)
    if found is None:
        found = _MODEL_CLASSES[cls] = issubclass(cls, BaseModel)
    return found


def _in_list(annotation) -> bool:
    """Whether a field's type may be a list (of models)."""
    if get_origin(annotation) is list:
        return True
    return any(_in_list(a) for a in get_args(annotation))


def _holds_models(annotation) -> bool:
    """Whether a field's type names a pydantic model (itself, in a list or an optional)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(a) for a in get_args(annotation))
