"""Gunicorn settings for Policy Builder (`make serve`, `make bench`; see docs/deploy.md).

Every value can be overridden from the environment. Measured on a 2-core machine with
`make bench`: the reasons for each choice are in the comments.
"""

from __future__ import annotations

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")

# One worker per core, one request at a time each. The app is CPU-bound Python (templates,
# forms, WeasyPrint layout holds the GIL), so threads add GIL hand-offs, not throughput.
# Measured with `make bench` on 2 cores: a wizard step costs 31 ms of CPU per request on sync
# workers against 37-41 ms on gthread (2 or 4 threads), with a lower p99 both alone and with two
# users re-measuring their page meter at the same time; peak RSS per worker 88 MB against
# 96 MB (2 threads) and 110 MB (4 threads). Sync workers want a buffering proxy (nginx) in
# front of them in production; GUNICORN_WORKER_CLASS=gthread GUNICORN_THREADS=4 is the choice
# when clients reach gunicorn directly. (gunicorn switches sync to gthread if threads > 1.)
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# Load Django, the URLconf and WeasyPrint once in the master, before forking: workers start
# in milliseconds and share those pages until they write to them. Measured after 10 step
# pages, 10 page-meter updates and 10 PDFs per worker: 85 MB RSS / 63 MB PSS per worker with
# preload against 92 MB / 74 MB without (the master holds 81 MB, most of it shared).
preload_app = True

# Recycle workers now and then so slow leaks (fontconfig, Pango caches) cannot grow forever;
# the jitter keeps both workers from restarting at the same moment. Thanks to preload_app a
# new worker is a fork (milliseconds), but its first PDF or page meter parses the print
# stylesheet and fonts again (about 0.1-0.2 s), so not too often.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "1000"))

# A PDF is bounded to one page and its layout to POLICY_RENDER_TIMEOUT_SECONDS (10 s), so a
# request that takes 30 s is stuck: kill it. On restart, finish requests for up to 20 s.
# keepalive only matters for gthread workers (sync workers close after each response).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Access log off by default (the proxy in front logs requests); "-" sends it to stdout.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No runtime control socket: its default path is shared by every gunicorn of the user, and
# nothing here needs it.
control_socket_disable = True


def post_worker_init(worker) -> None:
    """Serve from one large chunk of CPython's frame stack (policybuilder/wsgi.py): a worker
    otherwise maps and unmaps a 16 KB chunk each time a page's templates cross its edge (168
    times for a step page). A threaded worker's requests run in their own threads, which this
    does not change."""
    from policybuilder.wsgi import in_one_stack_chunk

    run = worker.run
    worker.run = lambda: in_one_stack_chunk(run)


def when_ready(server) -> None:
    """Import every view (and so WeasyPrint) and compile our templates in the master, so
    workers, and each recycled one, inherit them ready instead of compiling them again."""
    if not server.cfg.preload_app:
        return  # Django is not set up in the master then
    from pathlib import Path

    from django.conf import settings
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing the URLconf is the point
    templates = Path(settings.BASE_DIR) / "templates"
    for path in sorted(templates.rglob("*")):
        if path.suffix in {".html", ".txt"}:
            get_template(path.relative_to(templates).as_posix())
    # (WeasyPrint's parsed stylesheet and fonts stay per worker: they hold Fontconfig and
    # Pango state in C, which is not safe to share across a fork.)
    # Nothing above should touch the database; make sure no connection crosses the fork.
    connections.close_all()
