"""`yingsu new-city` on the five ordinance texts: the right documents, articles, chapters and
items (compared with the texts and with the rulesets built from them), the header the texts
state, and a skeleton that loads, drives `yingsu coverage` and fails `yingsu check`."""
from __future__ import annotations

import os
from datetime import date

import pytest

from yingsu.cli import main
from yingsu.coverage import coverage
from yingsu.rulesets import get_base, get_ruleset, load_ruleset, rulesets_dir
from yingsu.skeleton import label_of, place_of
from yingsu.structure import chinese, chinese_number, parse

CITIES = ["yanshi", "xinzhou", "xianzhou", "dezhou", "zhongwei"]

# (document, articles, chapters) of each text, counted by hand from the texts
DOCUMENTS = {
    "yanshi": [("规范", 32, 6), ("细则", 21, 0)],
    "xinzhou": [(None, 25, 0)],
    "xianzhou": [(None, 35, 6)],
    "dezhou": [(None, 43, 8)],
    "zhongwei": [(None, 26, 0)],
}
# items of some articles, read off the texts
ITEMS = {
    ("yanshi", "规范", "第九条"): 6,
    ("yanshi", "细则", "第十一条"): 7,
    ("yanshi", "细则", "第十条"): 4,
    ("xinzhou", None, "第十一条"): 7,
    ("xinzhou", None, "第三条"): 3,
    ("xianzhou", None, "第九条"): 4,
    ("xianzhou", None, "第十三条"): 7,
    ("xianzhou", None, "第二十七条"): 5,
    ("xianzhou", None, "第三十二条"): 4,
    ("dezhou", None, "第十九条"): 5,
    ("dezhou", None, "第十二条"): 3,
    ("zhongwei", None, "第十二条"): 5,
    ("zhongwei", None, "第二十二条"): 9,
    ("zhongwei", None, "第四条"): 0,
}
HEADERS = {  # what the texts state (xianzhou's day of issue is illegible: no date)
    "yanshi": ("偃政办〔2023〕6号", "洛阳市偃师区人民政府办公室", date(2023, 3, 29), None),
    "xinzhou": ("忻政办函〔2023〕42号", "忻州市人民政府办公室", date(2023, 7, 1), date(2028, 6, 30)),
    "xianzhou": (None, "武汉市新洲区人民政府办公室", None, None),
    "dezhou": ("德州市人民政府令第6号", "德州市人民政府", date(2020, 7, 30), None),
    "zhongwei": ("卫政办规发〔2022〕3号", "中卫市人民政府办公室", date(2022, 7, 17), date(2027, 7, 16)),
}


def _parsed(city):
    return parse((rulesets_dir() / city / "ordinance.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("city", CITIES)
def test_documents_articles_and_chapters(city):
    o = _parsed(city)
    assert [(d.id, len(d.articles), len(d.chapters)) for d in o.documents] == DOCUMENTS[city]
    for d in o.documents:  # 第一条 … 第N条, each once, in order
        assert [a.number for a in d.articles] == [f"第{chinese(n)}条" for n in range(1, len(d.articles) + 1)]


@pytest.mark.parametrize("city", CITIES)
def test_articles_are_those_the_ruleset_loader_finds(city):
    rs = get_ruleset(city)
    assert [(a.document, a.number) for a in _parsed(city).articles] == rs.source.order


@pytest.mark.parametrize("key, count", ITEMS.items(), ids=[f"{c}-{d or ''}{a}" for c, d, a in ITEMS])
def test_item_structure(key, count):
    city, document, number = key
    article = next(a for a in _parsed(city).articles if (a.document, a.number) == (document, number))
    assert len(article.items) == count
    for p in article.paragraphs:  # each list runs （一）（二）… without a gap
        assert [i.number for i in p.items] == [f"（{chinese(k)}）" for k in range(1, len(p.items) + 1)]


@pytest.mark.parametrize("city", CITIES)
def test_every_item_a_rule_cites_is_found(city):
    arts = {(a.document, a.number): a for a in _parsed(city).articles}
    for rule in get_ruleset(city).rules:
        if rule.item:
            assert rule.item in [i.number for i in arts[(rule.document, rule.article)].items], rule.id


def test_an_item_that_runs_over_several_sentences_stays_one_item():
    art = next(a for a in _parsed("xianzhou").articles if a.number == "第九条")
    assert art.items[1].text.endswith("由信息公开事项的具体承办机关为应诉责任机关。")
    assert len(art.paragraphs) == 1


def test_a_paragraph_after_the_items_is_its_own():
    art = next(a for a in _parsed("yanshi").articles if (a.document, a.number) == ("细则", "第十一条"))
    assert len(art.paragraphs) == 2 and art.paragraphs[1].text.startswith("被诉行政机关认为其负责人因正当理由不能出庭")


@pytest.mark.parametrize("city", CITIES)
def test_header_as_the_text_states_it(city):
    o = _parsed(city)
    rs = get_ruleset(city)
    assert o.title == rs.title
    assert (o.number, o.issued_by, o.effective_from, o.effective_to) == HEADERS[city]
    assert label_of(place_of(o.issued_by)) == rs.label


def test_xianzhou_illegible_day_of_issue_is_noted_not_guessed():
    o = _parsed("xianzhou")
    assert o.issued_on is None and any("无法辨认" in n for n in o.notes)


def test_chinese_numbers():
    assert [chinese_number(x) for x in ("一", "十", "十二", "二十", "四十三", "一百零二")] == [1, 10, 12, 20, 43, 102]
    assert all(chinese_number(chinese(n)) == n for n in range(1, 200))


@pytest.mark.parametrize("city", CITIES)
def test_skeleton_loads_lists_every_article_once_and_check_fails(city, tmp_path, capsys):
    assert main(["new-city", f"new_{city}", str(rulesets_dir() / city / "ordinance.txt"), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    rs = load_ruleset(tmp_path / f"new_{city}" / "rules.yaml", get_base())
    rows = coverage(rs)
    assert [(r.document, r.article) for r in rows] == get_ruleset(city).source.order
    assert all(r.reason == "TODO" and not r.covered for r in rows)
    assert rs.rules == [] and rs.title == get_ruleset(city).title
    text = (tmp_path / f"new_{city}" / "rules.yaml").read_text(encoding="utf-8")
    assert text.count("\n    reason: TODO") == len(rows)


def test_check_fails_while_a_todo_is_left(tmp_path, monkeypatch, capsys):
    from yingsu import rulesets

    assert main(["new-city", "newtown", str(rulesets_dir() / "zhongwei" / "ordinance.txt"), "--out", str(tmp_path)]) == 0
    monkeypatch.setenv("YINGSU_RULESETS", os.pathsep.join([str(tmp_path), str(rulesets_dir())]))
    rulesets.clear_cache()
    try:
        capsys.readouterr()
        assert main(["check"]) == 1
        out, err = capsys.readouterr()
        assert "newtown: 0 rules" in out and "26 articles still TODO" in out and "TODO" in err
        assert main(["coverage", "newtown"]) == 1
        assert "!! TODO" in capsys.readouterr().out
    finally:
        monkeypatch.delenv("YINGSU_RULESETS")
        rulesets.clear_cache()


def test_new_city_never_overwrites(tmp_path, capsys):
    src = str(rulesets_dir() / "dezhou" / "ordinance.txt")
    assert main(["new-city", "twice", src, "--out", str(tmp_path)]) == 0
    before = (tmp_path / "twice" / "rules.yaml").read_bytes()
    assert main(["new-city", "twice", src, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and err.count("\n") == 1
    assert (tmp_path / "twice" / "rules.yaml").read_bytes() == before


def test_new_city_refuses_a_bad_id_and_a_text_without_articles(tmp_path, capsys):
    src = str(rulesets_dir() / "dezhou" / "ordinance.txt")
    assert main(["new-city", "Bad-Id", src, "--out", str(tmp_path)]) == 2
    (tmp_path / "empty.txt").write_text("没有条文的通知。\n", encoding="utf-8")
    assert main(["new-city", "empty", str(tmp_path / "empty.txt"), "--out", str(tmp_path)]) == 2
    assert not (tmp_path / "empty").exists() and not (tmp_path / "bad-id").exists()


def test_the_guide_worked_example_matches_the_zhongwei_ruleset_and_its_cases():
    import re as _re

    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "docs" / "adding-a-city.md").read_text(encoding="utf-8")
    rs = get_ruleset("zhongwei")
    quotes = _re.findall(r"^\s+quote: (.+)$", guide, _re.M)
    assert quotes and all(q in {r.quote for r in rs.rules} for q in quotes)
    ids = _re.findall(r"^\s+- id: (\S+)$", guide, _re.M)
    assert ids and all(i in {r.id for r in rs.rules} for i in ids)
    names = _re.findall(r"^- name: (.+)$", guide, _re.M)
    from yingsu.casebook import load_cases

    assert names and set(names) <= {c.name for c in load_cases("zhongwei")}
