"""A skeleton ruleset (规则集草稿) for a new city, written from its ordinance text.

`yingsu new-city ID ordinance.txt` writes `<out>/<ID>/rules.yaml` and a copy of the text: the
header (title, number, issuer, dates, where the text states them; guesses are marked), the
documents where the text holds several, no rules yet, and every article listed once with its
text and `reason: TODO`. `yingsu coverage ID` then lists what is left, and `yingsu check`
fails while any TODO is left. Nothing is ever overwritten.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from .errors import YingsuError
from .structure import Ordinance, parse

_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_ISSUER_SUFFIX = re.compile(r"(人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅)$")


def _q(text: str) -> str:
    """A YAML scalar: JSON's double-quoted string is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def place_of(issuer: str | None) -> str | None:
    """武汉市新洲区人民政府办公室 -> 武汉市新洲区."""
    if not issuer:
        return None
    return _ISSUER_SUFFIX.sub("", issuer) or None


def label_of(place: str | None) -> str | None:
    """武汉市新洲区 -> 新洲; 德州市 -> 德州 (the last administrative unit, without its suffix)."""
    if not place:
        return None
    parts = [p for p in re.split(r"(?:(?<=省)|(?<=市)|(?<=盟)|(?<=自治区)|(?<=自治州))(?=.)", place) if p]
    last = parts[-1] if parts else place
    short = re.sub(r"(市|区|县|旗)$", "", last)
    return short if len(short) >= 2 else last


def _date(d: date | None) -> str:
    return d.isoformat() if d else "null"


def render(city: str, ordinance: Ordinance, source_name: str = "ordinance.txt") -> str:
    """The text of the skeleton rules.yaml."""
    place = place_of(ordinance.issued_by)
    label = label_of(place)
    level = "county" if place and place[-1] in "区县旗" else "city"
    multi = len(ordinance.documents) > 1
    out = [
        f"# Skeleton of the {city} ruleset, written by `yingsu new-city` from {source_name}.",
        "# Work through it with `yingsu coverage " + city + "`: give each article rules, or replace its",
        "# `reason: TODO` with why no rule encodes it; `yingsu check` fails while a TODO is left.",
        "# Check every header value against the text (values marked 'guess' are not stated there).",
        "ruleset:",
        f"  id: {city}",
        f"  label: {_q(label or city)}  # guess: 简称, as officers say it",
        f"  place: {_q(place or label or city)}  # guess: 地方",
        f"  title: {_q(ordinance.title or 'TODO')}",
        f"  number: {_q(ordinance.number) if ordinance.number else 'null'}",
        f"  issued_by: {_q(ordinance.issued_by) if ordinance.issued_by else 'null'}",
        f"  effective_from: {_date(ordinance.effective_from)}",
        f"  effective_to: {_date(ordinance.effective_to)}",
    ]
    if ordinance.notes:
        out.append(f"  effective_note: {_q('；'.join(ordinance.notes))}")
    out.append(f"  source: {source_name}")
    if multi:
        out.append("  documents:")
        for d in ordinance.documents:
            out.append(f"    - {{id: {_q(d.id)}, title: {_q(d.title)}, begins: {_q(d.begins or d.title)}}}")
    out += [
        f"  default_level: {level}  # guess, from the issuer's place",
        "  loss_definition: default  # 'ordinance' once rules define 败诉",
        "  inherits: [appearance, deadline, loss]",
        "",
        "combine:",
        "  undertaking: first_match",
        "  appearance: {precedence: [not_applicable, head, principal, exempt, default]}",
        "  loss: first_match",
        "  deadline: first_match_per_id",
        "  notice: collect_all",
        "",
        "rules: []",
        "",
        "articles:",
    ]
    chapter = object()
    for a in ordinance.articles:
        if a.chapter != chapter and a.chapter:
            title = next((c.title for d in ordinance.documents for c in d.chapters if c.number == a.chapter and a in d.articles), "")
            out.append(f"  # --- {(a.document + ' ') if multi else ''}{a.chapter} {title}".rstrip())
        chapter = a.chapter
        out.append(f"  - article: {a.number}")
        if multi:
            out.append(f"    document: {_q(a.document)}")
        if a.items:
            out.append(f"    # items: {'、'.join(i.number for i in a.items)}")
        out.append("    text: |-")
        heading = a.number + " "
        for i, line in enumerate(a.text.split("\n")):
            out.append("      " + (heading if i == 0 else "") + line)
        out.append("    reason: TODO")
    return "\n".join(out) + "\n"


def write_city(city: str, ordinance_path: Path | str, out_dir: Path | str) -> Path:
    """Write <out_dir>/<city>/rules.yaml and ordinance.txt; refuse to touch anything that exists."""
    from .yamlsafe import read_file

    if not _ID.match(city):
        raise YingsuError(f"new-city: '{city}' is not a city id (lower-case letters, digits and _, 2 to 40 characters)")
    src = Path(ordinance_path)
    text = read_file(src)
    ordinance = parse(text)
    if not ordinance.articles:
        raise YingsuError(f"new-city: {src}: no article (第一条 …) found in the text")
    folder = Path(out_dir) / city
    if folder.exists():
        raise YingsuError(f"new-city: {folder} already exists; nothing was written (choose another id or --out)")
    try:
        folder.mkdir(parents=True)
        (folder / "ordinance.txt").write_text(text, encoding="utf-8")
        (folder / "rules.yaml").write_text(render(city, ordinance), encoding="utf-8")
    except OSError as e:
        raise YingsuError(f"new-city: cannot write {folder}: {e.strerror or e}") from None
    return folder
