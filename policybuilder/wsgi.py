"""WSGI entry point, served by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybuilder.settings")

application = get_wsgi_application()


def in_one_stack_chunk(call, *args):
    """`call(*args)` in one large chunk of CPython's frame stack, for as long as it runs.

    CPython (3.11 and later) keeps Python frames in chunks of 16 KB and unmaps a chunk as soon
    as the call depth falls back below it. Calls that go up and down across a chunk's edge map
    and unmap it again each time: under gunicorn, a step page's templates did so 168 times a
    request, about 1.3 ms of system time in page faults (bench/README.md). This frame reserves
    a large value stack (below), so CPython gives it a chunk of its own; the frames it calls
    fit in the room behind it, mapped once. gunicorn.conf.py runs each worker's loop in it.
    """
    return call(*args)


# 16,000 slots of 8 bytes: CPython rounds the chunk up to 256 KB, which leaves about 128 KB
# (some 16,000 slots, many times a request's deepest template) for the frames it calls.
in_one_stack_chunk.__code__ = in_one_stack_chunk.__code__.replace(co_stacksize=16_000)
