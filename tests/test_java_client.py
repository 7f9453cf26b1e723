"""The Java 17 client (examples/Client.java, the JDK's own HttpClient, run as `java Client.java`)
against the real service: it posts the example case and checks the undertaking and a deadline."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from service_server import running_server

ROOT = Path(__file__).resolve().parents[1]
JAVA = shutil.which("java")


@pytest.fixture(scope="module")
def url():
    with running_server() as base:
        yield base


def run_client(url: str, *checks: str) -> subprocess.CompletedProcess:
    if JAVA is None:
        print("java is not on PATH: the Java client test is skipped")
        pytest.skip("java is not on PATH (install a JDK 17+, e.g. apt-get install openjdk-17-jdk-headless)")
    cmd = [JAVA, str(ROOT / "examples" / "Client.java"), url, str(ROOT / "examples" / "xianzhou-government-sued.json"), *checks]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_java_client_gets_the_undertaking_and_the_answer_deadline(url):
    done = run_client(url, "--expect-unit", "区住房和城乡建设局", "--expect-deadline", "answer=2026-10-13")
    assert done.returncode == 0, done.stderr
    assert "unit\t区住房和城乡建设局\tfunctional_department\tlead\twhole" in done.stdout
    assert "deadline\tanswer\t2026-10-13\t第六十七条" in done.stdout
    assert "xianzhou=sha256:" in done.stdout


def test_java_client_fails_when_the_decision_differs(url):
    done = run_client(url, "--expect-deadline", "answer=2026-10-14")
    assert done.returncode == 1 and "expected deadline answer due 2026-10-14, got 2026-10-13" in done.stderr
