"""The docket's fast paths give the same output as the plain ones (issue 13, docket speed).

- a JSON docket kept compact (yingsu.docket.compact) or partly validated again gives the same
  --json bytes as one kept as validated;
- the --json text written as UTF-8 bytes (GuardedOutput.write_utf8) equals the text written
  to a plain text stream;
- models.trusted / models.replaced build what model_construct / model_copy build.
"""
from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from yingsu.docket import load as docket_load
from yingsu.docket import open_docket
from yingsu.docket.cli import write_text
from yingsu.docket.jsonout import write_docket_json
from yingsu.docket.models import FirstTrial, replaced, trusted
from yingsu.models import Case
from yingsu.streams import GuardedOutput

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)


def _json_docket(tmp_path: Path) -> Path:
    data = yaml.safe_load((ROOT / "examples" / "docket-2026.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "docket.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def _docket_json(path: Path) -> str:
    out = io.StringIO()
    write_docket_json(open_docket(path), out, today=TODAY)
    return out.getvalue()


def test_compact_and_revalidated_entries_give_the_same_json(tmp_path, monkeypatch):
    path = _json_docket(tmp_path)
    plain = _docket_json(path)
    monkeypatch.setattr(docket_load, "COMPACT_ABOVE", 0)  # every kept case compact
    assert _docket_json(path) == plain
    monkeypatch.setattr(docket_load, "KEEP_VALIDATED", 50)  # the rest decoded and validated again
    assert _docket_json(path) == plain


def _models_in(model):
    from pydantic import BaseModel

    yield model
    for v in model.__dict__.values():
        for x in v if isinstance(v, list) else v.values() if isinstance(v, dict) else [v]:
            if isinstance(x, BaseModel):
                yield from _models_in(x)


@pytest.mark.parametrize("batch", [7, 4_096])
def test_kept_cases_share_their_field_name_sets_with_the_same_names(tmp_path, monkeypatch, batch):
    """yingsu.docket.compact: every kept model's set of given field names is one shared set per
    combination, with the names pydantic gave it (batches and the rest after the last one; a
    docket shorter than a batch made compact at the end of its first pass)."""
    path = _json_docket(tmp_path)
    monkeypatch.setattr(docket_load, "COMPACT_ABOVE", 0)
    monkeypatch.setattr(docket_load, "_COMPACT_BATCH", batch)
    entries = open_docket(path)
    kept = [m for e in entries for m in _models_in(e.case)]
    fresh = [m for e in entries for m in _models_in(Case.model_validate(e.case.model_dump(exclude_unset=True)))]
    assert len(kept) == len(fresh) > 3 * len(entries)
    assert [m.model_fields_set for m in kept] == [m.model_fields_set for m in fresh]
    shared = {id(m.__pydantic_fields_set__) for m in kept}
    assert len(shared) == len({tuple(m.model_fields_set) for m in kept}) < len(kept) / 4


def test_compact_walks_models_in_fields_of_any_shape():
    from pydantic import BaseModel

    from yingsu.docket.compact import SharedFieldSets

    class Leaf(BaseModel):
        a: int = 0
        b: int = 0

    class Other(BaseModel):
        a: int = 0

    class Tree(BaseModel):
        one: Leaf | None = None
        either: Leaf | Other | None = None
        many: list[Leaf] = []
        mapped: dict[str, Leaf] = {}
        mixed: list[Leaf | int] = []

    trees = [Tree.model_validate({"one": {"a": i}, "either": {"a": i} if i % 2 else None, "many": [{"b": 1}, {"a": 1}],
                                  "mapped": {"x": {"a": 2}}, "mixed": [{"a": 3}, 4]}) for i in range(5)]
    names = [[m.model_fields_set for m in _models_in(t)] for t in trees]
    SharedFieldSets().share(trees)
    assert [[m.model_fields_set for m in _models_in(t)] for t in trees] == names
    leaves = [m for t in trees for m in _models_in(t) if type(m) is Leaf and m.model_fields_set == {"a"}]
    assert len(leaves) > 10 and len({id(m.__pydantic_fields_set__) for m in leaves}) == 1
    assert trees[1].mixed[0].__pydantic_fields_set__ is trees[0].one.__pydantic_fields_set__


def test_a_docket_decoded_whole_gives_what_the_entry_by_entry_scan_gives(tmp_path, monkeypatch):
    path = _json_docket(tmp_path)
    whole = _docket_json(path)
    assert docket_load.JsonDocket(path.read_text(encoding="utf-8"), str(path)).decoded is not None
    monkeypatch.setattr(docket_load, "_decoded_list", lambda text: None)  # as for a text that does not decode whole
    assert docket_load.JsonDocket(path.read_text(encoding="utf-8"), str(path)).decoded is None
    assert _docket_json(path) == whole
    monkeypatch.setattr(docket_load, "KEEP_VALIDATED", 5)  # the rest decoded again from the text
    assert _docket_json(path) == whole


def test_utf8_bytes_equal_the_text(tmp_path):
    path = _json_docket(tmp_path)
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    guarded = GuardedOutput(stream)
    write_docket_json(open_docket(path), guarded, today=TODAY)
    write_text(open_docket(path), guarded, today=TODAY, source="x")
    guarded.flush()
    text = io.StringIO()
    write_docket_json(open_docket(path), text, today=TODAY)
    write_text(open_docket(path), text, today=TODAY, source="x")
    assert raw.getvalue().decode("utf-8") == text.getvalue()
    json.loads(_docket_json(path))  # one JSON document


def test_trusted_and_replaced_build_what_pydantic_builds():
    parts = dict(given=None, derived=True, used=True, year=2026, first_case="A-1")
    a, b = trusted(FirstTrial, **parts), FirstTrial.model_construct(**parts)
    assert a == b and a.model_dump_json() == b.model_dump_json() and a.model_fields_set == b.model_fields_set
    case = Case.model_validate({"city": "xianzhou", "defendant": {"kind": "government"}})
    copied, ours = case.model_copy(update={"principal_appeared": True}), replaced(case, "principal_appeared", True)
    assert copied == ours and copied.model_fields_set == ours.model_fields_set
    assert case.principal_appeared is None  # the original is untouched


def test_a_case_is_copied_with_the_derived_first_trial_only_where_something_reads_it(tmp_path, monkeypatch):
    """新洲 第十四条 reads proceeding.first_trial_of_year; the other cities' cases are evaluated
    as given, and that gives the same docket as copying every case."""
    from yingsu.docket import first_trial

    reading = {c: first_trial._read_in(c, "proceeding.first_trial_of_year")
               for c in ("yanshi", "xinzhou", "xianzhou", "dezhou", "zhongwei")}
    assert reading == {"yanshi": False, "xinzhou": False, "xianzhou": True, "dezhou": False, "zhongwei": False}
    path = _json_docket(tmp_path)
    skipped = _docket_json(path)
    monkeypatch.setattr(first_trial, "_read_in", lambda city, fact: True)
    assert _docket_json(path) == skipped


def test_a_compiled_condition_names_every_fact_it_reads():
    from yingsu.conditions import ConditionCompiler

    when = {"defendant.kind": "government",
            "any": [{"events.hearing": {"present": True}}, {"not": {"proceeding.first_trial_of_year": True}}]}
    compiled = ConditionCompiler("x.yaml").compile(when, 1)
    assert compiled.reads == {"defendant.kind", "events.hearing", "proceeding.first_trial_of_year"}
    assert ConditionCompiler("x.yaml").compile(None, 1).reads == frozenset()


def test_streamed_json_with_done_records_is_the_docket(tmp_path):
    """The agenda's JSON, written from its rows, is the AgendaItems' JSON for every status: done
    (with and without its date), overdue, open, and hearings; and every case's JSON its model's."""
    from yingsu.docket import evaluate_docket

    data = yaml.safe_load((ROOT / "examples" / "docket-2026.yaml").read_text(encoding="utf-8"))
    done = [{"answer": "2026-03-10"}, ["archive", "filing_on_service"], {"transfer": True, "appeal": "2026-04-01"}]
    for i, entry in enumerate(data):
        if i % 3 == 0 and isinstance(entry, dict) and "case" in entry:
            entry["done"] = done[i % len(done)]
    path = tmp_path / "docket.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    entries = open_docket(path)
    whole = evaluate_docket(entries, today=TODAY).model_dump(mode="json")
    statuses = {a["status"] for a in whole["agenda"]}
    assert {"done", "overdue", "hearing"} <= statuses and any(a["done_on"] for a in whole["agenda"])
    assert json.loads(_docket_json(path)) == whole


def _odd_docket(tmp_path: Path) -> list:
    """The example docket's entries and a few odd ones: quotes, backslashes and CJK text in ids
    and names, done records with dates and without, a done deadline the case does not have."""
    entries = list(open_docket(_json_docket(tmp_path)))
    odd = [
        {"id": 'A "1" \\ 甲', "case": {"city": "xianzhou", "defendant": {"kind": "department", "name": '区"住建"局\\'},
                                       "events": {"served": "2026-03-02", "hearing": "2026-04-15"},
                                       "proceeding": {"first_trial_of_year": False}},
         "done": {"answer": "2026-03-10", "internal_review": True, "appeal": True}},
        {"id": "B-2", "case": {"city": "dezhou", "defendant": {"kind": "government"}}},
    ]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    return entries + list(open_docket(path))


def test_a_case_written_from_shared_parts_is_the_bytes_pydantic_writes(tmp_path):
    """yingsu.docket.case_json writes a DocketCase from its Decision's shared parts (written once)
    and pydantic's JSON of the rest: the same bytes as pydantic's JSON of the whole case, for
    every case of the example docket, odd ids and names, and 3,000 generated cases of every city."""
    import sys

    from yingsu.docket.case_json import DECISION_FIELDS, CaseJson
    from yingsu.docket.evaluate import evaluate_docket

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from cases import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    generated = [(f"G-{i}", Case.model_validate(d)) for i, d in enumerate(generate(3000))]
    docket = evaluate_docket(_odd_docket(tmp_path), today=TODAY)
    more = evaluate_docket(generated, today=TODAY)
    cases = docket.cases + more.cases
    assert any(dc.warnings for dc in cases) and any(dc.done for dc in cases)
    writer = CaseJson()
    assert writer.on
    for dc in cases + cases:  # the second time from the parts the writer keeps
        assert writer(dc) == dc.__pydantic_serializer__.to_json(dc), dc.id
    kept = {name: len(parts) for name, (_, how, parts, _) in zip(DECISION_FIELDS, writer.fields) if callable(how)}
    assert all(0 < n < len(cases) * 0.7 for n in kept.values()), str(kept)  # each part written once per distinct value
    assert 0 < len(writer.deadlines.templates) < 100  # a template per kind of deadline, not per case


def test_a_deadline_whose_json_cannot_be_cut_is_written_by_pydantic(tmp_path, monkeypatch):
    """A deadline's template is cut only where each date's key stands once, followed by the date
    as the writer writes it: where not (here: a key it cannot find), pydantic writes it."""
    from yingsu.docket import case_json
    from yingsu.docket.evaluate import evaluate_docket

    monkeypatch.setattr(case_json, "_DATE_KEYS", (b',"due":', b',"no_such_key":'))
    writer = case_json.CaseJson()
    cases = evaluate_docket(_odd_docket(tmp_path), today=TODAY).cases
    assert any(dc.decision.deadlines for dc in cases)
    for dc in cases:
        assert writer(dc) == dc.__pydantic_serializer__.to_json(dc), dc.id
    assert writer.deadlines.templates and all(p is None for _, p in writer.deadlines.templates.values())


def test_the_shared_parts_name_every_field_their_json_depends_on():
    """A field added to a part's model must be added to its key (else two parts that differ
    in it would share one JSON): the writer then stands down, and this test says so."""
    from yingsu.docket.case_json import KEYED_FIELDS, CaseJson

    for cls, fields in KEYED_FIELDS.items():
        assert tuple(cls.model_fields) == fields, cls.__name__
    assert CaseJson().on


def test_a_field_written_otherwise_than_by_its_type_is_seen():
    """The writer writes a field as its type does: a model with an alias or a serializer of its
    own is not one it may write (it then stands down)."""
    from pydantic import BaseModel, ConfigDict, Field, field_serializer

    from yingsu.docket import case_json

    class Plain(BaseModel):
        a: int

    class Aliased(BaseModel):
        a: int = Field(serialization_alias="b")

    class Serialized(BaseModel):
        a: int

        @field_serializer("a")
        def _a(self, v: int) -> str:
            return str(v)

    class Configured(BaseModel):
        model_config = ConfigDict(ser_json_inf_nan="strings")
        a: float

    assert case_json._written_by_type(Plain)
    assert not case_json._written_by_type(Aliased) and not case_json._written_by_type(Serialized)
    assert not case_json._written_by_type(Configured)


def test_the_case_writer_stands_down_for_a_docket_case_it_does_not_know(tmp_path, monkeypatch):
    from yingsu.docket import case_json
    from yingsu.docket.evaluate import evaluate_docket

    cases = evaluate_docket(_odd_docket(tmp_path), today=TODAY).cases
    monkeypatch.setattr(case_json, "_CASE_FIELDS", ("id",))
    writer = case_json.CaseJson()
    assert not writer.on
    for dc in cases:
        assert writer(dc) == dc.__pydantic_serializer__.to_json(dc)
    monkeypatch.undo()
    assert case_json.CaseJson().on
    fewer = dict(case_json.DECISION_FIELDS)
    del fewer["trace"]  # a Decision field the writer would not know
    monkeypatch.setattr(case_json, "DECISION_FIELDS", fewer)
    assert not case_json.CaseJson().on
