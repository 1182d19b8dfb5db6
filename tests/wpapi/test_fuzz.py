"""schemathesis drives the OpenAPI document against a seeded gunicorn site (DEBUG off), once
anonymously and once as an administrator with an application password: no server error, and
every answer conforms to the document (status codes, content types, schemas).

Runs in CI (CI set), with WPAPI_FUZZ=1, or when selected: `python3 run.py test -m fuzz`. Its
budget is time (FUZZ_SECONDS a pass); on a busy machine that sends fewer requests, so more
fuzzing passes (other seeds, both callers in turn) follow until MIN_REQUESTS were sent, within
FUZZ_DEADLINE seconds in all.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.live import live_site

pytestmark = [pytest.mark.live, pytest.mark.fuzz]

FUZZ_SECONDS = int(os.environ.get("WPAPI_FUZZ_SECONDS", "50"))
FUZZ_DEADLINE = 420
MIN_REQUESTS = 2000
SEED = int(os.environ.get("WPAPI_FUZZ_SEED", "20240101"))
# The checks whose premise our document keeps (see wpapi/openapi.py for where WordPress's
# schemas are loose). Left out: positive_data_acceptance (valid-looking IDs of objects that do
# not exist are refused, as WordPress refuses them), negative_data_rejection (WordPress ignores
# unknown parameters and coerces "5" to 5), and the auth checks (every route is public with
# optional credentials).
CHECKS = (
    "not_a_server_error,response_schema_conformance,status_code_conformance,"
    "content_type_conformance"
)
# WordPress's own 501 (rest_trash_not_supported) is documented; every other 5xx is an error.
CONFIG = """
[checks.not_a_server_error]
expected-statuses = ["1XX", "2XX", "3XX", "4XX", "501"]
"""
# Not driven as the administrator: deleting or demoting itself, or revoking its own passwords,
# would leave the rest of the run anonymous (the anonymous pass covers them, and the suite).
ADMIN_EXCLUDED = (
    r"^(DELETE|POST|PUT|PATCH) /wp-json/wp/v2/users/(me|\{id\})$"
    r"|^DELETE /wp-json/wp/v2/users/\{user_id\}/application-passwords"
)
STATUS = re.compile(r"wpapi\.request: (\S+) (\S+) (\d{3}) ")


def schemathesis(
    site, tmp_path: Path, *extra: str, seed: int = SEED, phases: str = "coverage,fuzzing"
) -> str:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(config),
        "run",
        f"{site.url}/openapi.json",
        "--checks",
        CHECKS,
        "--phases",
        phases,
        "--max-time",
        str(FUZZ_SECONDS),
        "--workers",
        "2",
        "--seed",
        str(seed),
        "--no-shrink",
        # its own tests cover it; its free-form bodies crash the generator (a schemathesis bug)
        "--exclude-path",
        "/wp-json/batch/v1",
        *extra,
    ]
    result = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=FUZZ_SECONDS * 6 + 120
    )
    output = result.stdout + result.stderr
    report = tmp_path / f"schemathesis-{len(list(tmp_path.glob('schemathesis-*.txt')))}.txt"
    report.write_text(output)
    assert result.returncode == 0, f"{report}:\n{output[-6000:]}"
    return output


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path):
    with live_site(
        tmp_path,
        workers=2,
        seed=True,
        # long URLs reach the app (gunicorn would answer 414 itself, in HTML)
        gunicorn_args=("--limit-request-line", "0"),
        # schemathesis also sends wrong credentials: no lockout of the administrator
        WP_AUTH_FAILURES_PER_IP="0",
        WP_AUTH_FAILURES_PER_USER="0",
    ) as site:
        deadline = time.monotonic() + FUZZ_DEADLINE
        as_administrator = (
            "--auth",
            f"{site.admin_login}:{site.admin_password}",
            "--exclude-operation-id-regex",
            ADMIN_EXCLUDED,
        )
        schemathesis(site, tmp_path)
        schemathesis(site, tmp_path, *as_administrator)
        extra = 0
        while len(site.log_lines()) < MIN_REQUESTS and time.monotonic() < deadline:
            extra += 1  # a busy machine: more fuzzing, with other seeds
            callers = as_administrator if extra % 2 else ()
            schemathesis(site, tmp_path, *callers, seed=SEED + extra, phases="fuzzing")
        # the administrator stayed one: its own requests were answered as logged in
        status, _, me = site.request("GET", "/wp-json/wp/v2/users/me?context=edit", admin=True)
        assert status == 200
        assert me["roles"] == ["administrator"]
        lines = [STATUS.search(line) for line in site.log_lines()]
    requests = [found.groups() for found in lines if found]
    server_errors = [r for r in requests if r[2].startswith("5") and r[2] != "501"]
    trash_refusals = [r for r in requests if r[2] == "501"]
    assert not server_errors, server_errors[:20]
    assert all(method == "DELETE" for method, _path, _status in trash_refusals)
    logged_in = sum(1 for line in site.log_lines() if " user=0" not in line)
    print(  # noqa: T201 - the figures README records (shown with -s or on failure)
        f"\nschemathesis: {len(requests)} requests, {logged_in} as the administrator, "
        f"{len(server_errors)} server errors, {len(trash_refusals)} 501 trash refusals, "
        f"{extra} extra passes"
    )
    assert len(requests) >= MIN_REQUESTS, (len(requests), f"{extra} extra passes")
    assert logged_in >= MIN_REQUESTS // 4
