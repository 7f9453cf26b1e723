"""Shared helpers: build a case from a few facts and decide it."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import yingsu
from yingsu.decision import Decision

TODAY = date(2026, 11, 23)


def make_case(city: str, **parts: Any) -> yingsu.Case:
    """A case of `city` with the given top-level parts; defendant defaults to a government."""
    data: dict[str, Any] = {"city": city, "defendant": {"kind": "government"}}
    data.update(parts)
    return yingsu.Case.model_validate(data)


def decide(city: str, **parts: Any) -> Decision:
    return yingsu.evaluate(make_case(city, **parts), today=TODAY)


def units(decision: Decision) -> list[tuple[str, str, str]]:
    """(role, duty, scope) of each undertaking unit."""
    return [(u.role.value, u.duty.value, u.scope.value) for u in decision.undertaking.units]


def deadline(decision: Decision, deadline_id: str):
    found = [d for d in decision.deadlines if d.id == deadline_id]
    assert found, f"no deadline {deadline_id}: {[d.id for d in decision.deadlines]} pending {decision.pending}"
    return found[0]


def articles(citations) -> list[str]:
    return [c.article for c in citations]


@pytest.fixture
def today() -> date:
    return TODAY
