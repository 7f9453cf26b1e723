"""Ordinance source texts (法规原文): normalising, splitting into articles, proving quotes.

A quote is proved when it occurs, verbatim, inside the article it cites, once line breaks and
page footers of the source are removed, and it stands as whole clauses: it neither starts nor
ends on punctuation, and the text around it is punctuation, white space or the article's edge.
So a quote with one character added, dropped or changed at either end no longer proves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# Page footers (—5—) and markdown rules (---) of the source are not part of the ordinance.
_FOOTER = re.compile(r"^(—\s*\d+\s*—|-{3,})$")
# An article heading starts its line and is followed by a space: 第十二条 / **第十二条**.
_HEADING = re.compile(r"^(?:\*\*)?(第[〇零一二三四五六七八九十百]+条)(?:\*\*)?[ \u3000]")
PUNCTUATION = frozenset("，。；：、,.;:！？!?（）()《》〈〉「」“”\"'‘’【】—-…")
_BOUNDARY = PUNCTUATION | frozenset(" \u3000\t*")


def normalise(text: str) -> str:
    """The text with line breaks and page footers removed (what quotes are matched against)."""
    return "".join(_lines(text))


def _lines(text: str):
    for raw in text.splitlines():
        line = raw.strip()
        if line and not _FOOTER.match(line):
            yield line


@dataclass(frozen=True)
class Document:
    """One document of a source file (偃师's text holds two: 规范 and 细则)."""

    id: str | None
    begins: str | None = None  # the line (stripped) that starts it


@dataclass
class SourceText:
    """An ordinance text split into articles, keyed by (document, article)."""

    text: str
    documents: tuple[Document, ...] = (Document(None),)
    articles: dict[tuple[str | None, str], str] = field(init=False)
    order: list[tuple[str | None, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.articles, self.order = {}, []
        doc_iter = list(self.documents)
        current_doc = doc_iter[0].id
        starts = {d.begins: d.id for d in doc_iter if d.begins}
        key: tuple[str | None, str] | None = None
        buf: list[str] = []

        def flush():
            if key is not None:
                self.articles[key] = "".join(buf)

        for line in _lines(self.text):
            if line in starts:
                flush()
                key, buf = None, []
                current_doc = starts[line]
                continue
            m = _HEADING.match(line)
            if m:
                flush()
                key = (current_doc, m.group(1))
                if key not in self.articles:
                    self.order.append(key)
                buf = [line]
            elif key is not None:
                buf.append(line)
        flush()

    @cached_property
    def normalised(self) -> str:
        return normalise(self.text)

    def article(self, article: str, document: str | None = None) -> str | None:
        return self.articles.get((document, article))

    def article_names(self, document: str | None = None) -> list[str]:
        return [a for d, a in self.order if d == document]


def quote_problem(quote: str, segment: str) -> str | None:
    """Why `quote` is not proved in `segment` (an article's normalised text), or None if it is."""
    if not quote or not quote.strip():
        return "the quote is empty"
    if quote != quote.strip():
        return "the quote starts or ends with white space"
    if quote[0] in PUNCTUATION or quote[-1] in PUNCTUATION:
        return "the quote starts or ends on punctuation; quote whole clauses without it"
    start = segment.find(quote)
    if start < 0:
        return "the quote does not occur verbatim in the article"
    while start >= 0:
        end = start + len(quote)
        before_ok = start == 0 or segment[start - 1] in _BOUNDARY or _after_heading(segment, start)
        after_ok = end == len(segment) or segment[end] in _BOUNDARY
        if before_ok and after_ok:
            return None
        start = segment.find(quote, start + 1)
    return "the quote occurs only as part of a clause; quote from punctuation to punctuation"


def _after_heading(segment: str, start: int) -> bool:
    m = _HEADING.match(segment)
    return m is not None and m.end() == start


# --- periods stated in a quote (期间): “2 个工作日内”, “十五日内”, “3 个月内”, “开庭三日前” ---------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PERIOD = re.compile(r"(\d+|[〇零一二两三四五六七八九十百]+)\s*(个工作日|工作日|个月|月|日|天)(之前|以前|前|以内|之内|内)?")


@dataclass(frozen=True)
class Period:
    """A period a text states: its amount, its unit (日 / 工作日 / 月) and which way it counts."""

    text: str  # as written, e.g. “2 个工作日内”
    amount: int
    unit: str  # "日" (calendar days), "工作日" (working days) or "月" (months)
    before: bool | None  # True: …前 (before an anchor); False: …内 (after the start); None: not said


def chinese_number(text: str) -> int:
    """二 → 2, 十五 → 15, 三十 → 30, 一百二十 → 120; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch == "百":
            total += (digit if digit is not None else 1) * 100
            digit = None
        elif ch == "十":
            total += (digit if digit is not None else 1) * 10
            digit = None
        else:
            digit = _CN_DIGITS[ch]
    return total + (digit or 0)


def stated_periods(text: str) -> list[Period]:
    """Every period the text states, in order (a period is a number followed by 日/天/工作日/月)."""
    out = []
    for m in _PERIOD.finditer(text):
        number, unit, way = m.groups()
        unit = "工作日" if "工作日" in unit else "月" if "月" in unit else "日"
        before = None if way is None else "前" in way
        out.append(Period(m.group(0), chinese_number(number), unit, before))
    return out
