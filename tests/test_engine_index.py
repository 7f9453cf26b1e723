"""The engine's rule index never changes which rules fire: for random valid cases in every
city, each decision's indexed candidates that hold are exactly the rules whose whole
condition holds on all the facts, in the ruleset's order."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from test_properties import cases
from yingsu.calendar import default_calendar
from yingsu.engine import _candidates, _Evaluation
from yingsu.rulesets import DecisionKind, available_cities, get_ruleset

KINDS_AND_INDEXES = {
    DecisionKind.undertaking: "undertaking_pairs",
    DecisionKind.appearance: "appearance_pairs",
    DecisionKind.loss: "loss_pairs",
    DecisionKind.deadline: "deadline_pairs",
    DecisionKind.notice: "notice_pairs",
}


def _rule(item, plan, kind):
    if kind is DecisionKind.undertaking:
        return item[0]
    if kind is DecisionKind.appearance:
        return plan.appearance_rules[item]
    return item


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_index_finds_exactly_the_rules_that_hold(case):
    for city in available_cities():
        rs = get_ruleset(city)
        e = _Evaluation(case.model_copy(update={"city": city}), rs, default_calendar(), None)
        facts = e.facts  # every fact, read eagerly (assumed values included)
        facts["loss.is_loss"] = None
        for kind, name in KINDS_AND_INDEXES.items():
            plain = [r.id for r in rs.by_decision[kind] if r.when(facts)]
            indexes = [getattr(e.plan, name)] + ([e.plan.modifier_pairs] if kind is DecisionKind.undertaking else [])
            found = [_rule(item, e.plan, kind).id for index in indexes for test, item in _candidates(index, e.f) if test(e.f)]
            if kind is DecisionKind.undertaking:  # deciding rules and modifiers: two indexes, each in order
                order = {r.id: i for i, r in enumerate(rs.by_decision[kind])}
                found.sort(key=order.__getitem__)
            assert found == plain, (city, kind)
