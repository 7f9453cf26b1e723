"""标签目录 (label catalogue): the Chinese name of every id of the contract, from one data file.

Every officer-facing output (CLI text, comparison, docket report, .ics, web page) and the
JSON Schema's titles take their words from here; the data are `data/labels.yaml`, read once
with the safe YAML loader. City names are not in that file: they are each ruleset header's
`label` (简称, 新洲) and `place` (地方, 武汉市新洲区), so a new city needs no new label.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import YingsuError
from .yamlsafe import FAST_SAFE_LOADER

_KINDS_FROM_RULESETS = ("city",)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = (resources.files(__package__ or "yingsu") / "data" / "labels.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=FAST_SAFE_LOADER)  # noqa: S506 - a safe loader
    return {
        "fields": {k: tuple(v) for k, v in data["fields"].items()},
        "values": data["values"],
        "aliases": data.get("aliases", {}),
        "terms": data.get("terms", {}),
    }


def _table(kind: str) -> dict[str, str] | None:
    d = _data()
    kind = d["aliases"].get(kind, kind)
    return d["values"].get(kind)


def kinds() -> list[str]:
    """Every kind `label` knows (besides "city")."""
    d = _data()
    return [*_KINDS_FROM_RULESETS, *d["values"], *d["aliases"]]


def values(kind: str) -> dict[str, str]:
    """{value: Chinese label} of one kind, in the catalogue's order (e.g. every deadline)."""
    if kind == "city":
        return {c: city_label(c) for c in _cities()}
    table = _table(kind)
    if table is None:
        raise KeyError(f"no labels of kind {kind!r}")
    return dict(table)


def label(kind: str, value: Any) -> str:
    """The Chinese label of an id: label("role", "justice_bureau") -> "司法行政部门".

    An enum member is taken by its value. An unknown value raises KeyError (a missing label is
    a gap in the catalogue, which the tests catch, not something to print in English).
    """
    value = getattr(value, "value", value)
    if kind == "city":
        return city_label(value)
    table = _table(kind)
    if table is None:
        raise KeyError(f"no labels of kind {kind!r}")
    try:
        return table[value]
    except KeyError:
        raise KeyError(f"no label for {kind} {value!r}") from None


def _field_entry(path: str) -> tuple[str, ...] | None:
    """A field's entry by its path; a citation's fields (x.basis.quote) under basis.*."""
    fields = _data()["fields"]
    parts = [p for p in path.split(".") if not p.isdigit()]
    for i in range(len(parts)):
        entry = fields.get(".".join(parts[i:]))
        if entry is not None and (i == 0 or parts[i] in ("basis", "who_basis")):
            return entry
    if parts and parts[-1] == "who_basis":
        return fields["appearance.who_basis"]
    if len(parts) >= 2 and parts[-2] == "who_basis":
        return fields.get("basis." + parts[-1])
    return None


def field_label(path: str) -> str:
    """The Chinese label of a Case or Decision field: "events.served" -> "收到起诉状副本和应诉通知书"."""
    entry = _field_entry(path)
    if entry is None:
        raise KeyError(f"no label for field {path!r}")
    return entry[0]


def field_help(path: str) -> str:
    """The officer's help text of a field (for the web form)."""
    entry = _field_entry(path)
    if entry is None:
        raise KeyError(f"no label for field {path!r}")
    return entry[1]


def field_doc(path: str) -> tuple[str, str] | None:
    """(title, description) of a field for the JSON Schema: the Chinese term, then the Chinese
    help and the English description. None for a field the catalogue does not know."""
    entry = _field_entry(path)
    if entry is None:
        return None
    title, help_text, english = entry
    return title, f"{title}：{help_text}。{english}"


def fields() -> dict[str, tuple[str, str, str]]:
    """Every catalogued field path -> (title, help, English description)."""
    return dict(_data()["fields"])


def term(word: str) -> str | None:
    """A word that notes use beside the contract's ids (priority -> 优先级), or None."""
    return _data()["terms"].get(word)


# ---- cities: from the ruleset headers ------------------------------------------------------


def _cities() -> tuple[str, ...]:
    from .cities import city_ids

    return city_ids()


def _names(city: str) -> tuple[str, str]:
    """(label, place) of a city from its ruleset header (yingsu.cities), or of the national base."""
    from .cities import city_labels, city_places

    labels = city_labels()
    if city in labels:
        return labels[city], city_places()[city]
    from .rulesets import get_base

    base = get_base()
    if city == base.id:
        return base.label, base.place
    raise KeyError(f"no label for city {city!r}")


def city_label(city: str) -> str:
    """新洲 for xianzhou (the header's `label`); 全国 for the national base."""
    try:
        return _names(_bare(city))[0]
    except (YingsuError, OSError):
        raise KeyError(f"no label for city {city!r}") from None


def city_place(city: str) -> str:
    """武汉市新洲区 for xianzhou (the header's `place`)."""
    return _names(_bare(city))[1]


def _bare(ruleset_id: str) -> str:
    """A ruleset id without a version suffix (xianzhou@2022 -> xianzhou)."""
    for sep in ("@", "#"):
        ruleset_id = ruleset_id.split(sep, 1)[0]
    return ruleset_id


def city_id(text: str) -> str:
    """The city id of "xianzhou", "新洲", "新洲区" or "武汉市新洲区"; a clear error otherwise."""
    wanted = str(text).strip()
    cities = _cities()
    if wanted in cities:
        return wanted
    for c in cities:
        label, place = _names(c)
        if wanted in (label, place) or (wanted.startswith(label) and place.endswith(wanted)):
            return c
    known = "、".join(f"{_names(c)[0]}（{c}）" for c in cities)
    shown = wanted or "（空）"
    raise YingsuError(f"没有“{shown}”这个城市的规则集；可用：{known}")
