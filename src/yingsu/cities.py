"""Cities (城市) and their ruleset versions (版本), found in the rulesets folders: data only.

No Python file names a city. A city is a folder of a rulesets root (`rulesets/<city>/`) that
holds either one ruleset (`rules.yaml`, a single version) or several dated versions, one per
subfolder (`rulesets/<city>/<version>/rules.yaml`). Each ruleset's header gives the city's
Chinese names (`label` 简称, `place` 地方) and its place in lists (`order`, optional; cities
without one follow, by id).

The roots are `$YINGSU_RULESETS` (one folder, or several separated by the path separator,
searched in order: a deployment adds a city beside the packaged ones), else the installed
package data, else the source tree. This module only looks at folders and headers; loading and
validating a ruleset is yingsu.rulesets.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import RulesetError
from .yamlsafe import FAST_SAFE_LOADER

BASE_ID = "national"  # the statutory base every city inherits from; not a city
RULES_FILE = "rules.yaml"
_TOP_LEVEL = re.compile(r"^(combine|rules|articles):")


@dataclass(frozen=True)
class VersionFolder:
    """One version of a city's ruleset: its folder and what its header says."""

    city: str
    id: str | None  # the subfolder name; None for a city with a single rules.yaml
    path: Path  # the rules.yaml
    header: dict

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class CityFolder:
    id: str
    path: Path
    versions: tuple[VersionFolder, ...]

    @property
    def header(self) -> dict:
        """The header of the latest version (by effective_from), which names the city."""
        return _latest(self.versions).header

    @property
    def label(self) -> str:
        return str(self.header.get("label") or self.id)

    @property
    def place(self) -> str:
        return str(self.header.get("place") or self.label)

    @property
    def order(self) -> int | None:
        value = self.header.get("order")
        return value if isinstance(value, int) and not isinstance(value, bool) else None


def roots() -> tuple[Path, ...]:
    """The rulesets roots, in search order."""
    return _roots(os.environ.get("YINGSU_RULESETS"))


@lru_cache(maxsize=8)  # asked for on every label and every ruleset lookup; the env var is the key
def _roots(env: str | None) -> tuple[Path, ...]:
    if env:
        return tuple(Path(p) for p in env.split(os.pathsep) if p)
    packaged = Path(str(resources.files("yingsu"))) / "_rulesets"
    if packaged.is_dir():
        return (packaged,)
    tree = Path(__file__).resolve().parents[2] / "rulesets"
    if tree.is_dir():
        return (tree,)
    return ()


def rulesets_dir() -> Path:
    """The first rulesets root (where `yingsu new-city` writes by default)."""
    found = roots()
    if not found:
        raise RulesetError("no rulesets found: neither the installed package data nor a source tree", None)
    return found[0]


def read_header(path: Path) -> dict:
    """The `ruleset:` header of a rules.yaml, read cheaply (the text before `combine:`/`rules:`).
    A header that does not parse reads as empty: the full loader reports it, with its line."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = []
            for line in f:
                if _TOP_LEVEL.match(line):
                    break
                lines.append(line)
        data = yaml.load("".join(lines), Loader=FAST_SAFE_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    header = data.get("ruleset") if isinstance(data, dict) else None
    return header if isinstance(header, dict) else {}


def _latest(versions: tuple[VersionFolder, ...]) -> VersionFolder:
    return max(versions, key=lambda v: (_as_date(v.header.get("effective_from")) or date.min, v.id or ""))


def _as_date(value) -> date | None:
    return value if isinstance(value, date) else None


def _city_folder(path: Path) -> CityFolder | None:
    single = path / RULES_FILE
    if single.is_file():
        return CityFolder(path.name, path, (VersionFolder(path.name, None, single, read_header(single)),))
    versions = tuple(
        VersionFolder(path.name, sub.name, sub / RULES_FILE, read_header(sub / RULES_FILE))
        for sub in sorted(path.iterdir())
        if sub.is_dir() and (sub / RULES_FILE).is_file()
    )
    return CityFolder(path.name, path, versions) if versions else None


@lru_cache(maxsize=8)
def _scan(found: tuple[Path, ...]) -> dict[str, CityFolder]:
    cities: dict[str, CityFolder] = {}
    for root in found:
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            if not path.is_dir() or path.name.startswith((".", "_")) or path.name in cities:
                continue
            folder = _city_folder(path)
            if folder is not None:
                cities[path.name] = folder
    return cities


def folders() -> dict[str, CityFolder]:
    """Every ruleset folder of the roots (the base included), by id; an earlier root wins."""
    return _scan(roots())


def city_ids() -> tuple[str, ...]:
    """The cities, in the order their headers give (`order`), then by id."""
    cities = [c for c in folders().values() if c.id != BASE_ID]
    cities.sort(key=lambda c: (c.order is None, c.order if c.order is not None else 0, c.id))
    return tuple(c.id for c in cities)


def city_folder(city: str) -> CityFolder | None:
    return folders().get(str(city))


def city_labels() -> dict[str, str]:
    """简称 of every city ({"xianzhou": "新洲", …}), in order: for columns, reports and the docket."""
    return {c: folders()[c].label for c in city_ids()}


def city_places() -> dict[str, str]:
    """地方 of every city ({"xianzhou": "武汉市新洲区", …}), in order."""
    return {c: folders()[c].place for c in city_ids()}


def city_levels() -> dict[str, str | None]:
    """The default level of the defendant in every city (its header's `default_level`)."""
    return {c: folders()[c].header.get("default_level") for c in city_ids()}


def clear() -> None:
    _roots.cache_clear()
    _scan.cache_clear()
