"""Attachments' files: copied from an uploads folder (the sizes WordPress made with them, or made
again when missing), or left at their URL on the old site."""

import io
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from django.core.files.storage import storages
from PIL import Image

from content.models import Post
from tests.wpimport.conftest import WXR, run_import

API = "/wp-json/wp/v2"


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def test_files_are_copied_and_missing_sizes_made_again(db, tmp_path, api_client, settings):
    uploads = tmp_path / "wp-content" / "uploads"
    folder = uploads / "2024" / "01"
    folder.mkdir(parents=True)
    (folder / "ref-landscape.png").write_bytes(png(800, 600))
    (folder / "ref-landscape-150x150.png").write_bytes(png(150, 150))  # the only size there
    (folder / "ref-notes.txt").write_text("Reference notes\nline 2\n")
    output = run_import(str(WXR), "--uploads", str(uploads))
    storage = storages["default"]
    assert storage.exists("2024/01/ref-landscape.png")
    assert storage.open("2024/01/ref-landscape-150x150.png").read() == png(150, 150)
    with Image.open(storage.open("2024/01/ref-landscape-300x225.png")) as medium:
        assert medium.size == (300, 225)  # made again from the original
    with Image.open(storage.open("2024/01/ref-landscape-768x576.png")) as large:
        assert large.size == (768, 576)
    assert storage.exists("2024/01/ref-notes.txt")
    # the square image is not in the folder: it stays at its URL, and the report says so
    assert Post.objects.get(pk=52).file.name.startswith("http://127.0.0.1:8084/")
    assert "not in the uploads folder" in output
    body = api_client.get(f"{API}/media/51").json()
    assert body["source_url"] == "http://testserver/wp-content/uploads/2024/01/ref-landscape.png"
    # a second run copies nothing again
    again = run_import(str(WXR), "--uploads", str(uploads))
    assert "files     0 created, 0 updated" in again


def test_without_a_source_for_files_attachments_keep_their_urls(db, api_client):
    run_import(str(WXR))
    body = api_client.get(f"{API}/media/53").json()
    assert body["source_url"] == "http://127.0.0.1:8084/wp-content/uploads/2024/01/ref-notes.txt"
    assert not storages["default"].exists("2024/01/ref-notes.txt")


def test_fetch_media_downloads_files_from_their_urls(db, tmp_path):
    served = tmp_path / "served" / "wp-content" / "uploads" / "2024" / "01"
    served.mkdir(parents=True)
    (served / "ref-landscape.png").write_bytes(png(800, 600))
    (served / "ref-landscape-300x225.png").write_bytes(png(300, 225))
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "served"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        moved = tmp_path / "moved.xml"
        site = f"http://127.0.0.1:{server.server_address[1]}"
        moved.write_text(WXR.read_text().replace("http://127.0.0.1:8084", site))
        output = run_import(str(moved), "--fetch-media")
    finally:
        server.shutdown()
        server.server_close()
    storage = storages["default"]
    assert storage.open("2024/01/ref-landscape-300x225.png").read() == png(300, 225)
    with Image.open(storage.open("2024/01/ref-landscape-150x150.png")) as thumbnail:
        assert thumbnail.size == (150, 150)  # not served: made from the original
    assert Post.objects.get(pk=51).file.name == "2024/01/ref-landscape.png"
    assert "fetch: the original could not be had; it keeps its URL" in output  # the square
    assert Post.objects.get(pk=52).file.name == f"{site}/wp-content/uploads/2024/01/ref-square.png"
