"""Every rule's quote occurs verbatim in the article it cites, and only the exact quote does."""
from __future__ import annotations

from pathlib import Path

import pytest

from yingsu.rulesets import BASE_RULESET, available_cities, get_base, get_ruleset, rulesets_dir
from yingsu.sources import quote_problem, stated_periods

from xianzhou_decoder import check, decode


def _all_rules():
    for rs in [get_base(), *(get_ruleset(c) for c in available_cities())]:
        for rule in rs.rules:
            yield pytest.param(rs, rule, id=rule.id)


@pytest.mark.parametrize("rs, rule", list(_all_rules()))
def test_quote_is_in_its_article(rs, rule):
    segment = rs.source.article(rule.article, rule.document)
    assert segment is not None, f"{rule.article} not in {rs.id}"
    assert quote_problem(rule.quote, segment) is None
    # the same quote, checked against the whole normalised text too
    assert rule.quote in rs.source.normalised


@pytest.mark.parametrize("rs, rule", list(_all_rules()))
def test_deleting_any_character_breaks_the_quote(rs, rule):
    segment = rs.source.article(rule.article, rule.document)
    q = rule.quote
    survivors = [i for i in range(len(q)) if quote_problem(q[:i] + q[i + 1:], segment) is None]
    assert survivors == [], f"deleting character(s) at {survivors} still proves: {q}"


def _block_items():
    for rs in [get_base(), *(get_ruleset(c) for c in available_cities())]:
        for rule in rs.rules:
            if rule.chapeau:
                yield pytest.param(rs, rule, id=rule.id)


@pytest.mark.parametrize("rs, rule", list(_block_items()))
def test_chapeau_is_in_its_article_before_the_item(rs, rule):
    segment = rs.source.article(rule.article, rule.document)
    assert quote_problem(rule.chapeau, segment) is None
    assert segment.index(rule.chapeau) < segment.rindex(rule.quote)
    assert rule.citation.chapeau == rule.chapeau and rule.citation.quote == rule.quote


@pytest.mark.parametrize("rs, rule", list(_block_items()))
def test_deleting_any_character_breaks_the_chapeau(rs, rule):
    segment = rs.source.article(rule.article, rule.document)
    q = rule.chapeau
    assert [i for i in range(len(q)) if quote_problem(q[:i] + q[i + 1:], segment) is None] == []


def test_the_chapeaux_that_decide_are_quoted():
    """Articles whose opening clause decides and whose items only say which case it is."""
    expected = {
        ("yanshi", "细则", "第十一条"): "有下列情形之一，人民法院书面建议行政机关负责人出庭应诉的，被诉行政机关负责人应当出庭应诉",
        ("dezhou", None, "第十九条"): "行政诉讼案件有下列情形之一的，行政机关主要负责人应当出庭应诉",
        ("xianzhou", None, "第十三条"): "行政诉讼案件开庭审理有下列情形之一的，行政机关正职负责人应当出庭应诉",
        ("xianzhou", None, "第二十七条"): "人民法院的生效法律文书确认被诉行政行为具有下列情形之一的，视为行政诉讼败诉",
    }
    for (city, document, article), chapeau in expected.items():
        items = [r for r in get_ruleset(city).rules if (r.document, r.article) == (document, article) and r.item]
        assert items, (city, article)
        assert {r.chapeau for r in items} == {chapeau}, (city, article)


def test_every_appearance_or_loss_item_under_a_list_of_cases_carries_its_chapeau():
    """An item of 有下列情形之一的，… only says which case it is: its citation must carry the chapeau."""
    missing = []
    for rs in [get_base(), *(get_ruleset(c) for c in available_cities())]:
        for rule in rs.rules:
            if rule.decision.value in ("appearance", "loss") and rule.item:
                segment = rs.source.article(rule.article, rule.document)
                if "下列情形之一" in segment[: segment.index(rule.quote)] and not rule.chapeau:
                    missing.append(rule.id)
    assert missing == []


def _deadline_rules():
    for rs in [get_base(), *(get_ruleset(c) for c in available_cities())]:
        for rule in rs.rules:
            if rule.decision.value == "deadline":
                yield pytest.param(rule, id=rule.id)


@pytest.mark.parametrize("rule", list(_deadline_rules()))
def test_every_deadline_counts_the_period_its_quote_states(rule):
    periods = stated_periods(rule.quote)
    assert len(periods) <= 1, periods
    if periods:
        (p,) = periods
        counts = {"日": {"calendar_days", "days_before"}, "工作日": {"working_days", "working_days_before"},
                  "月": {"months"}}[p.unit]
        assert (rule.then.amount, rule.then.rule.value in counts) == (p.amount, True), p
        if p.before is not None:
            assert rule.then.rule.value.endswith("_before") == p.before, p


def test_every_city_has_a_source_text():
    for city in available_cities():
        assert get_ruleset(city).source is not None
    assert get_base().source is not None and get_base().id == BASE_RULESET


def test_xianzhou_decoding_is_position_for_position_faithful():
    folder = rulesets_dir() / "xianzhou"
    raw = (folder / "ordinance.raw.txt").read_text(encoding="utf-8")
    decoded = (folder / "ordinance.txt").read_text(encoding="utf-8")
    assert len(raw) == len(decoded)
    assert decode(raw) == decoded
    assert check(raw, decoded) == []


def test_xianzhou_decoding_check_catches_a_changed_digit():
    folder = rulesets_dir() / "xianzhou"
    raw = (folder / "ordinance.raw.txt").read_text(encoding="utf-8")
    decoded = (folder / "ordinance.txt").read_text(encoding="utf-8")
    i = decoded.index("30 个工作日内，应诉责任机关")
    tampered = decoded[:i] + "4" + decoded[i + 1:]  # 30 -> 40: not an image of the raw glyph
    assert check(raw, tampered) != []


def test_source_texts_are_the_shared_originals():
    shared = Path(__file__).resolve().parents[2] / "shared" / "ordinances"
    if not shared.is_dir():
        pytest.skip("shared/ordinances not beside the checkout")
    pairs = {
        "yanshi/ordinance.txt": "000_912a256df962f056.txt",
        "xinzhou/ordinance.txt": "001_38ccc9aa4e64e01b.txt",
        "xianzhou/ordinance.raw.txt": "002_9fbd3a4727788650.txt",
        "xianzhou/ordinance.txt": "002_9fbd3a4727788650.decoded.txt",
        "dezhou/ordinance.txt": "003_8e23ec2626ade319.txt",
        "zhongwei/ordinance.txt": "004_0018b5d41640a9e6.txt",
    }
    for ours, theirs in pairs.items():
        assert (rulesets_dir() / ours).read_bytes() == (shared / theirs).read_bytes(), ours
