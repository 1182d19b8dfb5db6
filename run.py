#!/usr/bin/env python3
"""One command to run wpapi, one to test it; needs nothing but Python 3.11+.

    python3 run.py          # venv + install + migrate + demo content + admin, then serve :8000
    python3 run.py 127.0.0.1:9000   # the same on another address
    python3 run.py test     # venv + install (with test tools), then the whole test suite
    python3 run.py lint     # ruff check and ruff format --check
    python3 run.py bench    # venv + install, then scripts/bench.py (PostgreSQL, wrk)

Extra arguments after `test` go to pytest, after `bench` to scripts/bench.py (`--help`).
Set DATABASE_URL to use PostgreSQL.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("WPAPI_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def installed(extras: str) -> bool:
    """Is the project installed (with these extras) as pyproject.toml is now?"""
    spec = (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    stamp = VENV / f".wpapi-installed-{extras or 'base'}"
    return stamp.exists() and stamp.read_text() == hashlib.sha256(spec).hexdigest()


def install(extras: str) -> None:
    """Create the virtual environment and install the project, once per pyproject change."""
    if not PYTHON.exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    if installed(extras) or (not extras and installed("test")):  # test extras include the base
        return
    spec = (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    stamp = VENV / f".wpapi-installed-{extras or 'base'}"
    digest = hashlib.sha256(spec).hexdigest()
    print("Installing dependencies ...", flush=True)
    sh(PYTHON, "-m", "pip", "install", "-q", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    sh(PYTHON, "-m", "pip", "install", "-q", "-e", target)
    stamp.write_text(digest)


def serve(args: list[str]) -> None:
    install("")
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    # runserver answers each connection in a new thread and never closes that thread's
    # database connection: kept for reuse, they would pile up until PostgreSQL refuses more.
    env.setdefault("DATABASE_CONN_MAX_AGE", "0")
    # the development server speaks plain HTTP, DEBUG on or off (it serves the uploads too)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.setdefault(name, "0")
    manage = [PYTHON, "manage.py"]
    sh(*manage, "migrate", "--noinput", "-v", "0", env=env)
    sh(*manage, "seed_demo", env=env)
    sh(*manage, "ensure_admin", env=env)
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nwpapi answers at http://{address}/wp-json/  (Django admin: /admin/)\n", flush=True)
    os.execve(str(PYTHON), [str(PYTHON), "manage.py", "runserver", "--noreload", address], env)


def test(args: list[str]) -> None:
    install("test")
    env = {**os.environ}
    sh(PYTHON, "-m", "pytest", *args, env=env)


def lint(args: list[str]) -> None:
    install("test")
    sh(BIN / "ruff", "check", ".")
    sh(BIN / "ruff", "format", "--check", ".")


def bench(args: list[str]) -> None:
    install("")
    os.execv(str(PYTHON), [str(PYTHON), str(ROOT / "scripts" / "bench.py"), *args])


def main() -> None:
    command, *rest = sys.argv[1:] or ["serve"]
    commands = {"serve": serve, "test": test, "lint": lint, "bench": bench}
    if command not in commands and (":" in command or command.isdigit()):
        command, rest = "serve", [command, *rest]  # `run.py 127.0.0.1:9000`
    if command not in commands:
        print(__doc__)
        sys.exit(2)
    commands[command](rest)


if __name__ == "__main__":
    main()
