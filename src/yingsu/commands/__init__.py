"""Commands of the command line that live in their own modules (one module, one command).

Each module has `NAME`, `register(subparsers)` and `run(args, out) -> exit code`; cli.py
registers every module listed here. Heavy imports stay inside `run` (start-up time).
"""
from __future__ import annotations

from . import annotate, diff, new_city, test

MODULES = (test, new_city, diff, annotate)
BY_NAME = {m.NAME: m for m in MODULES}
