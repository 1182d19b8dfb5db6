"""A real wpapi site for the tests that need several processes: a scratch SQLite file, an
administrator with an application password, and gunicorn serving it on a free port of
8500-8509, with DEBUG off as in production. Its log (the request lines included) is kept."""

import base64
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8500, 8510)


@dataclass
class LiveSite:
    url: str
    admin_login: str
    admin_password: str
    log: Path

    def auth_header(self) -> str:
        token = f"{self.admin_login}:{self.admin_password}".encode()
        return "Basic " + base64.b64encode(token).decode()

    def request(
        self, method: str, path: str, body: Any = None, admin: bool = False
    ) -> tuple[int, dict[str, str], Any]:
        """(status, headers, JSON body) of one request on a new connection."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if admin:
            request.add_header("Authorization", self.auth_header())
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, headers, raw = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, raw = error.code, dict(error.headers), error.read()
        return status, headers, json.loads(raw) if raw else None

    def log_lines(self, logger: str = "wpapi.request") -> list[str]:
        return [line for line in self.log.read_text().splitlines() if f" {logger}: " in line]


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8500-8509")


def site_environment(var_dir: Path, **extra: str) -> dict[str, str]:
    """A production-like environment (DEBUG off, a real SECRET_KEY) over plain HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "WPAPI_VAR_DIR": str(var_dir),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",  # the tests speak plain HTTP to loopback
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@contextmanager
def live_site(
    var_dir: Path,
    *,
    workers: int = 3,
    seed: bool = False,
    gunicorn_args: tuple[str, ...] = (),
    **extra_env: str,
) -> Iterator[LiveSite]:
    env = site_environment(var_dir, **extra_env)
    manage(env, "migrate", "--noinput", "-v", "0")
    if seed:
        manage(env, "seed_demo")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16)},
        "createsuperuser",
        "--noinput",
        "--username",
        "operator",  # the demo content has an "admin" of its own
        "--email",
        "operator@example.com",
    )
    password = manage(env, "application_password", "create", "operator").strip()
    port = free_port()
    log = var_dir / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "wpapi.wsgi",
                "-k",
                "sync",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                *gunicorn_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    site = LiveSite(f"http://127.0.0.1:{port}", "operator", password, log)
    try:
        _wait_until_healthy(site, server)
        yield site
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_healthy(site: LiveSite, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped:\n" + site.log.read_text()[-3000:])
        try:
            if site.request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz:\n" + site.log.read_text()[-3000:])
