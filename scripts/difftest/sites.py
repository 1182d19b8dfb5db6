"""The two deployments: resetting each to an empty site, and (for wpapi) serving it.

* WordPress is reset by the reference scripts (/work/shared/wordpress: drop and recreate its
  database, wipe its uploads, reinstall keeping the admin's application password: what
  `seed.sh` does, without seeding), or with `--wp-reset api`, only through the REST API (every
  object deleted by the seed step; for a site whose scripts you do not have).
* wpapi gets a fresh database (PostgreSQL: dropped and created again; SQLite: a new file),
  `migrate`, `ensure_admin`, an application password from `manage.py application_password`,
  and is served by gunicorn with several worker processes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from .client import send

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ADMIN_APP_NAME = "ref-harness"  # the name the reference scripts give the admin's password

WP_RESET = r"""
set -euo pipefail
source "$WP_SCRIPTS/lib/common.sh"
if [ ! -f "/etc/wordpress/config-${WP_SITE}.php" ]; then
  echo "no WordPress on port $WP_PORT" >&2; exit 1
fi
mariadb -uroot <<SQL
DROP DATABASE IF EXISTS \`${WP_DB}\`;
CREATE DATABASE \`${WP_DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
GRANT ALL PRIVILEGES ON \`${WP_DB}\`.* TO '${WP_DB_USER}'@'localhost';
SQL
rm -rf "$WP_CONTENT/uploads"
install -d -o www-data -g www-data "$WP_CONTENT/uploads"
run_install >&2
curl -s -o /dev/null "${WP_URL}/wp-json/" || true
echo "$APP_PW_FILE"
"""


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if send(base, "GET", "/wp-json/").status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{base} does not answer /wp-json/")
        time.sleep(0.3)


class WordPressSite:
    label = "wordpress"

    def __init__(
        self,
        base: str,
        *,
        scripts: Path | None,
        reset_mode: str = "script",
        admin: str = "admin",
        password: str | None = None,
    ) -> None:
        self.base = base.rstrip("/")
        self.scripts = scripts
        self.reset_mode = reset_mode
        self.admin = admin
        self.password = password
        self.port = urllib.parse.urlsplit(self.base).port or 80

    def describe(self) -> str:
        return f"WordPress at {self.base} (reset: {self.reset_mode})"

    def reset(self) -> str:
        """Empty the site; returns the admin's application password."""
        if self.reset_mode == "script":
            if self.port == 8081 and not os.environ.get("DIFFTEST_ALLOW_8081"):
                raise SystemExit(
                    "refusing to reset the shared reference WordPress on 8081: make your own "
                    "(WP_PORT=8083 WP_DB=wp_diff WP_SEED=0 wordpress/up.sh)"
                )
            if self.scripts is None or not (self.scripts / "lib" / "common.sh").exists():
                raise SystemExit(f"no WordPress scripts in {self.scripts}: use --wp-reset api")
            env = {**os.environ, "WP_PORT": str(self.port), "WP_SCRIPTS": str(self.scripts)}
            result = subprocess.run(
                ["bash", "-c", WP_RESET], env=env, capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                raise RuntimeError(f"WordPress reset failed:\n{result.stderr}")
            self.password = Path(result.stdout.strip().splitlines()[-1]).read_text().strip()
        if not self.password:
            raise SystemExit("the WordPress admin's application password is needed (--wp-password)")
        wait_until_up(self.base)
        return self.password

    def stop(self) -> None:
        """The WordPress site is not ours to stop."""


class WpapiSite:
    label = "wpapi"

    def __init__(
        self,
        *,
        port: int,
        database: str,
        work_dir: Path,
        workers: int = 3,
        threads: int = 2,
    ) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.database = database
        self.work_dir = work_dir
        self.workers = workers
        self.threads = threads
        self.process: subprocess.Popen[bytes] | None = None
        venv = Path(os.environ.get("WPAPI_VENV", ROOT / ".venv"))
        self.bin = venv / ("Scripts" if os.name == "nt" else "bin")

    def describe(self) -> str:
        db = "SQLite" if self.database == "sqlite" else self.database
        return (
            f"wpapi at {self.base} (gunicorn gthread, {self.workers} workers x {self.threads} "
            f"threads; database {db})"
        )

    @property
    def var_dir(self) -> Path:
        return self.work_dir / "wpapi-var"

    def env(self) -> dict[str, str]:
        database = self.database
        if database == "sqlite":
            database = f"sqlite:///{self.var_dir / 'wpapi.sqlite3'}"
        return {
            **os.environ,
            "DATABASE_URL": database,
            "WPAPI_VAR_DIR": str(self.var_dir),
            "DJANGO_SETTINGS_MODULE": "difftest_settings",
            "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
            "DEBUG": "0",
            "SECRET_KEY": "wpapi-difftest-not-a-secret",
            "WP_SITE_URL": self.base,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
            "WP_RESPONSE_CACHE_SECONDS": "0",
        }

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [str(self.bin / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def install(self) -> None:
        """The project's own virtual environment, as run.py makes it."""
        if (self.bin / "gunicorn").exists():
            return
        subprocess.run([sys.executable, "-c", "import run; run.install('')"], cwd=ROOT, check=True)

    def fresh_database(self) -> None:
        if self.database == "sqlite":
            return  # the var folder, file included, is new
        parts = urllib.parse.urlsplit(self.database)
        name = parts.path.lstrip("/")
        if not name:
            raise SystemExit(f"no database name in {self.database}")
        maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        code = (
            "import sys, psycopg\n"
            "with psycopg.connect(sys.argv[1], autocommit=True) as c:\n"
            "    c.execute('DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)' % sys.argv[2])\n"
            "    c.execute('CREATE DATABASE \"%s\"' % sys.argv[2])\n"
        )
        subprocess.run(
            [str(self.bin / "python"), "-c", code, maintenance, name], check=True, cwd=ROOT
        )

    def reset(self) -> str:
        self.stop()
        self.install()
        if self.var_dir.exists():
            shutil.rmtree(self.var_dir)
        self.var_dir.mkdir(parents=True)
        self.fresh_database()
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("ensure_admin")
        password = self.manage("application_password", "create", "admin", "--name", ADMIN_APP_NAME)
        self.start()
        return password.strip().replace(" ", "")

    def start(self) -> None:
        log = open(self.var_dir / "gunicorn.log", "ab")  # noqa: SIM115 (kept open by the server)
        command = [
            str(self.bin / "gunicorn"),
            "wpapi.wsgi",
            "-k",
            "gthread",
            "-w",
            str(self.workers),
            "--threads",
            str(self.threads),
            "-b",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "120",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env(), stdout=log, stderr=log, start_new_session=True
        )
        try:
            wait_until_up(self.base)
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
