"""`make serve` in small: gunicorn with production settings on loopback serves pages and static
files (whitenoise, hashed names, long cache headers), from a freshly migrated database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STATIC_ROOT = ROOT / "staticfiles"
MANIFEST = STATIC_ROOT / "staticfiles.json"
START_TIMEOUT = 20  # seconds; gunicorn with two workers usually answers in about two


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def collected_static_is_fresh() -> bool:
    """Whether staticfiles/ already holds every file of static/ (collectstatic is the slow part:
    whitenoise compresses every file again on every run)."""
    if not MANIFEST.exists():
        return False
    collected_at = MANIFEST.stat().st_mtime
    sources = [path for path in (ROOT / "static").rglob("*") if path.is_file()]
    return all(path.stat().st_mtime <= collected_at for path in [*sources, ROOT / "pyproject.toml"])


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "policybuilder.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-the-serve-smoke-test-0123456789",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
            "DJANGO_INSECURE_LOCAL_HTTP": "1",
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "BIND": f"127.0.0.1:{port}",
        }
    )

    def manage(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr

    manage("migrate", "--noinput", "--verbosity", "0")
    if not collected_static_is_fresh():
        manage("collectstatic", "--noinput", "--verbosity", "0")

    log = (tmp / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "policybuilder.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, (tmp / "gunicorn.log").read_text()
            try:
                if fetch(f"{base_url}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz in time"
            time.sleep(0.1)
        yield base_url
    finally:
        # SIGINT is gunicorn's quick shutdown; the graceful one (SIGTERM) waits out keep-alives.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_healthz_answers_ok(server):
    status, _headers, body = fetch(f"{server}/healthz")
    assert (status, body) == (200, b"ok")


def test_the_login_page_is_served_with_a_content_security_policy(server):
    status, headers, body = fetch(f"{server}/accounts/login/")
    assert status == 200
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert b'name="csrfmiddlewaretoken"' in body


def test_a_static_file_is_served_by_its_hashed_name_with_long_cache_headers(server):
    hashed = json.loads(MANIFEST.read_text())["paths"]["css/app.css"]
    assert hashed != "css/app.css"
    _status, _headers, login_page = fetch(f"{server}/accounts/login/")
    assert f"/static/{hashed}".encode() in login_page

    status, headers, body = fetch(f"{server}/static/{hashed}", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    assert body


def test_production_errors_show_the_app_page_not_a_debug_page(server):
    status, _headers, body = fetch(f"{server}/no-such-page/")
    assert status == 404
    assert b"Traceback" not in body
    assert b"URLconf" not in body
