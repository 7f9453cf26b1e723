"""The bad-input catalogue: every malformed case gets one clear line on stderr, exit code 2.

Each row is a case file that must be refused, and the words its error must contain: the
field (and, through the harness, the file). Every row runs through the command line
(`yingsu evaluate FILE`); a sample also through `yingsu compare` and through a real
subprocess (`python -m yingsu evaluate FILE`). The harness checks, for every row: exit
code 2, nothing on stdout, exactly one line on stderr, starting `yingsu: `, naming the file,
containing the expected words, and no traceback.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

import yingsu
from yingsu.cli import main
from yingsu.errors import CaseError

GOOD = "city: xianzhou\ndefendant: {kind: government}\n"


def yaml_case(extra: str = "", head: str = GOOD) -> str:
    return head + extra


@dataclass(frozen=True)
class Bad:
    id: str
    content: str | bytes | None  # None: the row builds its own path (see `path_for`)
    expect: tuple[str, ...]
    name: str = "case.yaml"


def bad(id: str, content, *expect: str, name: str = "case.yaml") -> Bad:
    return Bad(id, content, tuple(expect), name)


ENUM_CITY = "city: Input should be 'yanshi', 'xinzhou', 'xianzhou', 'dezhou' or 'zhongwei'"

# "billion laughs": nine levels of nine aliases, 9**9 (387 million) strings once expanded
_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
# the same through merge keys (<<): each level merges the previous one twice
_MERGES = "m0: &m0 {k: 1}\n" + "".join(
    f"m{i + 1}: &m{i + 1} {{<<: [*m{i}, *m{i}], k{i}: 1}}\n" for i in range(30)
)

CATALOGUE: list[Bad] = [
    # -- wrong enum values ------------------------------------------------------------------
    bad("city-unknown", "city: wuhan\ndefendant: {kind: government}\n", ENUM_CITY),
    bad("city-capitalised", "city: Xianzhou\ndefendant: {kind: government}\n", ENUM_CITY),
    bad("city-chinese", "city: 新洲\ndefendant: {kind: government}\n", ENUM_CITY),
    bad("defendant-kind", "city: xianzhou\ndefendant: {kind: court}\n", "defendant.kind: Input should be 'government'"),
    bad("defendant-level", yaml_case(head="city: xianzhou\ndefendant: {kind: government, level: province}\n"),
        "defendant.level: Input should be 'city' or 'county'"),
    bad("reconsideration-role", yaml_case("reconsideration: {government_role: plaintiff}\n"),
        "reconsideration.government_role: Input should be 'sole_defendant' or 'co_defendant'"),
    bad("reconsideration-outcome", yaml_case("reconsideration: {outcome: reversed}\n"),
        "reconsideration.outcome: Input should be 'upheld'"),
    bad("maker-kind", yaml_case("act: {maker_kind: ministry}\n"), "act.maker_kind: Input should be 'department'"),
    bad("category", yaml_case("act: {category: tax}\n"), "act.category: Input should be 'state_land_house_expropriation'"),
    bad("instance", yaml_case("proceeding: {instance: third}\n"), "proceeding.instance: Input should be 'first', 'second' or 'retrial'"),
    bad("appellant", yaml_case("proceeding: {instance: second, appellant: court}\n"),
        "proceeding.appellant: Input should be 'plaintiff' or 'agency'"),
    bad("procedure", yaml_case("proceeding: {procedure: summary}\n"), "proceeding.procedure: Input should be 'ordinary' or 'simple'"),
    bad("session", yaml_case("proceeding: {session: online}\n"), "proceeding.session: Input should be 'trial'"),
    bad("circumstance", yaml_case("circumstances: [major_public_interest, very_important]\n"),
        "circumstances.1: Input should be 'major_public_interest'"),
    bad("request-by", yaml_case("principal_requests: [{by: mayor}]\n"),
        "principal_requests.0.by: Input should be 'court', 'government' or 'superior'"),
    bad("request-rank", yaml_case("principal_requests: [{by: court, rank: deputy}]\n"),
        "principal_requests.0.rank: Input should be 'principal' or 'head'"),
    bad("document", yaml_case("outcome: {document: verdict}\n"), "outcome.document: Input should be 'judgment'"),
    bad("disposition", yaml_case("outcome: {document: judgment, dispositions: [revoked, acquitted]}\n"),
        "outcome.dispositions.1: Input should be 'revoked'"),
    # -- missing required fields ------------------------------------------------------------
    bad("no-city", "defendant: {kind: government}\n", "city: required field is missing"),
    bad("no-defendant", "city: xianzhou\n", "defendant: required field is missing"),
    bad("no-defendant-kind", "city: xianzhou\ndefendant: {name: 新洲区人民政府}\n", "defendant.kind: required field is missing"),
    bad("no-request-by", yaml_case("principal_requests: [{rank: head, written: true}]\n"),
        "principal_requests.0.by: required field is missing"),
    # -- dates that contradict each other ---------------------------------------------------
    bad("judgment-before-service", yaml_case("events: {served: 2026-03-02, judgment_served: 2026-03-01}\n"),
        "events.judgment_served (2026-03-01) is before events.served (2026-03-02)"),
    bad("effective-before-judgment", yaml_case("events: {judgment_served: 2026-05-20, judgment_effective: 2026-05-19}\n"),
        "events.judgment_effective (2026-05-19) is before events.judgment_served (2026-05-20)"),
    bad("effective-before-served", yaml_case("events: {served: 2026-03-02, judgment_effective: 2026-02-27}\n"),
        "events.judgment_effective (2026-02-27) is before events.served (2026-03-02)"),
    bad("hearing-before-served", yaml_case("events: {served: 2026-03-02, hearing: 2026-03-01}\n"),
        "events.hearing (2026-03-01) is before events.served (2026-03-02)"),
    bad("forwarded-before-served", yaml_case("events: {served: 2026-03-02, forwarded: 2026-02-01}\n"),
        "events.forwarded (2026-02-01) is before events.served (2026-03-02)"),
    bad("closed-before-served", yaml_case("events: {served: 2026-03-02, case_closed: 2025-12-31}\n"),
        "events.case_closed (2025-12-31) is before events.served (2026-03-02)"),
    bad("suggestion-before-served", yaml_case("events: {served: 2026-03-02, suggestion_received: 2026-03-01}\n"),
        "events.suggestion_received (2026-03-01) is before events.served (2026-03-02)"),
    # -- impossible dates -------------------------------------------------------------------
    bad("feb-30", yaml_case("events: {served: 2026-02-30}\n"), "events.served: '2026-02-30' is not a real date in the form YYYY-MM-DD"),
    bad("month-13", yaml_case("events: {hearing: 2026-13-01}\n"), "events.hearing: '2026-13-01' is not a real date"),
    bad("feb-29-not-leap", yaml_case("events: {judgment_served: 2025-02-29}\n"), "events.judgment_served: '2025-02-29' is not a real date"),
    bad("week-date", yaml_case("events: {served: 2026-W10-1}\n"), "events.served: '2026-W10-1' is not a real date in the form YYYY-MM-DD"),
    bad("compact-date-text", yaml_case('events: {hearing: "20260302"}\n'), "events.hearing: '20260302' is not a real date in the form YYYY-MM-DD"),
    bad("ordinal-date", yaml_case("events: {served: 2026-061}\n"), "events.served: '2026-061' is not a real date"),
    bad("json-week-date", '{"city": "xianzhou", "defendant": {"kind": "government"}, "events": {"served": "2026-W10-1"}}',
        "events.served: '2026-W10-1' is not a real date in the form YYYY-MM-DD", name="case.json"),
    bad("not-iso", yaml_case('events: {served: "2026-3-2"}\n'), "events.served: '2026-3-2' is not a real date in the form YYYY-MM-DD"),
    bad("chinese-date", yaml_case("events: {served: 2026年3月2日}\n"), "events.served: '2026年3月2日' is not a real date"),
    bad("date-with-time", yaml_case("events: {served: 2026-03-02T10:00:00}\n"), "events.served: expected a date (YYYY-MM-DD), got a date with a time"),
    bad("year-1", yaml_case("events: {served: 0001-01-01}\n"),
        "events.served: 0001-01-01 is outside the dates yingsu can count (1951-01-01 to 2198-12-31)"),
    bad("year-2199", yaml_case("events: {case_closed: 2199-12-20}\n"), "events.case_closed: 2199-12-20 is outside the dates yingsu can count"),
    # -- facts that contradict each other ---------------------------------------------------
    bad("co-defendant-changed", yaml_case("reconsideration: {government_role: co_defendant, outcome: changed}\n"),
        "reconsideration.government_role 'co_defendant' contradicts reconsideration.outcome 'changed'"),
    bad("reconsideration-department", "city: xianzhou\ndefendant: {kind: department}\nreconsideration: {government_role: sole_defendant}\n",
        "reconsideration is given but defendant.kind is 'department'"),
    bad("lead-not-among", yaml_case("act: {departments: [甲局, 乙局], lead_department: 丙局}\n"),
        "act.lead_department '丙局' is not among act.departments"),
    bad("lead-of-one", yaml_case("act: {departments: [甲局], lead_department: 甲局}\n"),
        "act.lead_department is given but act.departments does not list two or more departments"),
    bad("lead-duty-without-lead", yaml_case("act: {lead_has_duty: true}\n"), "act.lead_has_duty is given but act.lead_department is not"),
    bad("successor-not-abolished", yaml_case("act: {maker_abolished: false, successor: 区城管局}\n"),
        "act.successor is given but act.maker_abolished is false"),
    bad("department-twice", yaml_case("act: {departments: [甲局, 甲局]}\n"), "act.departments lists the same department twice"),
    bad("first-instance-appellant", yaml_case("proceeding: {instance: first, appellant: agency}\n"),
        "proceeding.appellant is given but proceeding.instance is 'first'"),
    bad("first-instance-lost", yaml_case("proceeding: {instance: first, first_instance_lost: true}\n"),
        "proceeding.first_instance_lost is given but proceeding.instance is 'first'"),
    bad("hearing-without-session", yaml_case("proceeding: {session: none}\nevents: {hearing: 2026-04-01}\n"),
        "events.hearing is given but proceeding.session is 'none'"),
    bad("hearing-not-accepted", yaml_case("proceeding: {session: not_accepted}\nevents: {hearing: 2026-04-01}\n"),
        "events.hearing is given but proceeding.session is 'not_accepted'"),
    bad("withdrawal-dispositions", yaml_case("outcome: {document: withdrawal, dispositions: [revoked]}\n"),
        "outcome.dispositions must be empty when outcome.document is 'withdrawal'"),
    bad("mediation-dispositions", yaml_case("outcome: {document: mediation, dispositions: [payment]}\n"),
        "outcome.dispositions must be empty when outcome.document is 'mediation'"),
    bad("judgment-suit-dismissed", yaml_case("outcome: {document: judgment, dispositions: [suit_dismissed]}\n"),
        "outcome.dispositions 'suit_dismissed' (驳回起诉) is a ruling, but outcome.document is 'judgment'"),
    bad("ruling-revoked", yaml_case("outcome: {document: ruling, dispositions: [revoked]}\n"),
        "outcome.dispositions 'revoked' are judgments, but outcome.document is 'ruling'"),
    bad("suit-dismissed-and-claims-dismissed", yaml_case("outcome: {dispositions: [suit_dismissed, claims_dismissed]}\n"),
        "outcome.dispositions 'suit_dismissed' (驳回起诉) cannot stand with another disposition"),
    bad("closed-before-judgment", yaml_case("events: {judgment_served: 2026-05-20, case_closed: 2026-05-19}\n"),
        "events.case_closed (2026-05-19) is before events.judgment_served (2026-05-20)"),
    # 行政诉讼法 第二十六条第二款、第三款; 最高法解释 第一百三十三条、第一百三十四条
    bad("co-defendant-inadmissible", yaml_case("reconsideration: {government_role: co_defendant, outcome: inadmissible}\n"),
        "reconsideration.government_role 'co_defendant' contradicts reconsideration.outcome 'inadmissible'", "第一百三十三条"),
    bad("co-defendant-no-decision", yaml_case("reconsideration: {government_role: co_defendant, outcome: no_decision}\n"),
        "reconsideration.government_role 'co_defendant' contradicts reconsideration.outcome 'no_decision'", "第二十六条第三款"),
    bad("sole-defendant-upheld", yaml_case("reconsideration: {government_role: sole_defendant, outcome: upheld}\n"),
        "reconsideration.government_role 'sole_defendant' contradicts reconsideration.outcome 'upheld'", "第一百三十四条"),
    # no court session: nothing on the merits at first instance, nothing to appear at
    bad("not-accepted-merits", yaml_case("proceeding: {session: not_accepted}\noutcome: {document: judgment, dispositions: [revoked]}\n"),
        "outcome.dispositions 'revoked' decide the merits, but proceeding.session is 'not_accepted'"),
    bad("not-accepted-judgment", yaml_case("proceeding: {session: not_accepted}\noutcome: {document: mediation}\n"),
        "outcome.document 'mediation' decides the merits, but proceeding.session is 'not_accepted'"),
    bad("no-session-first-instance-merits",
        yaml_case("proceeding: {instance: first, session: none}\noutcome: {document: judgment, dispositions: [claims_dismissed]}\n"),
        "outcome.dispositions 'claims_dismissed' decide the merits, but proceeding.session is 'none' and proceeding.instance is 'first'"),
    bad("no-session-no-instance-merits",
        yaml_case("proceeding: {session: none}\noutcome: {document: judgment, dispositions: [partially_revoked, claims_dismissed]}\n"),
        "outcome.dispositions 'claims_dismissed, partially_revoked' decide the merits",
        "proceeding.instance is not given (first instance)", "give proceeding.instance 'second'"),
    bad("appeared-without-session", yaml_case("proceeding: {session: none}\nprincipal_appeared: true\n"),
        "principal_appeared is true but proceeding.session is 'none' (no court session to appear at)"),
    bad("appeared-not-accepted", yaml_case("proceeding: {session: not_accepted}\nprincipal_appeared: true\n"),
        "principal_appeared is true but proceeding.session is 'not_accepted'"),
    bad("appeared-and-unavailable", yaml_case("principal_unavailable: true\nprincipal_appeared: true\n"),
        "principal_appeared and principal_unavailable are both true"),
    # a first instance behind the case: yingsu does not assume first instance (and compute an appeal)
    bad("appellant-without-instance", yaml_case("proceeding: {appellant: plaintiff}\n"),
        "proceeding.appellant is given but proceeding.instance is not: give proceeding.instance ('second' or 'retrial')"),
    bad("first-instance-lost-without-instance", yaml_case("proceeding: {first_instance_lost: true}\n"),
        "proceeding.first_instance_lost is given but proceeding.instance is not"),
    bad("undertaker-without-instance", yaml_case("proceeding: {first_instance_undertaker: 区住建局}\n"),
        "proceeding.first_instance_undertaker is given but proceeding.instance is not"),
    # names: one line of plain text, not empty, departments told apart by more than spaces
    bad("name-only-spaces", "city: xianzhou\ndefendant: {kind: government, name: \"   \"}\n",
        "defendant.name: a name may not be empty or only spaces"),
    bad("name-empty", yaml_case('act: {maker: ""}\n'), "act.maker: a name may not be empty or only spaces"),
    bad("name-ideographic-spaces", yaml_case('act: {successor: "\u3000\u3000", maker_abolished: true}\n'),
        "act.successor: a name may not be empty or only spaces"),
    bad("departments-differ-by-spaces", yaml_case('act: {departments: ["区 住建局", 区住建局]}\n'),
        "act.departments lists '区 住建局' and '区住建局', which differ only by spaces"),
    bad("lead-differs-by-spaces", yaml_case('act: {departments: [甲局, 乙局], lead_department: "甲 局"}\n'),
        "act.lead_department '甲 局' is not among act.departments (it differs from '甲局' only by spaces)"),
    bad("name-with-newline", 'city: xianzhou\ndefendant: {kind: government, name: "新洲区\\n人民政府"}\n',
        "defendant.name: '新洲区\\n人民政府' contains a control character (U+000A)"),
    bad("name-with-tab", yaml_case('act: {responsible_unit: "区\\t城管局"}\n'),
        "act.responsible_unit: '区\\t城管局' contains a control character (U+0009)"),
    bad("name-with-nul", yaml_case('proceeding: {instance: second, first_instance_undertaker: "区\\0局"}\n'),
        "proceeding.first_instance_undertaker: '区\\x00局' contains a control character (U+0000)"),
    bad("name-lone-surrogate", yaml_case('act: {maker: "区\\ud800局"}\n'),
        "act.maker: '区\\ud800局' contains a lone surrogate (U+D800)"),
    bad("json-name-lone-surrogate", '{"city": "xianzhou", "defendant": {"kind": "government", "name": "\\ud800"}}',
        "defendant.name: '\\ud800' contains a lone surrogate (U+D800)", name="case.json"),
    bad("json-name-line-separator", '{"city": "xianzhou", "defendant": {"kind": "government", "name": "甲\\u2028乙"}}',
        "defendant.name: '甲\\u2028乙' contains a line separator (U+2028)", name="case.json"),
    bad("name-bidi-override", yaml_case("act: {departments: [甲局, \"\u202e局乙\"]}\n"),
        "act.departments.1: '\\u202e局乙' contains an invisible formatting or bidirectional character (U+202E)"),
    bad("name-bidi-isolate", yaml_case("act: {lead_department: \"甲\u2066局\", departments: [甲局, 乙局]}\n"),
        "act.lead_department: '甲\\u2066局' contains an invisible formatting or bidirectional character (U+2066)"),
    bad("name-too-long", yaml_case(f"act: {{maker: {'局' * 201}}}\n"), "act.maker: String should have at most 200 characters"),
    bad("disposition-twice", yaml_case("outcome: {document: judgment, dispositions: [revoked, revoked]}\n"),
        "outcome.dispositions lists the same disposition twice"),
    # -- wrong types ------------------------------------------------------------------------
    bad("string-for-bool", yaml_case('principal_appeared: "yes"\n'), "principal_appeared: Input should be a valid boolean"),
    bad("number-for-bool", yaml_case("principal_unavailable: 1\n"), "principal_unavailable: Input should be a valid boolean"),
    bad("string-for-nested-bool", yaml_case('act: {inaction: "true"}\n'), "act.inaction: Input should be a valid boolean"),
    bad("list-for-mapping", yaml_case("act: [maker, 区住建局]\n"), "act: Input should be a valid dictionary"),
    bad("list-for-events", yaml_case("events: [2026-03-02]\n"), "events: Input should be a valid dictionary"),
    bad("string-for-defendant", "city: xianzhou\ndefendant: government\n", "defendant: Input should be a valid dictionary"),
    bad("string-for-outcome", yaml_case("outcome: judgment\n"), "outcome: Input should be a valid dictionary"),
    bad("number-for-date", yaml_case("events: {served: 20260302}\n"), "events.served: expected a date (YYYY-MM-DD), got a number 20260302"),
    bad("list-for-date", yaml_case("events: {served: [2026-03-02]}\n"), "events.served: expected a date (YYYY-MM-DD), got a list"),
    bad("bool-for-date", yaml_case("events: {served: true}\n"), "events.served: expected a date (YYYY-MM-DD), got a boolean True"),
    bad("string-for-list", yaml_case("act: {departments: 甲局}\n"), "act.departments: Input should be a valid list"),
    bad("string-for-enum-list", yaml_case("circumstances: major_public_interest\n"), "circumstances: Input should be a valid list"),
    bad("mapping-for-list", yaml_case("principal_requests: {by: court}\n"), "principal_requests: Input should be a valid list"),
    bad("number-for-text", "city: xianzhou\ndefendant: {kind: government, name: 5}\n", "defendant.name: Input should be a valid string"),
    bad("zero-plaintiffs", yaml_case("proceeding: {plaintiffs: 0}\n"), "proceeding.plaintiffs: Input should be greater than or equal to 1"),
    bad("string-plaintiffs", yaml_case('proceeding: {plaintiffs: "3"}\n'), "proceeding.plaintiffs: Input should be a valid integer"),
    bad("fraction-plaintiffs", yaml_case("proceeding: {plaintiffs: 2.5}\n"), "proceeding.plaintiffs: Input should be a valid integer"),
    bad("bool-plaintiffs", yaml_case("proceeding: {plaintiffs: true}\n"), "proceeding.plaintiffs: Input should be a valid integer"),
    bad("number-of-4301-digits", yaml_case(f"proceeding: {{plaintiffs: {'9' * 4301}}}\n"),
        "not a valid YAML case (line 3): a number of 4301 digits is too long to be read (at most 100)"),
    bad("json-number-of-4301-digits", '{"city": "xianzhou", "defendant": {"kind": "government"}, "proceeding": {"plaintiffs": '
        + "9" * 4301 + "}}", "not valid JSON: a number of 4301 digits is too long to be read (at most 100)", name="case.json"),
    bad("json-nan", '{"city": "xianzhou", "defendant": {"kind": "government"}, "proceeding": {"plaintiffs": NaN}}',
        "not valid JSON: NaN is not a JSON number", name="case.json"),
    # YAML 1.1 numbers are never read as another number: only plain decimal is a number
    bad("yaml-octal", yaml_case("proceeding: {plaintiffs: 030}\n"),
        "proceeding.plaintiffs: Input should be a valid integer written in plain decimal digits (e.g. 30), got the text '030'"),
    bad("yaml-sexagesimal", yaml_case("proceeding: {plaintiffs: 1:00}\n"), "proceeding.plaintiffs: ", "got the text '1:00'"),
    bad("yaml-hexadecimal", yaml_case("proceeding: {plaintiffs: 0x1F}\n"), "proceeding.plaintiffs: ", "got the text '0x1F'"),
    bad("yaml-binary", yaml_case("proceeding: {plaintiffs: 0b1}\n"), "proceeding.plaintiffs: ", "got the text '0b1'"),
    bad("yaml-underscores", yaml_case("proceeding: {plaintiffs: 1_000}\n"), "proceeding.plaintiffs: ", "got the text '1_000'"),
    bad("yaml-1-1-boolean", yaml_case("principal_appeared: yes\n"), "principal_appeared: Input should be a valid boolean"),
    bad("yaml-on-boolean", yaml_case("act: {inaction: on}\n"), "act.inaction: Input should be a valid boolean"),
    # -- unknown keys, at every level -------------------------------------------------------
    bad("unknown-top", yaml_case("colour: red\n"), "colour: unknown field (not in the contract)"),
    bad("unknown-defendant", "city: xianzhou\ndefendant: {kind: government, type: x}\n", "defendant.type: unknown field"),
    bad("unknown-reconsideration", yaml_case("reconsideration: {result: upheld}\n"), "reconsideration.result: unknown field"),
    bad("unknown-act", yaml_case("act: {maker: x, maker_name: y}\n"), "act.maker_name: unknown field"),
    bad("unknown-proceeding", yaml_case("proceeding: {judge: 张三}\n"), "proceeding.judge: unknown field"),
    bad("unknown-request", yaml_case("principal_requests: [{by: court, when: 2026-03-02}]\n"), "principal_requests.0.when: unknown field"),
    bad("unknown-events", yaml_case("events: {filed: 2026-03-02}\n"), "events.filed: unknown field"),
    bad("unknown-outcome", yaml_case("outcome: {document: judgment, amount: 100}\n"), "outcome.amount: unknown field"),
    bad("unknown-key-with-newline", yaml_case('"a\\nb": 1\n'), "'a\\nb': unknown field"),
    bad("non-text-key", yaml_case("1: x\n"), "1: a field name must be text"),
    bad("value-with-newline", yaml_case('act: {departments: [甲局, 乙局], lead_department: "丙\\n局"}\n'),
        "act.lead_department: '丙\\n局' contains a control character (U+000A)"),
    # -- the file itself --------------------------------------------------------------------
    bad("python-object-tag", "city: !!python/object/apply:os.system ['echo pwned']\ndefendant: {kind: government}\n",
        "not a valid YAML case (line 1): unsupported YAML tag"),
    bad("python-name-tag", yaml_case("act: {maker: !!python/name:os.system }\n"), "not a valid YAML case (line 3): unsupported YAML tag"),
    bad("custom-tag", yaml_case("act: !department {maker: x}\n"), "not a valid YAML case (line 3): unsupported YAML tag"),
    bad("empty-file", "", "the file is empty"),
    bad("blank-file", "\n  \n\t\n", "the file is empty"),
    bad("empty-json", b"", "the file is empty", name="case.json"),
    bad("comment-only", "# 案件\n", "a case must be a mapping of fields, not null"),
    bad("top-level-list", "- city: xianzhou\n", "a case must be a mapping of fields, not a list"),
    bad("top-level-text", "xianzhou\n", "a case must be a mapping of fields, not str"),
    bad("not-utf8-nor-gb18030", (GOOD + "# caf").encode() + b"\xe9\n",
        "not UTF-8 text (line 3, byte 51), nor GB18030 (GBK) text; save it as UTF-8"),
    bad("not-utf8-first-byte", b"\xe9\n" + GOOD.encode(), "not UTF-8 text (line 1, byte 1)"),
    bad("damaged-utf8", "city: xianzhou\ndefendant: {kind: government, name: 武汉市新洲区人民政府}\n".encode()[:50] + b"\xff"
        + "city: xianzhou\ndefendant: {kind: government, name: 武汉市新洲区人民政府}\n".encode()[51:],
        "not UTF-8 text (line 2, byte 51): the rest of the file is UTF-8, so it looks damaged there"),
    bad("gbk-bytes-with-an-error", "city: xianzhou\ndefendant: {kind: government, name: 新洲区人民政府}\ncolour: 红\n".encode("gbk"),
        "colour: unknown field (not in the contract) (not UTF-8: read as GB18030 (GBK) text)"),
    bad("utf16-without-bom", GOOD.encode("utf-16-le"),
        "not text: a NUL byte (line 1, byte 2), as in UTF-16 or UTF-32 without a byte-order mark"),
    bad("utf16-bom-broken", b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x00\xd8",
        "starts with a UTF-16 byte-order mark but is not UTF-16 text"),
    bad("directory", None, "is a directory, not a file"),
    bad("missing-file", None, "cannot read: No such file or directory"),
    bad("json-syntax", '{"city": "xianzhou", "defendant": {"kind": "government"}', "not valid JSON (line 1, column", name="case.json"),
    bad("json-trailing-comma", '{"city": "xianzhou", "defendant": {"kind": "government"},}',
        "not valid JSON (line 1, column 58): Expecting property name", name="case.json"),
    bad("json-yaml-content", GOOD, "not valid JSON (line 1, column 1)", name="case.json"),
    bad("json-duplicate-key", '{"city": "xianzhou", "city": "yanshi", "defendant": {"kind": "government"}}',
        "not valid JSON: duplicate key 'city'", name="case.json"),
    bad("json-wrong-type", '{"city": "xianzhou", "defendant": {"kind": "government"}, "events": {"served": 20260302}}',
        "events.served: expected a date (YYYY-MM-DD), got a number 20260302", name="case.json"),
    bad("json-deep", '{"city": "xianzhou", "defendant": {"kind": "government"}, "act": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "not valid JSON: nested too deeply", name="case.json"),
    bad("yaml-deep", yaml_case("act: " + "[" * 5000 + "]" * 5000 + "\n"), "not a valid YAML case (line 3): nested more than 64 levels deep"),
    bad("yaml-deep-blocks", yaml_case("".join("  " * i + f"k{i}:\n" for i in range(200))),
        "not a valid YAML case (line 66): nested more than 64 levels deep"),
    bad("billion-laughs", _LAUGHS + GOOD, "not a valid YAML case (line 6): more than 200000 values once YAML aliases are expanded"),
    bad("billion-laughs-in-a-field", _LAUGHS.replace("i: &i", "x: &i") + yaml_case("events: {served: *i}\n"),
        "more than 200000 values once YAML aliases are expanded"),
    bad("merge-key-bomb", _MERGES + GOOD, "more than 200000 values once YAML aliases are expanded"),
    bad("aliases-of-long-text", "t: &t " + "长" * 10_000 + "\n" + "".join(
        f"l{i + 1}: &l{i + 1} [{', '.join([f'*l{i}' if i else '*t'] * 4)}]\n" for i in range(5)) + GOOD,
        "characters of text once YAML aliases are expanded (aliases that repeat a long text?)"),
    bad("recursive-alias", yaml_case("act: &a {maker: x, departments: [*a]}\n"),
        "not a valid YAML case (line 3): a YAML alias refers to a value that contains it"),
    bad("yaml-syntax", "city: xianzhou\ndefendant: {kind: government\n", "not a valid YAML case (line 3): expected ',' or '}'"),
    bad("yaml-duplicate-key", "city: xianzhou\ncity: yanshi\ndefendant: {kind: government}\n",
        "not a valid YAML case (line 2): duplicate key 'city'"),
    bad("yaml-two-documents", GOOD + "---\n" + GOOD, "not a valid YAML case (line 3): but found another document"),
    bad("yaml-tab-indent", "city: xianzhou\ndefendant:\n\tkind: government\n", "not a valid YAML case (line 3): found character '\\t'"),
]

IDS = [b.id for b in CATALOGUE]


def path_for(row: Bad, tmp_path: Path) -> Path:
    """Write the row's file (or make its directory, or leave it missing); return its path."""
    if row.id == "directory":
        p = tmp_path / "case.yaml"
        p.mkdir()
        return p
    if row.id == "missing-file":
        return tmp_path / "no-such-case.yaml"
    p = tmp_path / row.name
    p.write_bytes(row.content if isinstance(row.content, bytes) else row.content.encode("utf-8"))
    return p


def assert_one_clear_line(code, out: str, err: str, path: Path, expect: tuple[str, ...]) -> None:
    assert code == 2, (code, err)
    assert out == ""
    assert err.startswith("yingsu: "), err
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert "Traceback" not in err
    assert f"yingsu: {path}: " in err, f"the message must name the file: {err!r}"
    for words in expect:
        assert words in err, f"expected {words!r} in {err!r}"


def test_the_catalogue_is_large_and_its_ids_unique():
    assert len(CATALOGUE) >= 40
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("row", CATALOGUE, ids=IDS)
def test_bad_input_is_one_clear_line(row: Bad, tmp_path, capsys):
    path = path_for(row, tmp_path)
    started = time.perf_counter()
    code = main(["evaluate", str(path), "--today", "2026-11-23"])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert_one_clear_line(code, out, err, path, row.expect)
    assert elapsed < 5, f"{row.id} took {elapsed:.1f} s"


@pytest.mark.parametrize("row", CATALOGUE, ids=IDS)
def test_the_library_raises_case_error(row: Bad, tmp_path):
    """The same inputs through the Python API: a CaseError (a ValueError), never anything else."""
    path = path_for(row, tmp_path)
    with pytest.raises(CaseError) as e:
        yingsu.load_case(path)
    assert "\n" not in str(e.value)
    assert row.expect[0] in str(e.value)


SAMPLE = ["city-unknown", "judgment-before-service", "feb-30", "lead-not-among", "list-for-mapping", "unknown-events",
          "python-object-tag", "empty-file", "not-utf8-nor-gb18030", "yaml-octal", "name-lone-surrogate", "directory", "json-syntax", "billion-laughs", "yaml-deep"]


@pytest.mark.parametrize("row_id", SAMPLE)
def test_compare_refuses_the_same_way(row_id, tmp_path, capsys):
    row = CATALOGUE[IDS.index(row_id)]
    path = path_for(row, tmp_path)
    code = main(["compare", str(path)])
    out, err = capsys.readouterr()
    assert_one_clear_line(code, out, err, path, row.expect)


@pytest.mark.parametrize("row_id", ["city-unknown", "effective-before-served", "number-for-date", "python-object-tag",
                                    "not-utf8-nor-gb18030", "name-bidi-override", "json-number-of-4301-digits", "directory", "json-duplicate-key", "billion-laughs"])
def test_a_real_process_refuses_with_one_line(row_id, tmp_path):
    row = CATALOGUE[IDS.index(row_id)]
    path = path_for(row, tmp_path)
    r = subprocess.run([sys.executable, "-m", "yingsu", "evaluate", str(path)], capture_output=True, text=True,
                       encoding="utf-8", timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert_one_clear_line(r.returncode, r.stdout, r.stderr, path, row.expect)


# -- size, time and memory ------------------------------------------------------------------


def test_a_50_mb_file_is_refused_by_its_size_before_parsing(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.write(GOOD.encode())
        f.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    code = main(["evaluate", str(path)])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert_one_clear_line(code, out, err, path, (f"file is {path.stat().st_size} bytes, over the limit of 1048576 bytes",))
    assert elapsed < 0.5, f"refusing a 50 MB file took {elapsed:.2f} s: it was read"


def test_a_device_that_never_ends_is_not_read_past_the_limit(capsys):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    code = main(["evaluate", "/dev/zero"])
    out, err = capsys.readouterr()
    assert_one_clear_line(code, out, err, Path("/dev/zero"), ("over the limit of 1048576 bytes",))


@pytest.mark.parametrize("row_id", ["billion-laughs", "billion-laughs-in-a-field", "merge-key-bomb", "yaml-deep", "json-deep",
                                    "aliases-of-long-text"])
def test_bombs_are_refused_quickly_in_little_memory(row_id, tmp_path):
    row = CATALOGUE[IDS.index(row_id)]
    path = path_for(row, tmp_path)
    started = time.perf_counter()
    with pytest.raises(CaseError):
        yingsu.load_case(path)
    elapsed = time.perf_counter() - started
    assert elapsed < 2, f"{row_id}: {elapsed:.2f} s"
    tracemalloc.start()  # again, counting memory (tracemalloc slows it down, so not timed)
    try:
        with pytest.raises(CaseError):
            yingsu.load_case(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024, f"{row_id}: peak {peak / 1e6:.0f} MB"


# -- the harness does not refuse good input --------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("case.yaml", GOOD),
        ("case.yml", GOOD + "events: {served: 2026-03-02}\n"),
        ("case.json", json.dumps({"city": "zhongwei", "defendant": {"kind": "government"}})),
        ("bom.json", "\ufeff" + json.dumps({"city": "zhongwei", "defendant": {"kind": "government"}})),
        ("bom.yaml", "\ufeff" + GOOD),
        ("anchors.yaml", "city: xianzhou\ndefendant: &d {kind: government}\nact: {departments: [&a 甲局, 乙局], lead_department: *a}\n"),
        ("crlf.yaml", GOOD.replace("\n", "\r\n")),
        # a merge key overridden by an explicit key is legal YAML, not a duplicate
        ("merge.yaml", "city: xianzhou\ndefendant: {<<: &b {kind: department, name: 区住建局}, kind: government}\n"
         "act: {<<: {maker: 甲}, maker: 区住建局}\n"),
        ("merge-list.yaml", "city: xianzhou\nproceeding: {<<: [{session: trial}, {session: none, plaintiffs: 2}]}\n"
         "defendant: {kind: government}\n"),
        # real judgments: 部分撤销…驳回原告其他诉讼请求; 确认违法…驳回其他; 赔偿…驳回其他
        ("partly.yaml", GOOD + "outcome: {document: judgment, dispositions: [partially_revoked, claims_dismissed]}\n"),
        ("illegal.yaml", GOOD + "outcome: {document: judgment, dispositions: [confirmed_illegal, claims_dismissed]}\n"),
        ("compensation.yaml", GOOD + "outcome: {document: judgment, dispositions: [compensation, claims_dismissed]}\n"),
        # 忻州 第十一条（六）: a temporary body's lead department without a list of departments
        ("temporary.yaml", "city: xinzhou\ndefendant: {kind: government}\n"
         "act: {maker: 城区改造指挥部, maker_kind: temporary_body, lead_department: 忻州市住房和城乡建设局}\n"),
        # an appeal court may judge without a hearing (行政诉讼法 第八十六条)
        ("appeal-no-hearing.yaml", GOOD + "proceeding: {instance: second, appellant: plaintiff, session: none}\n"
         "outcome: {document: judgment, dispositions: [claims_dismissed]}\n"),
        ("no-session-ruling.yaml", GOOD + "proceeding: {session: none}\noutcome: {document: ruling, dispositions: [suit_dismissed]}\n"),
        # text that YAML 1.1 would read as a number stays text where the field is text
        ("number-like-name.yaml", GOOD.replace("{kind: government}", "{kind: government, name: 030}")),
        ("spaces-trimmed.yaml", GOOD.replace("{kind: government}", '{kind: government, name: " 武汉市新洲区人民政府 "}')),
    ],
)
def test_good_input_passes_the_same_harness(name, content, tmp_path, capsys):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    code = main(["evaluate", str(path), "--today", "2026-11-23"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "") and "应诉承办单位" in out


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf16.yaml", GOOD.encode("utf-16")),  # with its byte-order mark, as Windows Notepad saves "Unicode"
        ("utf16be.yaml", b"\xfe\xff" + GOOD.encode("utf-16-be")),
        ("utf32.yaml", GOOD.encode("utf-32")),
        ("utf8-bom.json", b"\xef\xbb\xbf" + json.dumps({"city": "zhongwei", "defendant": {"kind": "government"}}).encode()),
    ],
)
def test_text_with_a_byte_order_mark_is_read_without_a_word(name, data, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["evaluate", str(path), "--today", "2026-11-23"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "") and "应诉承办单位" in out


GBK_CASE = "city: xianzhou\ndefendant: {kind: department, name: 区住房和城乡建设局}\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_gb18030_file_is_read_and_the_assumption_said_in_one_line(encoding, tmp_path, capsys):
    path = tmp_path / "case.yaml"
    path.write_bytes(GBK_CASE.encode(encoding))
    code = main(["evaluate", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == f"yingsu: {path}: not UTF-8: read as GB18030 (GBK) text\n"
    assert json.loads(out)["undertaking"]["units"][0]["name"] == "区住房和城乡建设局"
    with pytest.warns(yingsu.caseio.InputNote, match="read as GB18030"):
        assert yingsu.load_case(path).defendant.name == "区住房和城乡建设局"
    notes: list[str] = []
    yingsu.load_case(path, notes=notes)
    assert notes == [f"{path}: not UTF-8: read as GB18030 (GBK) text"]


@pytest.mark.parametrize("command", ["evaluate", "compare", "docket"])
def test_a_path_with_a_line_break_gives_one_line(command, tmp_path, capsys):
    path = tmp_path / "a\nb.yaml"
    path.write_text(GOOD + "colour: red\n", encoding="utf-8")
    code = main([command, str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), repr(err)
    assert str(path).replace("\n", "\\n") in err


def test_a_missing_path_with_a_line_break_gives_one_line(tmp_path, capsys):
    for command in (["evaluate"], ["docket"], ["batch"]):
        code = main([*command, str(tmp_path / "no\nsuch.jsonl"), *(["-"] if command == ["batch"] else [])])
        out, err = capsys.readouterr()
        assert code == 2 and err.count("\n") == 1 and "no\\nsuch.jsonl" in err, (command, err)


def test_a_docket_entry_of_aliases_to_long_text_is_refused(tmp_path, capsys):
    """The docket reads entry by entry with the same loader: each entry's text is bounded too."""
    path = tmp_path / "docket.yaml"
    path.write_text("- {city: xianzhou, defendant: {kind: government, name: 区政府}, act: {maker: &x " + "长" * 20_000
                    + "}}\n- {city: xianzhou, defendant: {kind: government}, act: {departments: [" + ", ".join(["*x"] * 20)
                    + "]}}\n", encoding="utf-8")
    code = main(["docket", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "characters of text once YAML aliases are expanded" in err


def test_batch_lines_go_through_the_same_json_reader_and_name_checks(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"city": "xianzhou", "defendant": {"kind": "government"}, "proceeding": {"plaintiffs": ' + "9" * 4301 + "}}\n"
        '{"city": "xianzhou", "defendant": {"kind": "government", "name": "\\ud800"}}\n'
        '{"city": "xianzhou", "defendant": {"kind": "government"}, "events": {"served": "2026-W10-1"}}\n',
        encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), str(out)]) == 1
    capsys.readouterr()
    errors = [json.loads(line)["error"] for line in out.read_text(encoding="utf-8").splitlines()
              if line.startswith('{"line"')]
    assert errors[0] == "not valid JSON: a number of 4301 digits is too long to be read (at most 100)"
    assert errors[1].startswith("defendant.name: '\\ud800' contains a lone surrogate (U+D800)")
    assert errors[2].startswith("events.served: '2026-W10-1' is not a real date in the form YYYY-MM-DD")
