"""The structure of an ordinance text (条文结构): documents, chapters, articles (第X条),
paragraphs (款) and items (项，（一）…), and what its header states (title, number, issuer,
dates).

Texts come as the offices publish them: a notice (通知) in front, lines broken in the middle of
sentences, page footers (—5—), markdown marks (**第一条**, "- （一）"), one file holding two
documents that both start at 第一条 (偃师: 规范 and 细则). An article heading starts its line, is
followed by a space and carries the next number in sequence (so a wrapped line that happens to
start with "第九条 …" is not a heading); 第一条 after other articles starts a new document, whose
title is the last lines before it that do not end a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .sources import _FOOTER

_NUM = "〇零一二三四五六七八九十百"
_ARTICLE = re.compile(rf"^(?:\*\*)?(第([{_NUM}]+)条)(?:\*\*)?(?:[ \u3000]+|$)")
_CHAPTER = re.compile(rf"^(第[{_NUM}]+[章节])[ \u3000]*(.*)$")
_ITEM = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*")
_ENDS = "。；：;:！？"
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2}|？|\?)\s*月\s*(\d{1,2}|？|\?)\s*日$")
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\s*\d{4}\s*〕\s*\d+\s*号")
_DECREE = re.compile(r"(?:\d{4}年\d{1,2}月\d{1,2}日)?([\u4e00-\u9fff]+?)令第\s*(\d+)\s*号")
_ISSUER = re.compile(r"^(.+?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅))(?:文件)?$")
_QUOTED_TITLE = re.compile(r"关于印发《([^》]+)》")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def chinese_number(text: str) -> int:
    """二十三 -> 23, 一百零二 -> 102 (the numbers of articles and items)."""
    text = text.replace("〇", "零")
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def chinese(n: int) -> str:
    """23 -> 二十三 (as article numbers are written)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese(rest) if rest < 10 else ("一" + chinese(rest) if rest < 20 else chinese(rest)))
    return digits[n // 100] + "百" + tail


@dataclass
class Item:
    """项: （一）…"""

    number: str  # （一）
    text: str


@dataclass
class Paragraph:
    """款: a paragraph, with the items that follow it (its chapeau is the paragraph)."""

    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    """条."""

    number: str  # 第九条
    document: str | None
    chapter: str | None
    paragraphs: list[Paragraph]

    @property
    def items(self) -> list[Item]:
        return [i for p in self.paragraphs for i in p.items]

    @property
    def text(self) -> str:
        """The article as one text (line breaks removed), paragraphs and items on their own lines."""
        out = []
        for p in self.paragraphs:
            out.append(p.text)
            out.extend(i.number + i.text for i in p.items)
        return "\n".join(out)


@dataclass
class Chapter:
    number: str
    title: str


@dataclass
class Part:
    """One document of the text (偃师's text holds two)."""

    id: str | None
    title: str
    begins: str | None  # the line that starts it (for ruleset.documents)
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


@dataclass
class Ordinance:
    """The parsed text and its header."""

    documents: list[Part]
    title: str
    number: str | None
    issued_by: str | None
    issued_on: date | None
    effective_from: date | None
    effective_to: date | None
    notes: list[str]

    @property
    def articles(self) -> list[Article]:
        return [a for d in self.documents for a in d.articles]


def _clean(raw: str) -> str:
    line = raw.strip()
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"^[-*]\s+", "", line)
    return line.strip()


def _lines(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        line = _clean(raw)
        if line and not _FOOTER.match(line) and line != "---":
            out.append(line)
    return out


def _squash(text: str) -> str:
    """Spaces between CJK characters are line-layout, not text."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text).strip()


def _is_title_line(line: str) -> bool:
    return not (line[-1] in _ENDS or line.startswith(("（", "(")) or _DATE.match(line) or _CHAPTER.match(line))


def parse(text: str) -> Ordinance:
    """Split an ordinance text into documents, chapters, articles, paragraphs and items."""
    lines = _lines(text)
    documents: list[Part] = []
    bodies: list[tuple[Article, list[str]]] = []
    preamble: list[str] = []
    pending: list[Chapter] = []  # chapter headings seen since the last article
    expected, chapter = 1, None
    part: Part | None = None
    body: list[str] | None = None
    for line in lines:
        m = _ARTICLE.match(line)
        n = chinese_number(m.group(2)) if m else 0
        if m and (n == expected or (n == 1 and part is not None)):
            if n == 1:  # a new document: its title is the tail of what came before
                before = body if body is not None else preamble
                title_lines: list[str] = []
                notes_after: list[str] = []  # (2020年7月30日…公布) under a title: not the title
                while before and before[-1].startswith(("（", "(")) and not title_lines:
                    notes_after.insert(0, before.pop())
                while before and _is_title_line(before[-1]):
                    title_lines.insert(0, before.pop())
                before.extend(notes_after)
                part = Part(None, _squash("".join(title_lines)), title_lines[-1] if title_lines else None)
                documents.append(part)
                chapter = None
            for ch in pending:
                part.chapters.append(ch)
                chapter = ch.number
            pending = []
            article = Article(m.group(1), None, chapter, [])
            body = [line[m.end():].strip()]
            bodies.append((article, body))
            part.articles.append(article)
            expected = n + 1
            continue
        c = _CHAPTER.match(line)
        if c and (not body or body[-1][-1:] in _ENDS):
            pending.append(Chapter(c.group(1), _squash(c.group(2))))
            continue
        (body if body is not None else preamble).append(line)
    for article, lines_of in bodies:
        article.paragraphs = _paragraphs(lines_of)
    _name_documents(documents)
    for d in documents:
        for a in d.articles:
            a.document = d.id
    return _header(lines, preamble, documents)


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    """Paragraphs (a new one after a line that ends a sentence) and their items; a line between
    two items in sequence belongs to the first (an item may hold several sentences)."""
    lines = [x for x in lines if x]
    marks = [_ITEM.match(x) for x in lines]
    numbers = [chinese_number(m.group(1)) if m else None for m in marks]
    inside = [False] * len(lines)  # a line within an item that another item of the list follows
    last = None
    for k, n in enumerate(numbers):
        if n is None:
            continue
        if last is not None and n == numbers[last] + 1:
            for x in range(last + 1, k):
                inside[x] = True
        last = k
    paragraphs: list[Paragraph] = []
    target = None
    ended = True
    for k, line in enumerate(lines):
        m = marks[k]
        if m:
            if not paragraphs:
                paragraphs.append(Paragraph(""))
            target = Item(f"（{m.group(1)}）", line[m.end():])
            paragraphs[-1].items.append(target)
        elif target is not None and (inside[k] or not ended):
            target.text += line
        else:
            target = Paragraph(line)
            paragraphs.append(target)
        ended = line[-1] in _ENDS
    return paragraphs


def _name_documents(documents: list[Part]) -> None:
    """One document: id None. Several: the kind of text its title ends with (规范, 细则, 办法 …)."""
    if len(documents) == 1:
        documents[0].id = None
        return
    seen = set()
    for i, d in enumerate(documents):
        kind = d.title[-2:] if len(d.title) >= 2 else f"文件{i + 1}"
        if kind in seen:
            kind = f"{kind}{i + 1}"
        seen.add(kind)
        d.id = kind


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _header(lines: list[str], preamble: list[str], documents: list[Part]) -> Ordinance:
    notes = []
    flat = _squash("".join(lines))
    # 文号: 偃政办〔2023〕6号, or a government decree 德州市人民政府令第6号
    number = issued_by = issued_on = None
    for line in preamble:
        m = _NUMBER.search(line.replace(" ", ""))
        if m:
            number = m.group(0)
            break
    decree = _DECREE.search(flat[:400])
    if decree and number is None:
        number = f"{decree.group(1)}令第{decree.group(2)}号"
        issued_by = decree.group(1)
    date_line = None
    for i, line in enumerate(preamble):
        dm = _DATE.match(line)
        if dm:
            date_line = i
            issued_on = _date(*dm.groups()) if "？" not in line and "?" not in line else None
            if issued_on is None:
                notes.append(f"发布日期“{line}”无法辨认：effective_from 需要人工确定")
            break
    if issued_on is None:
        pm = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日[^，。]*?(?:公布|发布|印发)", flat[:400])
        if pm:
            issued_on = _date(*pm.groups())
    if issued_by is None:
        candidates = []
        if date_line:
            candidates.append(preamble[date_line - 1])
        candidates.extend(preamble)
        for line in candidates:
            im = _ISSUER.match(line.replace(" ", ""))
            if im and "关于" not in line and "印发" not in line:
                issued_by = im.group(1)
                break
    # 标题: the documents' titles; a title only in the notice's 关于印发《…》 otherwise
    titles = [d.title for d in documents if d.title]
    if not titles:
        qm = _QUOTED_TITLE.search(_squash("".join(preamble)))
        if qm:
            titles = [_squash(qm.group(1))]
            if documents:
                documents[0].title = titles[0]
    title = "；".join(titles)
    # 施行、有效期
    effective_from = effective_to = None
    em = re.search(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起施行", flat)
    if em:
        effective_from = _date(*em.groups())
    elif re.search(r"自(?:发布|印发|公布)之日起施行", flat):
        effective_from = issued_on
        if issued_on is None:
            notes.append("自发布（印发、公布）之日起施行，但发布日期不能确定")
    tm = re.search(r"有效期至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", flat)
    if tm:
        effective_to = _date(*tm.groups())
    else:
        ym = re.search(r"有效期\s*([0-9一二三四五六七八九十]+)\s*年", flat)
        if ym and effective_from is not None:
            years = int(ym.group(1)) if ym.group(1).isdigit() else chinese_number(ym.group(1))
            try:
                effective_to = effective_from.replace(year=effective_from.year + years) - timedelta(days=1)
            except ValueError:  # 29 February
                effective_to = date(effective_from.year + years, 2, 28)
    return Ordinance(documents, title, number, issued_by, issued_on, effective_from, effective_to, notes)
