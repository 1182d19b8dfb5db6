"""Production settings come from the environment: with DEBUG off HTTPS is required (redirect,
HSTS, secure cookies) unless the environment says otherwise, and `manage.py check --deploy` is
clean with the production environment README documents."""

import json
import re
import secrets
import subprocess
import sys

import pytest

from tests.live import ROOT

README = ROOT / "README.md"
ENV_MARKER = "<!-- production environment -->"


def readme_environment() -> dict[str, str]:
    """The NAME=value lines of the code block after README's production-environment marker."""
    text = README.read_text()
    assert ENV_MARKER in text
    block = re.search(r"```[a-z]*\n(.*?)```", text.split(ENV_MARKER, 1)[1], re.S).group(1)
    env = {}
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def run(env: dict[str, str], tmp_path, *args: str) -> subprocess.CompletedProcess:
    full = {
        "PATH": "/usr/bin:/bin",
        # paths of this machine instead of the documented /var/lib/wpapi
        "WPAPI_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "uploads"),
        **{k: v for k, v in env.items() if k not in ("WPAPI_VAR_DIR", "STATIC_ROOT", "MEDIA_ROOT")},
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=full, capture_output=True, text=True, timeout=120
    )


def settings_under(env: dict[str, str], tmp_path) -> dict:
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import json, wpapi.settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    result = run(env, tmp_path, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_readme_production_environment(tmp_path):
    env = readme_environment()
    assert env["DEBUG"] == "0"
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # README says how to make one
    result = run(env, tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_https_is_turned_off(tmp_path):
    env = {**readme_environment(), "SECRET_KEY": secrets.token_urlsafe(50)}
    env.update(SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0")
    result = run(env, tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012"):
        assert warning in result.stderr


def test_debug_off_means_https_by_default(tmp_path):
    found = settings_under({"DEBUG": "0"}, tmp_path)
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31536000
    assert found["SESSION_COOKIE_SECURE"] is True
    assert found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_PROXY_SSL_HEADER"] is None  # trusted only when configured
    assert found["CSRF_TRUSTED_ORIGINS"] == []


def test_debug_on_means_plain_http_for_development(tmp_path):
    found = settings_under({"DEBUG": "1"}, tmp_path)
    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["CSRF_COOKIE_SECURE"] is False


def test_each_setting_comes_from_its_variable(tmp_path):
    found = settings_under(
        {
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "600",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
            "SECURE_HSTS_PRELOAD": "true",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "no",
            "CSRF_TRUSTED_ORIGINS": "https://admin.example.com, https://editor.example.com",
            "WP_SITE_URL": "https://api.example.com/",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO, https",
        },
        tmp_path,
    )
    assert found == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "CSRF_TRUSTED_ORIGINS": [
            "https://admin.example.com",
            "https://editor.example.com",
            "https://api.example.com",
        ],
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_a_proxy_header_without_a_value_is_refused(tmp_path):
    result = run(
        {"DEBUG": "0", "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO"},
        tmp_path,
        "-c",
        "import wpapi.settings",
    )
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER" in result.stderr


@pytest.mark.django_db
def test_https_is_required_when_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/wp-json/wp/v2/posts?per_page=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/wp-json/wp/v2/posts?per_page=1"
    secure = client.get("/wp-json/wp/v2/posts", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # load balancers probe over plain HTTP
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_behind_a_configured_proxy_forwarded_https_counts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/wp-json/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/wp-json/", HTTP_X_FORWARDED_PROTO="http").status_code == 301
