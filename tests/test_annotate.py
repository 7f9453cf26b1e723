"""`yingsu annotate`: every article of the text, every rule under its article with its
conditions in words, every reason; the HTML page self-contained."""
from __future__ import annotations

import re

import pytest

from yingsu.annotate import condition_words, render_html, render_markdown, sections
from yingsu.cli import main
from yingsu.cities import city_ids
from yingsu.rulesets import get_ruleset


@pytest.mark.parametrize("city", city_ids())
def test_every_article_rule_and_reason_appears_once_in_order(city):
    rs = get_ruleset(city)
    md = render_markdown(rs)
    heads = re.findall(r"^## (.+)$", md, re.M)
    assert heads == [f"{d} {a}" if d else a for d, a in rs.source.order]
    for rule in rs.rules:
        assert md.count(f"`{rule.id}`") == 1, rule.id
    for reason in rs.articles.values():
        assert f"**未编码**：{reason}" in md


def test_rules_sit_under_the_article_they_cite():
    secs = {(s["document"], s["article"]): s for s in sections(get_ruleset("xianzhou"))}
    ids = [r["id"] for r in secs[(None, "第二十七条")]["rules"]]
    assert "xianzhou.loss.27-4.illegal-and-revoked-or-void" in ids
    assert secs[(None, "第九条")]["text"].count("\n（") == 4  # the four items on their own lines
    assert secs[(None, "第一条")]["rules"] == [] and secs[(None, "第一条")]["reason"]


def test_conditions_in_words():
    assert condition_words(None) == "任何案件"
    words = condition_words({"proceeding.plaintiffs": {"gte": 30}, "act.maker": None,
                             "any": [{"act.inaction": True}, {"principal_appeared": False}]})
    assert words == "原告人数不少于 30，且作出单位未写明，且（行政不作为为是）或（负责人已出庭为否）"
    assert "复议结果为" in condition_words({"reconsideration.outcome": {"in": ["changed", None]}})
    assert "未写明" in condition_words({"reconsideration.outcome": {"in": ["changed", None]}})


def test_results_in_words():
    secs = {(s["document"], s["article"]): s for s in sections(get_ruleset("zhongwei"))}
    transfer = next(r for r in secs[(None, "第十条")]["rules"] if r["id"] == "zhongwei.deadline.10.transfer")
    assert transfer["then"].endswith("收到起诉状副本和应诉通知书后 2 日内")
    units = secs[(None, "第四条")]["rules"][1]["then"]
    assert "主承办" in units


def test_html_is_one_self_contained_page():
    page = render_html(get_ruleset("yanshi"))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script|<link|src=|url\(|https?://|@import", page)
    assert page.count("<section") == len(get_ruleset("yanshi").source.order)
    assert "&lt;中华人民共和国行政诉讼法&gt;" in page  # the text's 《最高…<…>的解释》 is escaped


def test_cli(capsys):
    assert main(["annotate", "dezhou"]) == 0
    assert capsys.readouterr().out.startswith("# 德州市行政应诉管理办法：逐条对照")
    assert main(["annotate", "dezhou", "--html"]) == 0
    assert "<h1>德州市行政应诉管理办法：逐条对照</h1>" in capsys.readouterr().out
    assert main(["annotate", "nowhere"]) == 2
    assert main(["annotate", "national"]) == 0
