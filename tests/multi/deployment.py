"""A throwaway deployment of two app instances on loopback, for tests/multi.

`Deployment` starts, in a temporary folder: one PostgreSQL 15 cluster and one Redis (no
persistence), each on a free loopback port; migrates and seeds the database once; and runs two
gunicorn instances with production settings (DJANGO_DEBUG=0) on two more ports, sharing only
what a real deployment shares: the database, Redis and the secret key. Each instance gets its
own empty DJANGO_MEDIA_ROOT, so nothing can pass between them through a local disk.

Everything it starts is stopped again (process groups: SIGTERM, then SIGKILL) and the folder is
removed, also when a step fails; every wait is bounded. `start_process` runs any further
process against the same services (a task worker, say) under the same rules; `manage` runs a
management command against the shared database.

`Client` is a small HTTP client on urllib with one cookie jar (cookies are not per port, so
like a browser behind a load balancer it sends the same session to either instance); it
never follows redirects, so every answer can be checked.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import redis

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
START_TIMEOUT = 60  # seconds for any one service to answer
STOP_TIMEOUT = 20
HTTP_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, timeout: float = START_TIMEOUT, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process ended with {process.returncode}")
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise TimeoutError(f"{what}: no answer within {timeout} s")


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM to the process group, SIGKILL after STOP_TIMEOUT; reaps it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT)


def static_files_stale() -> bool:
    """Whether collectstatic must run: it compresses every file (a minute on a busy machine),
    so its output in staticfiles/ is reused while nothing in static/ is newer."""
    manifest = BASE_DIR / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(path.stat().st_mtime > built for path in (BASE_DIR / "static").rglob("*"))


@dataclass
class Instance:
    name: str
    url: str
    media_root: Path
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""


@dataclass
class Deployment:
    """Use as a context manager; see the module docstring."""

    instances: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)

    def __enter__(self) -> Deployment:
        self._stack = contextlib.ExitStack()
        self._stack.__enter__()
        try:
            self.tmp = Path(tempfile.mkdtemp(prefix="policybuilder-multi."))
            self._stack.callback(shutil.rmtree, self.tmp, True)
            self.database_url = self._start_postgres()
            self.redis_url = self._start_redis()
            self.env = self._base_env()
            self.manage("migrate", "--noinput", "--verbosity", "0")
            if static_files_stale():
                self.manage("collectstatic", "--noinput", "--verbosity", "0")
            self.manage("seed_demo")
            self.apps = [self._start_instance(chr(ord("A") + n)) for n in range(self.instances)]
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._stack.__exit__(*exc_info)

    # --- Services ---------------------------------------------------------------------

    def _as_postgres(self, command: str) -> list[str]:
        if os.getuid() == 0:
            return ["su", "postgres", "-s", "/bin/bash", "-c", command]
        return ["bash", "-c", command]

    def _start_postgres(self) -> str:
        if not (PGBIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL 15 not found in {PGBIN}: apt-get install postgresql-15")
        folder = self.tmp / "pg"
        folder.mkdir()
        if os.getuid() == 0:
            shutil.chown(self.tmp, "postgres")
            shutil.chown(folder, "postgres")
        data, port = folder / "data", free_port()
        subprocess.run(
            self._as_postgres(
                f"{PGBIN}/initdb -D {shlex.quote(str(data))} -U postgres --auth=trust -E UTF8 "
                "--locale=C.UTF-8 --no-sync"
            ),
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = f"{PGBIN}/pg_ctl -D {shlex.quote(str(data))}"
        self._stack.callback(
            subprocess.run,
            self._as_postgres(f"{pg_ctl} -m fast -w stop"),
            capture_output=True,
            timeout=STOP_TIMEOUT + 10,
        )
        subprocess.run(
            self._as_postgres(f"{pg_ctl} -l {folder}/log -o {shlex.quote(options)} -w start"),
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT,
        )
        return f"postgres://postgres@127.0.0.1:{port}/postgres"

    def _start_redis(self) -> str:
        port = free_port()
        folder = self.tmp / "redis"
        folder.mkdir()
        process = self._popen(
            "redis",
            [
                REDIS_SERVER,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(folder),
            ],
            env=None,
        )
        wait_until(lambda: redis.Redis(port=port).ping(), "Redis", process=process)
        return f"redis://127.0.0.1:{port}/0"

    def _base_env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_", "REDIS_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "policybuilder.settings",
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DJANGO_SITE_URL": "http://127.0.0.1",
                "DJANGO_INSECURE_LOCAL_HTTP": "1",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                # The demo consultant logs in with a password only (two-step login is
                # tested in tests/accounts).
                "DJANGO_REQUIRE_MFA_FOR_STAFF_ROLES": "0",
                "DJANGO_MEDIA_ROOT": str(self.tmp / "media-shared-by-no-one"),
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "GUNICORN_WORKERS": "1",
                "GUNICORN_ACCESS_LOG": "-",
            }
        )
        env.update(self.extra_env)
        return env

    def _popen(self, name: str, argv: list[str], env: dict | None) -> subprocess.Popen:
        log = self.tmp / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv,
                cwd=BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self._stack.callback(stop_process, process)
        return process

    def start_process(self, name: str, argv: list[str], **env: str) -> subprocess.Popen:
        """Run another process (a task worker, say) against the shared services until the
        deployment stops; its output goes to <tmp>/<name>.log."""
        return self._popen(name, argv, {**self.env, **env})

    def manage(self, *args: str) -> str:
        """A management command against the shared database; its output."""
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def _start_instance(self, name: str) -> Instance:
        port = free_port()
        media_root = self.tmp / f"media-{name}"
        media_root.mkdir()
        env = {**self.env, "BIND": f"127.0.0.1:{port}", "DJANGO_MEDIA_ROOT": str(media_root)}
        argv = [PYTHON, "-m", "gunicorn", "policybuilder.wsgi", "-c", "gunicorn.conf.py"]
        process = self._popen(f"gunicorn-{name}", argv, env)
        url = f"http://127.0.0.1:{port}"
        wait_until(
            lambda: urllib.request.urlopen(f"{url}/healthz", timeout=2).status == 200,
            f"gunicorn {name}",
            process=process,
        )
        return Instance(name, url, media_root, process, self.tmp / f"gunicorn-{name}.log")

    def logs(self) -> str:
        return "\n\n".join(f"--- gunicorn {app.name}\n{app.log_tail()}" for app in self.apps)


# --- HTTP ---------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Client:
    """One browser: a cookie jar used against any instance; no redirects followed."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def request(self, method: str, url: str, data: bytes | None = None, headers=None):
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=HTTP_TIMEOUT) as response:
                return Response(
                    response.status,
                    {k.lower(): v for k, v in response.headers.items()},
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            return Response(
                error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
            )

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def post(self, url: str, fields: dict[str, str], files: dict | None = None) -> Response:
        """A form POST with the CSRF token from the cookie; files as {name: (filename, bytes,
        content type)} make it multipart."""
        fields = {"csrfmiddlewaretoken": self.cookie("csrftoken"), **fields}
        if not files:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content, file_type) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {file_type}\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            parts.append(f"--{boundary}--\r\n".encode())
            body = b"".join(parts)
            content_type = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", url, body, {"Content-Type": content_type})

    def login(self, base_url: str, username: str, password: str) -> Response:
        self.get(f"{base_url}/accounts/login/")  # sets the CSRF cookie
        return self.post(f"{base_url}/accounts/login/", {"login": username, "password": password})


def repeat(send, *, times: int) -> list[int]:
    """Send the same request `times` times (a login, a preview...); the statuses, in order.
    For lockouts and rate limits: reach the limit on one instance, then try the other."""
    return [send().status for _ in range(times)]


def first_match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not found"
    return found.group(0)
