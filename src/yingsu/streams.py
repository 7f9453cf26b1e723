"""Standard streams and output files of the command line (输出保护): never destroy an input,
never a traceback when standard output fails.

- `refuse_same_file` refuses an output that is the same file as an input (device and inode),
  for named paths and for redirected standard input/output alike (`yingsu batch - f < f`).
- `GuardedOutput` wraps standard output: a full disk or a console that cannot encode a
  character becomes one clear YingsuError; a closed pipe stays a BrokenPipeError, which the
  command line ends quietly with `EXIT_BROKEN_PIPE`.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
from typing import IO, Sequence

from .errors import YingsuError

EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process ended by SIGPIPE

STDIN, STDOUT = "-", "-"


def _identity(name: str, fd: int | None) -> tuple[int, int] | None:
    """(device, inode) of a regular file: `name`, or the file behind `fd` when name is '-'."""
    try:
        st = os.fstat(fd) if name == "-" and fd is not None else os.stat(name)
    except (OSError, ValueError):
        return None  # not there (yet), or no such stream: nothing to overwrite
    if not stat.S_ISREG(st.st_mode):
        return None  # a terminal, pipe or device is not destroyed by writing to it
    return st.st_dev, st.st_ino


def _shown(name: str, stream: str) -> str:
    return f"standard {stream}" if name == "-" else f"'{name}'"


def refuse_same_file(command: str, inputs: Sequence[str], outputs: Sequence[str]) -> None:
    """Raise YingsuError when an output names the same file as an input ('-': the standard
    stream, whatever file the shell redirected it to). Call before opening any output."""
    ins = [(n, _identity(n, 0)) for n in inputs]
    for out in outputs:
        ident = _identity(out, 1)
        if ident is None:
            continue
        for name, other in ins:
            if other == ident:
                raise YingsuError(
                    f"{command}: the output {_shown(out, 'output')} is the same file as the input "
                    f"{_shown(name, 'input')}; writing it would destroy the input"
                )


def quiet_broken_pipe() -> int:
    """After a closed pipe on standard output: point it at /dev/null (so the interpreter's
    last flush cannot fail again) and return the conventional exit status."""
    _silence_stdout()
    return EXIT_BROKEN_PIPE


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def output_error(e: OSError | UnicodeEncodeError, what: str = "standard output") -> YingsuError:
    """One clear line for a failed write to `what`; standard output is silenced so nothing
    more fails at exit."""
    if what == "standard output":
        _silence_stdout()
    if isinstance(e, UnicodeEncodeError):
        ch = e.object[e.start] if isinstance(e.object, str) and e.start < len(e.object) else "?"
        return YingsuError(
            f"{what} uses the encoding {e.encoding}, which cannot show the character {ch!r} "
            f"(U+{ord(ch):04X}); set PYTHONIOENCODING=utf-8 (or PYTHONUTF8=1) and run again"
        )
    return YingsuError(f"cannot write {what}: {e.strerror or e}")


class GuardedOutput:
    """Standard output for the command line: write/flush errors become one-line YingsuErrors
    (BrokenPipeError passes through, to be ended quietly)."""

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream if stream is not None else sys.stdout
        self._buffer = False  # the UTF-8 buffer under the stream: not looked for yet (None: there is none)

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except (OSError, UnicodeEncodeError) as e:
            raise output_error(e) from None

    def write_utf8(self, data: bytes) -> None:
        """Write text given as its UTF-8 bytes: straight to the stream's buffer when the stream
        writes UTF-8 there unchanged (standard output on POSIX, as a rule: no newline translation),
        so a large output is not decoded and encoded again; else decoded and written as text."""
        buffer = self._utf8_buffer()
        if buffer is None:
            self.write(data.decode("utf-8"))
            return
        try:
            self.stream.flush()  # what was written as text comes first
            buffer.write(data)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise output_error(e) from None

    def _utf8_buffer(self):
        found = self._buffer
        if found is False:
            found = None
            buffer, encoding = getattr(self.stream, "buffer", None), getattr(self.stream, "encoding", None)
            if buffer is not None and encoding and os.linesep == "\n":
                try:
                    if codecs.lookup(encoding).name == "utf-8":
                        found = buffer
                except LookupError:
                    pass
            self._buffer = found
        return found

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, UnicodeEncodeError) as e:
            raise output_error(e) from None

    def isatty(self) -> bool:
        return self.stream.isatty()
