"""The command line: the README's commands, one-line errors with exit code 2, and generated docs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from yingsu.cli import main
from yingsu.coverage import coverage, render_markdown
from yingsu.rulesets import available_cities, get_ruleset

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "xianzhou-government-sued.yaml")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_prints_a_decision_with_articles_and_quotes(capsys):
    code, out, err = run(capsys, "evaluate", EXAMPLE)
    assert code == 0 and err == ""
    assert "一、应诉承办单位" in out and "区住房和城乡建设局" in out
    assert "【新洲 第九条（二）】“区政府作为被告的国有土地上房屋征收类案件，相关职能部门为应诉责任机关”" in out
    assert "四、是否败诉" in out


def test_evaluate_json_is_the_contract_decision(capsys):
    code, out, _ = run(capsys, "evaluate", EXAMPLE, "--json")
    data = json.loads(out)
    assert code == 0 and data["city"] == "xianzhou"
    assert data["undertaking"]["units"][0]["role"] == "functional_department"
    assert data["deadlines"][0]["basis"]["quote"]


def test_compare_marks_differing_rows(capsys):
    code, out, _ = run(capsys, "compare", EXAMPLE, "--cities", "xianzhou,zhongwei", "--basis")
    assert code == 0
    loss_row = next(line for line in out.splitlines() if "是否败诉" in line)
    assert loss_row.startswith("| ≠ 是否败诉")
    assert "第二十七条" in loss_row and "第十二条" in loss_row


def test_compare_json(capsys):
    code, out, _ = run(capsys, "compare", EXAMPLE, "--cities", "zhongwei", "--json")
    assert code == 0 and list(json.loads(out)) == ["zhongwei"]


def test_rules_lists_articles(capsys):
    code, out, _ = run(capsys, "rules", "zhongwei")
    assert code == 0 and "zhongwei.undertaking.4.unclear" in out and "第四条" in out


def test_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Case"
    code, out, _ = run(capsys, "schema", "decision")
    assert json.loads(out)["title"] == "Decision"


def test_check(capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0 and "all rulesets valid" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["evaluate", "no-such-case.yaml"], ["no-such-case.yaml", "cannot read"]),
        (["rules", "wuhan"], ["unknown city 'wuhan'"]),
        (["compare", EXAMPLE, "--cities", "xianzhou,paris"], ["--cities", "paris"]),
        (["frobnicate"], ["invalid choice"]),
        (["evaluate", EXAMPLE, "--today", "yesterday"], ["yesterday", "YYYY-MM-DD"]),
    ],
)
def test_errors_are_one_line_with_exit_code_2(capsys, args, words):
    with pytest.raises(SystemExit) if args[0] == "frobnicate" or "--today" in args else _nothing():
        code, out, err = run(capsys, *args)
        assert code == 2
    _, err = capsys.readouterr() if args[0] == "frobnicate" or "--today" in args else (None, err)
    assert err.count("\n") == 1 and err.startswith("yingsu: ")
    for w in words:
        assert w in err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_bad_case_file_is_one_line_naming_the_field(tmp_path, capsys):
    p = tmp_path / "case.yaml"
    p.write_text("city: xianzhou\ndefendant: {kind: ministry}\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", str(p))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "defendant.kind" in err and str(p) in err


def test_the_module_runs_as_a_program():
    r = subprocess.run([sys.executable, "-m", "yingsu", "evaluate", EXAMPLE], capture_output=True, text=True)
    assert r.returncode == 0 and "应诉承办单位" in r.stdout


def test_every_article_of_every_ordinance_has_rules_or_a_reason():
    gaps = [(c, r.document, r.article) for c in available_cities() for r in coverage(get_ruleset(c)) if not r.covered]
    assert gaps == []


def test_readme_coverage_section_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- coverage:start -->\n(.*)<!-- coverage:end -->", readme, re.S)
    assert m, "README has no coverage section"
    assert m.group(1) == render_markdown(), "README coverage is stale: run `yingsu coverage --markdown`"


def test_readme_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "yingsu evaluate examples/xianzhou-government-sued.yaml" in readme
    assert 'pip install ".[test]" && python -m pytest -q' in readme
    assert "python -m pytest -q" in ci and '".[test]"' in ci
