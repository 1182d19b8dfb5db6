"""Uploads served by the app with DEBUG off (no S3, no web server in front): validators,
conditional requests, byte ranges, cache lifetime, types and safe paths."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils.http import http_date

from tests.content.test_media_upload import jpeg, png, upload_raw
from tests.helpers import assert_wp_error

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    settings.MEDIA_URL = "/wp-content/uploads/"


@pytest.fixture
def uploaded(api_client, author):
    """A fresh upload's source_url path and its bytes."""
    api_client.force_authenticate(author)
    data = png(800, 600)
    response = upload_raw(api_client, data, "Serve Me.png")
    assert response.status_code == 201, response.content
    api_client.force_authenticate(None)
    return urlsplit(response.json()["source_url"]).path, data, response.json()


@pytest.fixture
def text_file(settings, tmp_path):
    folder = tmp_path / "uploads" / "2024" / "01"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_bytes(b"0123456789abcdefghij")
    return "/wp-content/uploads/2024/01/notes.txt"


def test_a_fresh_upload_and_its_sizes_are_served(api_client, uploaded):
    path, data, body = uploaded
    response = api_client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(len(data))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Content-Disposition" not in response
    medium = urlsplit(body["media_details"]["sizes"]["medium"]["source_url"]).path
    sized = api_client.get(medium)
    assert sized.status_code == 200
    assert sized["Content-Type"] == "image/png"


def test_validators_and_conditional_get(api_client, uploaded):
    path, _data, _body = uploaded
    first = api_client.get(path)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    again = api_client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"]
    assert api_client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert api_client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert api_client.get(path, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    assert_wp_error(api_client.get(path, HTTP_IF_MATCH='"other"'), "rest_precondition_failed", 412)


def test_a_replaced_file_gets_a_new_etag(api_client, settings, text_file):
    first = api_client.get(text_file)
    disk = os.path.join(settings.MEDIA_ROOT, "2024/01/notes.txt")
    with open(disk, "wb") as handle:
        handle.write(b"new content")
    os.utime(disk, ns=(1, 2_000_000_000_000_000_000))
    second = api_client.get(text_file, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert b"".join(second.streaming_content) == b"new content"
    assert second["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    ("header", "content", "content_range"),
    [
        ("bytes=0-3", b"0123", "bytes 0-3/20"),
        ("bytes=10-", b"abcdefghij", "bytes 10-19/20"),
        ("bytes=-5", b"fghij", "bytes 15-19/20"),
        ("bytes=15-99", b"fghij", "bytes 15-19/20"),
        ("bytes=-50", b"0123456789abcdefghij", "bytes 0-19/20"),
    ],
)
def test_byte_ranges(api_client, text_file, header, content, content_range):
    response = api_client.get(text_file, HTTP_RANGE=header)
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == content
    assert response["Content-Range"] == content_range
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Type"] == "text/plain"


@pytest.mark.parametrize("header", ["bytes=20-", "bytes=100-200", "bytes=-0"])
def test_unsatisfiable_range_is_416(api_client, text_file, header):
    response = api_client.get(text_file, HTTP_RANGE=header)
    assert_wp_error(response, "rest_range_not_satisfiable", 416)
    assert response["Content-Range"] == "bytes */20"


@pytest.mark.parametrize("header", ["bytes=5-2", "items=0-3", "bytes=0-1,4-5", "bytes=x-"])
def test_ranges_that_are_not_one_byte_range_get_the_whole_file(api_client, text_file, header):
    response = api_client.get(text_file, HTTP_RANGE=header)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"0123456789abcdefghij"


def test_if_range_applies_the_range_only_to_the_current_file(api_client, text_file):
    etag = api_client.get(text_file)["ETag"]
    assert api_client.get(text_file, HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE=etag).status_code == 206
    stale = api_client.get(text_file, HTTP_RANGE="bytes=0-3", HTTP_IF_RANGE='"old"')
    assert stale.status_code == 200
    assert b"".join(stale.streaming_content) == b"0123456789abcdefghij"


def test_head_has_the_headers_and_no_body(api_client, text_file):
    response = api_client.head(text_file)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == "20"
    assert "ETag" in response


def test_cache_lifetime_comes_from_the_settings(api_client, text_file, settings):
    settings.WP_MEDIA_MAX_AGE = 600
    assert api_client.get(text_file)["Cache-Control"] == "public, max-age=600"
    settings.WP_MEDIA_IMMUTABLE = True
    assert api_client.get(text_file)["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("photo.JPG", jpeg(4, 4), "image/jpeg"),
        ("clip.webm", b"\x1aE\xdf\xa3", "video/webm"),
        ("report.pdf", b"%PDF-1.4", "application/pdf"),
        ("archive.tar.gz", b"\x1f\x8b", "application/x-gzip"),  # as WordPress types it
        ("archive.tar.bz2", b"BZh", "application/x-bzip2"),
        ("data.unknownext", b"??", "application/octet-stream"),
    ],
)
def test_content_type_follows_the_file_name(api_client, settings, name, data, mime):
    folder = os.path.join(settings.MEDIA_ROOT, "2024", "02")
    os.makedirs(folder)
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data)
    response = api_client.get(f"/wp-content/uploads/2024/02/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == mime
    assert "Content-Encoding" not in response


def test_pages_and_svg_are_sandboxed(api_client, settings):
    os.makedirs(settings.MEDIA_ROOT)
    for name in ("page.html", "drawing.svg"):
        with open(os.path.join(settings.MEDIA_ROOT, name), "w") as handle:
            handle.write("<script>fetch('/wp-admin/admin-ajax.php?action=rest-nonce')</script>")
        response = api_client.get(f"/wp-content/uploads/{name}")
        assert response["Content-Security-Policy"] == "sandbox"
    with open(os.path.join(settings.MEDIA_ROOT, "a.png"), "wb") as handle:
        handle.write(png(2, 2))
    assert "Content-Security-Policy" not in api_client.get("/wp-content/uploads/a.png")


@pytest.mark.parametrize(
    "path",
    [
        "/wp-content/uploads/../secret.txt",
        "/wp-content/uploads/2024/../../secret.txt",
        "/wp-content/uploads/%2e%2e/secret.txt",
        "/wp-content/uploads/2024/01/..%2f..%2f..%2fsecret.txt",
        "/wp-content/uploads/..%5csecret.txt",
        "/wp-content/uploads/.hidden",
        "/wp-content/uploads/2024/01/notes.txt%00.png",
        "/wp-content/uploads/linked/secret.txt",
        "/wp-content/uploads/escape.txt",
        "/wp-content/uploads/2024/01",
        "/wp-content/uploads/",
        "/wp-content/uploads/2024/01/missing.txt",
    ],
)
def test_nothing_outside_media_root_and_no_directories(api_client, settings, text_file, path):
    root = os.path.dirname(settings.MEDIA_ROOT)
    with open(os.path.join(root, "secret.txt"), "w") as handle:
        handle.write("secret")
    with open(os.path.join(settings.MEDIA_ROOT, ".hidden"), "w") as handle:
        handle.write("hidden")
    os.symlink(root, os.path.join(settings.MEDIA_ROOT, "linked"))
    os.symlink(os.path.join(root, "secret.txt"), os.path.join(settings.MEDIA_ROOT, "escape.txt"))
    response = api_client.get(path)
    assert_wp_error(response, "rest_no_route", 404)


def test_only_get_and_head(api_client, text_file):
    response = api_client.post(text_file)
    assert_wp_error(response, "rest_no_route", 404)
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.live
def test_run_py_serves_the_uploads_with_debug_off(tmp_path):
    """`python3 run.py` with DEBUG off: a seeded upload's source_url answers with the file."""
    import json
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.live import ROOT, free_port, site_environment

    port = free_port()
    env = site_environment(tmp_path, WPAPI_VENV=str(Path(sys.executable).parent.parent))
    env.pop("SECURE_SSL_REDIRECT")  # run.py itself turns it off for its plain-HTTP server
    server = subprocess.Popen(
        [sys.executable, "run.py", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, "run.py stopped"
            try:
                with urllib.request.urlopen(f"{base}/wp-json/wp/v2/media", timeout=5) as answer:
                    media = json.loads(answer.read())
                break
            except OSError:
                assert time.monotonic() < deadline, "run.py did not answer"
                time.sleep(0.3)
        image = next(item for item in media if item["mime_type"] == "image/png")
        with urllib.request.urlopen(image["source_url"], timeout=10) as answer:
            assert answer.status == 200
            assert answer.headers["Content-Type"] == "image/png"
            assert answer.read().startswith(b"\x89PNG")
    finally:
        server.terminate()
        server.wait(timeout=20)
