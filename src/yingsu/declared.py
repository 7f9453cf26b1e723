"""The cities the package declares (已声明的城市): every folder of the rulesets roots.

A city folder whose ruleset is missing must not pass unnoticed: `yingsu check` fails and
`yingsu compare` names the city, instead of leaving it silently out.
"""
from __future__ import annotations

from pathlib import Path

RULES_FILE = "rules.yaml"
BASE = "national"


def _roots() -> tuple[Path, ...]:
    try:
        from .cities import roots  # the rulesets roots, when cities come from folders

        return tuple(roots())
    except ImportError:
        from .rulesets import rulesets_dir

        return (rulesets_dir(),)


def declared_cities() -> dict[str, Path]:
    """Every city folder of the roots (an earlier root wins), the base excluded: id -> folder."""
    found: dict[str, Path] = {}
    for root in _roots():
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            if path.is_dir() and not path.name.startswith((".", "_")) and path.name != BASE:
                found.setdefault(path.name, path)
    return found


def _has_ruleset(folder: Path) -> bool:
    if (folder / RULES_FILE).is_file():
        return True
    return any(sub.is_dir() and (sub / RULES_FILE).is_file() for sub in folder.iterdir())


def missing_rulesets() -> dict[str, Path]:
    """The declared cities whose folder holds no rules.yaml (nor a version folder with one):
    id -> the rules.yaml that should be there."""
    return {city: folder / RULES_FILE for city, folder in declared_cities().items() if not _has_ruleset(folder)}
