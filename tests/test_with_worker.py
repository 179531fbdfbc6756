"""scripts/with-worker.sh (`make run`, `make serve`): the web server and the task worker start
together and stop together, on Ctrl+C, on SIGTERM, or when either ends."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "with-worker.sh"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[1][0] != "Z"


@pytest.fixture
def started(tmp_path):
    """The script with a stand-in for python (writes its pid, sleeps) and a sleeping 'server'."""
    fake_python = tmp_path / "python"
    fake_python.write_text(f"#!/bin/sh\necho $$ > {tmp_path}/worker.pid\nexec sleep 300\n")
    fake_python.chmod(0o755)
    server = f"echo $$ > {tmp_path}/server.pid; exec sleep 300"
    process = subprocess.Popen(
        ["bash", str(SCRIPT), "sh", "-c", server],
        env={**os.environ, "PY": str(fake_python)},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while not all((tmp_path / f"{name}.pid").exists() for name in ("worker", "server")):
        assert time.monotonic() < deadline, "the script did not start both"
        time.sleep(0.05)
    time.sleep(0.2)  # the pid files are written before the traps could matter; let bash settle
    pids = {name: int((tmp_path / f"{name}.pid").read_text()) for name in ("worker", "server")}
    yield process, pids
    if process.poll() is None:
        process.terminate()
    process.wait(timeout=10)
    for pid in pids.values():
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def wait_gone(process, pids) -> None:
    process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in pids.values()):
        assert time.monotonic() < deadline, "a child outlived the script"
        time.sleep(0.05)


def test_both_run(started):
    process, pids = started
    assert process.poll() is None
    assert all(alive(pid) for pid in pids.values())


def test_ctrl_c_stops_both(started):
    process, pids = started
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does on Ctrl+C
    wait_gone(process, pids)


def test_sigterm_to_the_script_stops_both(started):
    process, pids = started
    process.terminate()
    wait_gone(process, pids)


def test_a_worker_that_dies_takes_the_server_down(started):
    process, pids = started
    os.kill(pids["worker"], signal.SIGKILL)
    wait_gone(process, pids)
