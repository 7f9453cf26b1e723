"""The checks every ruleset folder must pass, run for each of them (every version of every
city): header grounded in the text, validity window, every quote proved, every article
encoded or given a reason (no TODO left), every rule fired by a lawyer-written case.

A new city gets all of these by adding its folder; nothing here names a city.
"""
from __future__ import annotations

from datetime import timedelta

import pytest

import yingsu
from yingsu.casebook import load_cases, rule_coverage, run_city
from yingsu.checks import todo_articles
from yingsu.cities import city_ids, city_labels
from yingsu.coverage import coverage
from yingsu.sources import normalise, quote_problem
from yingsu.versions import timeline


def _versions():
    for city in city_ids():
        for rs in timeline(city).versions:
            yield pytest.param(rs, id=f"{city}@{rs.version}")


VERSIONS = list(_versions())


def _flat(text: str) -> str:
    return "".join(normalise(text).split())


@pytest.mark.parametrize("rs", VERSIONS)
def test_header_names_the_city_and_is_stated_by_the_text(rs):
    assert rs.label and rs.place and rs.title
    assert city_labels()[rs.id] == timeline(rs.id).versions[-1].label
    text = _flat(rs.source.text)
    for title in rs.title.split("；"):  # a text of several documents joins their titles
        assert "".join(title.split()) in text, title
    for value in (rs.number, rs.issued_by):
        if value is not None:
            for part in value.split("；"):
                assert "".join(part.split()) in text, part


@pytest.mark.parametrize("rs", VERSIONS)
def test_validity_window_is_decided_at_its_edges(rs):
    assert rs.effective_from is not None
    assert rs.effective_to is None or rs.effective_to >= rs.effective_from

    def in_force(day):
        case = yingsu.Case.model_validate({"city": rs.id, "defendant": {"kind": "government"},
                                           "events": {"served": day.isoformat()}})
        return yingsu.evaluate(case, version=rs.version).ruleset

    first = in_force(rs.effective_from)
    assert first.in_force and first.version == rs.version
    assert not in_force(rs.effective_from - timedelta(days=1)).in_force
    if rs.effective_to is not None:
        assert in_force(rs.effective_to).in_force
        assert not in_force(rs.effective_to + timedelta(days=1)).in_force


@pytest.mark.parametrize("rs", VERSIONS)
def test_every_quote_is_proved_in_its_article(rs):
    for rule in rs.rules:
        segment = rs.source.article(rule.article, rule.document)
        assert segment is not None, (rule.id, rule.article)
        assert quote_problem(rule.quote, segment) is None, rule.id


@pytest.mark.parametrize("rs", VERSIONS)
def test_every_article_has_rules_or_a_reason_and_no_todo_is_left(rs):
    gaps = [(row.document, row.article) for row in coverage(rs) if not row.covered]
    assert gaps == []
    assert todo_articles(rs) == []
    assert len(coverage(rs)) == len(rs.source.order) > 0


@pytest.mark.parametrize("rs", VERSIONS)
def test_every_rule_cites_a_declared_document(rs):
    documents = {d for d, _ in rs.source.order}
    for rule in rs.rules:
        assert rule.document in documents, rule.id


@pytest.mark.parametrize("city", city_ids())
def test_every_rule_is_fired_by_a_lawyer_case(city):
    assert load_cases(city), f"{city} has no rulesets/{city}/cases/*.yaml"
    cov = rule_coverage(city, run_city(city))
    assert [rid for _, rid in cov.unfired] == []


def test_every_rule_of_the_national_base_is_fired_by_some_city_case():
    from yingsu.rulesets import get_base

    fired = set()
    for city in city_ids():
        for outcome in run_city(city):
            fired |= set(outcome.trace)
    assert [r.id for r in get_base().rules if r.id not in fired] == []
