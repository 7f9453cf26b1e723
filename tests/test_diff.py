"""`yingsu diff`: a revised text of 中卫's 办法 (made here, in a temporary file) against the
current one: the changed, added and renumbered articles, and the rules whose quotes break."""
from __future__ import annotations

from yingsu.cli import main
from yingsu.revision import compare
from yingsu.rulesets import get_ruleset, rulesets_dir

CURRENT = (rulesets_dir() / "zhongwei" / "ordinance.txt").read_text(encoding="utf-8")


def revised() -> str:
    text = CURRENT.replace("应做好登记，于二日内转送", "应做好登记，于三日内转送")  # 第十条 changed
    return text + "\n**第二十七条** 本办法由市司法局负责解释。\n"  # a new article


def test_an_unchanged_text_has_no_differences():
    rev = compare(CURRENT, CURRENT, get_ruleset("zhongwei"))
    assert rev.unchanged and rev.kept == len(get_ruleset("zhongwei").rules)


def test_changed_and_added_articles_and_the_broken_quote():
    rev = compare(CURRENT, revised(), get_ruleset("zhongwei"))
    assert rev.changed == [(None, "第十条")]
    assert rev.added == [(None, "第二十七条")]
    assert rev.removed == [] and rev.renumbered == []
    assert [rid for rid, _, _ in rev.broken] == ["zhongwei.deadline.10.transfer"]  # 第十条's other quote holds


def test_a_removed_article_and_the_renumbering_it_causes():
    # drop 第二十三条 and renumber the rest: 第二十四条 -> 第二十三条 …
    lines = CURRENT.split("\n")
    start = next(i for i, x in enumerate(lines) if x.startswith("**第二十三条**"))
    end = next(i for i, x in enumerate(lines) if x.startswith("**第二十四条**"))
    text = "\n".join(lines[:start] + lines[end:])
    for old, new in (("二十四", "二十三"), ("二十五", "二十四"), ("二十六", "二十五")):
        text = text.replace(f"**第{old}条**", f"**第{new}条**")
    rev = compare(CURRENT, text, get_ruleset("zhongwei"))
    assert ((None, "第二十五条"), (None, "第二十四条")) in rev.renumbered
    assert (None, "第二十六条") in rev.removed or ((None, "第二十六条"), (None, "第二十五条")) in rev.renumbered
    broken = {rid: why for rid, _, why in rev.broken}
    assert "已移至第二十四条" in broken["zhongwei.notice.25.by-reference"]


def test_cli_against_the_current_text(tmp_path, capsys):
    new = tmp_path / "new.txt"
    new.write_text(revised(), encoding="utf-8")
    assert main(["diff", str(new), "--city", "zhongwei"]) == 1
    out = capsys.readouterr().out
    assert "修改的条文（1）：第十条" in out and "新增的条文（1）：第二十七条" in out
    assert "zhongwei.deadline.10.transfer（第十条）" in out


def test_cli_two_texts_and_errors(tmp_path, capsys):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(CURRENT, encoding="utf-8")
    new.write_text(CURRENT, encoding="utf-8")
    assert main(["diff", str(old), str(new), "--city", "zhongwei"]) == 0
    assert "引文不再成立的规则（0）" in capsys.readouterr().out
    assert main(["diff", str(new), "--city", "nowhere"]) == 2
    assert main(["diff", str(tmp_path / "missing.txt"), "--city", "zhongwei"]) == 2
    assert capsys.readouterr().err.count("\n") == 2
