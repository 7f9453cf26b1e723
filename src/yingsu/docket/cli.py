"""What `yingsu docket` needs beyond the library: the text report streamed, the same-file guard."""
from __future__ import annotations

import codecs
import tempfile
from datetime import date
from typing import Sequence, TextIO

from ..errors import YingsuError
from .evaluate import DocketRun, Progress, run_docket
from .models import DocketEntry
from .report import ReportTexts, case_lines, report_lines, run_view


def same_file_guard(source: str, output: str) -> None:
    """Refuse an output that is the input file (same device and inode): yingsu.streams'
    one guard, shared with yingsu batch."""
    from ..streams import refuse_same_file

    refuse_same_file("docket", [source], [output])


def write_text(entries: Sequence[DocketEntry], out: TextIO, *, today: date, source: str | None = None,
               progress: Progress | None = None) -> DocketRun:
    """Decide the docket and write the text report; each case's section is spooled to a temporary
    file while deciding (it comes last in the report), so no decision is held."""
    labels = ReportTexts()
    with tempfile.TemporaryFile("w+b") as spool:  # UTF-8: copied to `out` as bytes when it takes them
        held: list[str] = []  # the sections' lines, written a few thousand at a time (one encode and write each)

        def spill() -> None:
            if held:
                spool.write(("\n".join(held) + "\n").encode("utf-8"))
                held.clear()

        def on_case(dc) -> None:
            held.extend(case_lines(dc, today, labels))
            if len(held) > 4096:
                spill()

        run = run_docket(entries, today=today, on_case=on_case, progress=progress)
        spill()
        for line in report_lines(run_view(run), source, labels):
            out.write(line + "\n")
        if run.count:
            out.write("\n三、逐案情况\n")
            raw = getattr(out, "write_utf8", None)  # yingsu.streams.GuardedOutput: no decoding and encoding again
            text = codecs.getincrementaldecoder("utf-8")()  # else: a chunk may end inside a character
            spool.seek(0)
            while chunk := spool.read(1 << 20):
                if raw is not None:
                    raw(chunk)
                else:
                    out.write(text.decode(chunk))
            if raw is None:
                out.write(text.decode(b"", final=True))
    return run
