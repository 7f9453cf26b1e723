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
