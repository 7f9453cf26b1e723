"""Start-up (启动): the on-disk cache (yingsu.cache) saves parsing, never a check.

The parse tree served from the cache is the tree the YAML reader builds (values, types and
every line number); a changed file is a new key; a damaged entry is ignored; errors are
never cached; `YINGSU_CACHE_DIR=off` writes nothing. The holidays data are cached per
holidays version and validated when read."""
from __future__ import annotations

import json
from datetime import date

import pytest

from yingsu import cache, calendar
from yingsu.errors import RulesetError
from yingsu.rulesets import CITIES, get_base, load_ruleset, rulesets_dir
from yingsu.yamlsafe import LineDict, LineList, load_text, read_file


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(d))
    return d


def same_tree(a, b) -> None:
    assert type(a) is type(b), (a, b)
    if isinstance(a, LineDict):
        assert a.line == b.line and a.key_lines == b.key_lines and list(a) == list(b)
        for k in a:
            same_tree(a[k], b[k])
    elif isinstance(a, LineList):
        assert a.line == b.line and a.item_lines == b.item_lines and len(a) == len(b)
        for x, y in zip(a, b):
            same_tree(x, y)
    else:
        assert a == b


@pytest.mark.parametrize("city", ["national", *CITIES])
def test_the_cached_tree_is_the_parsed_tree_with_every_line(cache_dir, city):
    path = rulesets_dir() / city / "rules.yaml"
    text = read_file(path)
    first = cache.load_yaml(text, str(path))  # parsed, stored
    assert list(cache_dir.glob("yaml-*.json"))
    second = cache.load_yaml(text, str(path))  # from the cache
    same_tree(load_text(text, str(path)), first)
    same_tree(first, second)


def test_scalars_of_every_kind_round_trip(cache_dir):
    text = "a: 1\nb: 1.5\nc: true\nd: null\ne: 2026-03-02\nf: 2026-03-02 10:00:00\ng: [x, {h: 12345678901234567890}]\n"
    cache.load_yaml(text, "t.yaml")
    same_tree(load_text(text, "t.yaml"), cache.load_yaml(text, "t.yaml"))


def test_one_changed_character_is_a_new_entry_and_errors_are_never_cached(cache_dir, tmp_path):
    import shutil

    folder = tmp_path / "xianzhou"
    shutil.copytree(rulesets_dir() / "xianzhou", folder)
    path = folder / "rules.yaml"
    good = load_ruleset(path, get_base())
    text = path.read_text(encoding="utf-8")
    quote = good.rules[0].quote
    path.write_text(text.replace(quote, quote[:-1] + "X", 1), encoding="utf-8")
    for _ in range(2):  # the second time too: the bad file is parsed and refused again
        with pytest.raises(RulesetError, match="quote|引|not in"):
            load_ruleset(path, get_base())
    path.write_text(text, encoding="utf-8")
    assert [r.id for r in load_ruleset(path, get_base()).rules] == [r.id for r in good.rules]


def test_a_damaged_entry_is_ignored(cache_dir):
    path = rulesets_dir() / "national" / "rules.yaml"
    text = read_file(path)
    cache.load_yaml(text, str(path))
    for entry in cache_dir.glob("yaml-*.json"):
        entry.write_text('{"key": "%s", "value": {"m": [["x"]]}}' % entry.stem.split("-", 1)[1])
    same_tree(load_text(text, str(path)), cache.load_yaml(text, str(path)))
    for entry in cache_dir.glob("yaml-*.json"):
        entry.write_bytes(b"\x00garbage")
    same_tree(load_text(text, str(path)), cache.load_yaml(text, str(path)))


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.load_yaml("a: 1\n", "t.yaml")
    assert not any(tmp_path.iterdir())


def test_holidays_data_come_back_from_the_cache_and_a_forged_entry_is_refused(cache_dir, monkeypatch):
    monkeypatch.setattr(calendar, "_data", None)
    fresh = calendar.WorkingCalendar()
    assert not fresh.is_working_day(date(2026, 2, 16))
    (entry,) = cache_dir.glob("holidays-*.json")
    stored = json.loads(entry.read_text())
    assert "2026" in stored["value"]["years"] and 2026 in stored["value"]["official"]
    stored["value"]["years"]["2026"] = "not a list"
    entry.write_text(json.dumps(stored))
    monkeypatch.setattr(calendar, "_data", None)
    again = calendar.WorkingCalendar()
    assert not again.is_working_day(date(2026, 2, 16)) and again.is_working_day(date(2026, 2, 14))
    assert again.is_official(2026)
