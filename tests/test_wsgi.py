"""The WSGI entry point, and gunicorn's workers serving from one chunk of CPython's frame stack."""

from __future__ import annotations

import io
import resource
import runpy
from pathlib import Path

import pytest
from django.core.signals import request_started
from django.db import close_old_connections

from policybuilder.wsgi import application, in_one_stack_chunk

REPEATS = 100


def _down(depth: int) -> int:
    return _down(depth - 1) + 1 if depth else 0


def _up_and_down(depth: int) -> None:
    for _ in range(REPEATS):
        _down(depth)


def _faults(call, *args) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call(*args)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def _worst(call) -> int:
    """The most page faults of going `REPEATS` times up and down to any depth below 200: at
    some depth the calls cross the edge of a stack chunk each time."""
    return max(call(depth) for depth in range(1, 200))


def test_calls_that_cross_a_stack_chunk_edge_fault_each_time_without_it():
    # The measure is sensitive: somewhere below a depth of 200 the edge is crossed.
    assert _worst(lambda depth: _faults(_up_and_down, depth)) >= REPEATS


def test_in_one_stack_chunk_the_same_calls_map_nothing_more():
    assert _worst(lambda depth: _faults(in_one_stack_chunk, _up_and_down, depth)) < REPEATS // 10


def test_a_gunicorn_worker_runs_its_loop_in_one_stack_chunk():
    config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))

    class Worker:
        def run(self):
            self.faults = _worst(lambda depth: _faults(_up_and_down, depth))
            return "stopped"

    worker = Worker()
    config["post_worker_init"](worker)
    assert worker.run() == "stopped"
    assert worker.faults < REPEATS // 10


def test_in_one_stack_chunk_returns_what_the_call_returns():
    assert in_one_stack_chunk(divmod, 7, 2) == (3, 1)
    with pytest.raises(ZeroDivisionError):
        in_one_stack_chunk(divmod, 1, 0)


@pytest.mark.django_db
def test_the_application_serves_django():
    # As Django's test client does: the test's transaction keeps its connection.
    request_started.disconnect(close_old_connections)
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"] = status

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/healthz",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
    }
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
    assert (answered["status"], body) == ("200 OK", b"ok")
