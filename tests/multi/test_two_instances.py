"""Two instances, one truth: two gunicorn instances with production settings on one
PostgreSQL and one Redis behave as one app (issue 15).

Run with `make test-multi` (part of `make test`), or `pytest -m multi`. The whole module is
bounded by MODULE_BUDGET_SECONDS; the deployment is stopped however it ends.

Adding a check: write another test taking `deployment` (and `consultant`, a client logged in
on A). For a check that needs a background process, such as a task worker, start it with
`deployment.start_process("worker", [PYTHON, "manage.py", ...])`; for settings the instances
need, pass `extra_env` to `Deployment` in the fixture below.

Hooks for the fair-use branch (issue 15, parts 1-4), to add when it is merged:
- a rate limit reached on A holds on B: `repeat(lambda: client.post(f"{a}/...preview/", ...),
  times=N)` until a 429 on A, then one request on B must answer 429 (the limit lives in Redis);
- a task enqueued by A is run by the worker: `deployment.start_process("worker", [PYTHON,
  "manage.py", "db_worker"])` in the fixture (stopped with the rest), an action on A that
  enqueues an e-mail, then `wait_until(...)` for the task's result in the shared database
  (`deployment.manage("shell", "-c", ...)`) with DJANGO_EMAIL_BACKEND set through `extra_env`.
"""

from __future__ import annotations

import io
import signal
import time
import zlib

import pytest
from pypdf import PdfReader

from tests.factories import INTAKE_ANSWERS, image_bytes
from tests.multi.deployment import PYTHON, Client, Deployment, first_match, repeat, wait_until

pytestmark = pytest.mark.multi

MODULE_BUDGET_SECONDS = 300
DEMO_PASSWORD = "demo-pass-123"  # wizard/management/commands/seed_demo.py


class OutOfTime(Exception):
    pass


def _out_of_time(signum, frame):
    raise OutOfTime(f"the two-instance test ran longer than {MODULE_BUDGET_SECONDS} s")


@pytest.fixture(scope="module")
def deployment():
    previous = signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(MODULE_BUDGET_SECONDS)
    try:
        # A low export limit, so the shared counter is reached in a few requests.
        with Deployment(instances=2, extra_env={"DJANGO_RATELIMIT_EXPORT": "4/m"}) as running:
            yield running
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def a(deployment):
    return deployment.apps[0].url


@pytest.fixture(scope="module")
def b(deployment):
    return deployment.apps[1].url


@pytest.fixture(scope="module", autouse=True)
def consultant(deployment, a):
    """The demo consultant, logged in on A before any test runs (so before the lockout)."""
    client = Client()
    response = client.login(a, "consultant", DEMO_PASSWORD)
    assert response.status == 302, deployment.logs()
    return client


def test_the_instances_are_two_processes_on_two_ports(deployment, a, b):
    assert a != b
    pids = {app.process.pid for app in deployment.apps}
    assert len(pids) == 2
    assert all(app.process.poll() is None for app in deployment.apps)


def test_a_login_on_a_is_valid_on_b(deployment, consultant, b):
    # The consultant's start page is the portfolio; anyone logged out is sent to log in.
    response = consultant.get(f"{b}/portfolio/")
    assert response.status == 200, deployment.logs()
    assert "consultant" in response.text
    assert "/accounts/login/" not in response.headers.get("location", "")


def test_an_anonymous_visitor_is_sent_to_log_in_on_b(b):
    response = Client().get(f"{b}/")
    assert response.status == 302
    assert "/accounts/login/" in response.location


@pytest.fixture(scope="module")
def policy_url(deployment, consultant, a, b) -> str:
    """A client organisation with a logo uploaded on A, and a policy of it made on B."""
    consultant.get(f"{a}/organisations/new/")
    response = consultant.post(
        f"{a}/organisations/new/",
        {
            "name": "Klant met logo",
            "policy_language": "nl",
            "brand_colour": "#1f5f8b",
            **INTAKE_ANSWERS,
        },
        # A JPEG named .png: the app goes by the content.
        files={"logo": ("logo.png", image_bytes(size=(300, 100), image_format="JPEG"), "x/y")},
    )
    assert response.status == 302, response.text[-2000:] + deployment.logs()
    # The new organisation is the current one in the session, which B reads too.
    response = consultant.post(f"{b}/policies/new/", {"title": "Beleid", "language": "nl"})
    assert response.status == 302, deployment.logs()
    return first_match(r"/policies/\d+/", response.location)


def test_a_logo_uploaded_on_a_prints_in_a_pdf_made_on_b(deployment, consultant, b, policy_url):
    response = consultant.get(f"{b}{policy_url}export/pdf/")
    assert response.status == 200, deployment.logs()
    assert response.headers["content-type"] == "application/pdf"
    images = PdfReader(io.BytesIO(response.body)).pages[0].images
    assert len(images) == 1
    assert images[0].image.size == (300, 100)
    # Nothing was written to either instance's own disk.
    assert [list(app.media_root.iterdir()) for app in deployment.apps] == [[], []]


def test_the_logo_is_served_by_both_instances_with_its_digest_in_the_url(
    deployment, consultant, a, b, policy_url
):
    resumed = consultant.get(f"{b}{policy_url}")
    assert resumed.status == 302 and resumed.location.startswith("/policies/")
    step_page = consultant.get(f"{b}{resumed.location}")
    logo_url = first_match(r"/organisations/\d+/logo/[0-9a-f]{64}\.png", step_page.text)
    anonymous = Client()
    served = [anonymous.get(f"{base}{logo_url}") for base in (a, b)]
    assert [r.status for r in served] == [200, 200], deployment.logs()
    assert served[0].body == served[1].body
    assert served[0].body.startswith(b"\x89PNG")
    assert served[1].headers["cache-control"] == "public, max-age=31536000, immutable"


def seconds_left_in_rate_window(value: str, period: int) -> int:
    """How long the current fixed window of django-ratelimit's count for a key `value` lasts:
    windows are `period` long and end at an offset per key (django_ratelimit.core, _get_window)."""
    now = int(time.time())
    end = now - now % period + zlib.crc32(value.encode()) % period
    return (end if end >= now else end + period) - now


def test_a_rate_limit_reached_on_a_holds_on_b(deployment, consultant, a, b, policy_url):
    # The counter lives in the shared Redis: the exports on A (and the PDF above on B, if in
    # the same window) count on both instances. It counts in fixed one-minute windows per
    # user: begin with 20 s of one left at least, so that every request below counts in it.
    user = "from django.contrib.auth import get_user_model as U; print(U().objects.get(username='consultant').pk)"  # noqa: E501
    left = seconds_left_in_rate_window(
        deployment.manage("shell", "--no-imports", "-c", user).strip(), 60
    )
    if left < 20:
        time.sleep(left + 1)
    statuses = repeat(lambda: consultant.get(f"{a}{policy_url}export/md/"), times=5)
    # 4 a minute: the fifth export in the window is refused (the fourth, if the PDF counted).
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429, statuses
    assert consultant.get(f"{b}{policy_url}export/md/").status == 429, deployment.logs()


def test_a_task_enqueued_on_a_is_run_by_the_worker(deployment, consultant, a):
    worker = deployment.start_process(
        "worker",
        [PYTHON, "manage.py", "db_worker"],
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    # Submitting Voorbeeld Zorg's draft for review queues its reviewer's notice in the shared
    # database; the worker, another process, sends it.
    draft = "from wizard.models import Policy as P; print(P.objects.filter(organisation__slug='voorbeeld-zorg', status='draft').first().pk)"  # noqa: E501
    pk = deployment.manage("shell", "--no-imports", "-c", draft).strip()
    response = consultant.post(f"{a}/policies/{pk}/submit/", {})
    assert response.status == 302, deployment.logs()
    done = "from django_tasks_db.models import DBTaskResult as R; print(R.objects.filter(status='SUCCESSFUL').count())"  # noqa: E501

    def sent() -> bool:
        return int(deployment.manage("shell", "--no-imports", "-c", done).strip() or 0) > 0

    wait_until(sent, "the worker sends the queued notice", timeout=60, process=worker)


def test_an_axes_lockout_reached_on_a_holds_on_b(deployment, a, b):
    # The lockout also holds for the address (127.0.0.1): every other login happened before.
    attacker = Client()
    statuses = repeat(lambda: attacker.login(a, "reviewer", "wrong-password"), times=5)
    assert statuses[-1] == 429, statuses
    response = Client().login(b, "reviewer", DEMO_PASSWORD)
    assert response.status == 429, deployment.logs()
