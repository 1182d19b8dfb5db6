"""POST /wp/v2/media: raw-body and multipart uploads, sub-sizes, errors and who may upload."""

import hashlib
import io

import pytest
from django.core.files.storage import storages
from PIL import Image

from tests.factories import PostFactory
from tests.helpers import assert_wp_error

MEDIA_URL = "/wp-json/wp/v2/media"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    settings.MEDIA_URL = "/wp-content/uploads/"


def png(width: int, height: int, color=(20, 90, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 10, 10)).save(out, format="JPEG")
    return out.getvalue()


def upload_raw(
    client, data: bytes, filename: str = "photo.png", content_type="image/png", **headers
):
    extra = {"HTTP_CONTENT_DISPOSITION": f'attachment; filename="{filename}"', **headers}
    return client.post(MEDIA_URL, data=data, content_type=content_type, **extra)


def upload_multipart(client, data: bytes, filename: str = "photo.png", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(filename, data, content_type="application/octet-stream")
    return client.post(MEDIA_URL, {"file": upload, **fields}, format="multipart")


def stored(name: str) -> bool:
    return storages["default"].exists(name)


# --- success -------------------------------------------------------------------------------------
def test_raw_body_upload_creates_image_with_sizes(api_client, author):
    api_client.force_authenticate(author)
    response = upload_raw(api_client, png(800, 600), "Holiday Photo.png")
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"].endswith(f"/wp-json/wp/v2/media/{body['id']}")
    assert response["X-WP-Upload-Attachment-ID"] == str(body["id"])
    assert body["type"] == "attachment"
    assert body["status"] == "inherit"
    assert body["media_type"] == "image"
    assert body["mime_type"] == "image/png"
    assert body["title"] == {"raw": "Holiday-Photo", "rendered": "Holiday-Photo"}
    assert body["slug"] == "holiday-photo"
    assert body["author"] == author.pk
    assert body["post"] is None
    details = body["media_details"]
    assert (details["width"], details["height"]) == (800, 600)
    folder = details["file"].rsplit("/", 1)[0]
    assert details["file"].endswith("/Holiday-Photo.png")
    assert list(details["sizes"]) == ["medium", "thumbnail", "medium_large", "full"]
    assert {name: (s["width"], s["height"]) for name, s in details["sizes"].items()} == {
        "medium": (300, 225),
        "thumbnail": (150, 150),
        "medium_large": (768, 576),
        "full": (800, 600),
    }
    assert details["sizes"]["medium"]["file"] == "Holiday-Photo-300x225.png"
    assert details["sizes"]["medium"]["source_url"] == (
        f"http://testserver/wp-content/uploads/{folder}/Holiday-Photo-300x225.png"
    )
    assert "filesize" not in details["sizes"]["full"]
    assert details["image_meta"]["orientation"] == "0"
    assert body["source_url"] == f"http://testserver/wp-content/uploads/{details['file']}"
    assert body["missing_image_sizes"] == []
    for name in (
        "Holiday-Photo.png",
        "Holiday-Photo-300x225.png",
        "Holiday-Photo-150x150.png",
        "Holiday-Photo-768x576.png",
    ):
        assert stored(f"{folder}/{name}")
    with storages["default"].open(f"{folder}/Holiday-Photo-150x150.png") as thumb:
        assert Image.open(thumb).size == (150, 150)


def test_multipart_upload_with_fields(api_client, author):
    post = PostFactory(author=author, status="draft")
    api_client.force_authenticate(author)
    response = upload_multipart(
        api_client,
        png(200, 200),
        "square.png",
        title="A square",
        caption="The caption",
        description="The description",
        alt_text="Alt <b>text</b>",
        post=post.pk,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"]["raw"] == "A square"
    assert body["caption"] == {"raw": "The caption", "rendered": "<p>The caption</p>\n"}
    assert body["description"]["raw"] == "The description"
    assert body["description"]["rendered"].endswith("\n<p>The description</p>\n")
    assert body["alt_text"] == "Alt text"
    assert body["post"] == post.pk
    # a 200x200 image only gets a thumbnail
    assert list(body["media_details"]["sizes"]) == ["thumbnail", "full"]


def test_a_new_attachment_was_last_modified_when_it_is_dated(api_client, author):
    api_client.force_authenticate(author)
    body = upload_multipart(api_client, png(20, 20), "dated.png", date="2022-03-04T05:06:07").json()
    assert (body["date"], body["modified"], body["modified_gmt"]) == (
        "2022-03-04T05:06:07",
        "2022-03-04T05:06:07",
        "2022-03-04T05:06:07",
    )


def test_small_image_gets_no_sizes_and_text_file_only_filesize(api_client, author):
    api_client.force_authenticate(author)
    tiny = upload_raw(api_client, png(100, 80), "tiny.png").json()
    # WordPress synthesises `full` only when there are sub-sizes
    assert tiny["media_details"]["sizes"] == {}
    assert (tiny["media_details"]["width"], tiny["media_details"]["height"]) == (100, 80)
    notes = upload_raw(api_client, b"Some notes.\n", "notes.txt", "text/plain").json()
    assert notes["media_type"] == "file"
    assert notes["mime_type"] == "text/plain"
    assert notes["media_details"] == {"filesize": 12, "sizes": {}}
    assert notes["description"]["rendered"] == (
        f"<p class=\"attachment\"><a href='{notes['source_url']}'>notes</a></p>\n"
    )
    assert notes["caption"]["rendered"] == "<p>notes</p>\n"


def test_same_name_gets_a_unique_file_and_slug(api_client, author):
    api_client.force_authenticate(author)
    first = upload_raw(api_client, png(400, 300), "same.png").json()
    second = upload_raw(api_client, png(400, 300), "same.png").json()
    assert first["media_details"]["file"].endswith("/same.png")
    assert second["media_details"]["file"].endswith("/same-1.png")
    assert second["media_details"]["sizes"]["thumbnail"]["file"] == "same-1-150x150.png"
    assert (first["slug"], second["slug"]) == ("same", "same-1")


def test_file_names_are_sanitized(api_client, author):
    api_client.force_authenticate(author)
    body = upload_raw(api_client, b"text", "my report (final)#1.txt", "text/plain").json()
    assert body["media_details"] == {"filesize": 4, "sizes": {}}
    assert body["source_url"].endswith("/my-report-final1.txt")


def test_mislabelled_image_gets_its_real_extension(api_client, author):
    api_client.force_authenticate(author)
    body = upload_raw(api_client, jpeg(300, 200), "really-a-jpeg.png").json()
    assert body["mime_type"] == "image/jpeg"
    assert body["source_url"].endswith("/really-a-jpeg.jpg")


def test_content_md5_matching_is_accepted(api_client, author):
    api_client.force_authenticate(author)
    data = png(20, 20)
    response = upload_raw(api_client, data, HTTP_CONTENT_MD5=hashlib.md5(data).hexdigest())
    assert response.status_code == 201


def test_filename_star_disposition(api_client, author):
    api_client.force_authenticate(author)
    disposition = "attachment; filename*=UTF-8''hi%20there.txt"
    response = api_client.post(
        MEDIA_URL, data=b"hello", content_type="text/plain", HTTP_CONTENT_DISPOSITION=disposition
    )
    assert response.status_code == 201, response.content
    assert response.json()["source_url"].endswith("/hi-there.txt")


# --- errors --------------------------------------------------------------------------------------
def test_no_data(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.post(
        MEDIA_URL,
        data=b"",
        content_type="image/png",
        HTTP_CONTENT_DISPOSITION="attachment; filename=x.png",
    )
    body = assert_wp_error(response, "rest_upload_no_data", 400)
    assert body["message"] == "No data supplied."


def test_multipart_without_a_file_is_no_data(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.post(MEDIA_URL, {"title": "x"}, format="multipart")
    assert_wp_error(response, "rest_upload_no_data", 400)


def test_no_content_disposition(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.post(MEDIA_URL, data=png(10, 10), content_type="image/png")
    body = assert_wp_error(response, "rest_upload_no_content_disposition", 400)
    assert body["message"] == "No Content-Disposition supplied."


def test_json_body_without_file_has_no_content_disposition(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.post(MEDIA_URL, {"title": "x"}, format="json")
    assert_wp_error(response, "rest_upload_no_content_disposition", 400)


def test_no_content_type(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.generic(
        "POST",
        MEDIA_URL,
        data=png(10, 10),
        content_type="",
        HTTP_CONTENT_DISPOSITION="attachment; filename=x.png",
    )
    body = assert_wp_error(response, "rest_upload_no_content_type", 400)
    assert body["message"] == "No Content-Type supplied."


@pytest.mark.parametrize(
    "disposition", ["attachment", "attachment; name=x.png", 'attachment; filename=""']
)
def test_invalid_disposition(api_client, author, disposition):
    api_client.force_authenticate(author)
    response = api_client.post(
        MEDIA_URL, data=png(10, 10), content_type="image/png", HTTP_CONTENT_DISPOSITION=disposition
    )
    body = assert_wp_error(response, "rest_upload_invalid_disposition", 400)
    assert body["message"].startswith("Invalid Content-Disposition supplied.")


def test_md5_mismatch_raw(api_client, author):
    api_client.force_authenticate(author)
    response = upload_raw(api_client, png(10, 10), HTTP_CONTENT_MD5="0" * 32)
    body = assert_wp_error(response, "rest_upload_hash_mismatch", 412)
    assert body["message"] == "Content hash did not match expected."


def test_md5_mismatch_multipart(api_client, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api_client.force_authenticate(author)
    upload = SimpleUploadedFile("x.png", png(10, 10))
    response = api_client.post(
        MEDIA_URL, {"file": upload}, format="multipart", HTTP_CONTENT_MD5="abc"
    )
    assert_wp_error(response, "rest_upload_hash_mismatch", 412)


def test_disallowed_type_raw_is_sideload_error(api_client, author):
    api_client.force_authenticate(author)
    response = upload_raw(api_client, b"<?php echo 1;", "shell.php", "application/x-php")
    body = assert_wp_error(response, "rest_upload_sideload_error", 415)
    assert body["message"] == "Sorry, you are not allowed to upload this file type."
    assert not storages["default"].exists("shell.php")


def test_disallowed_type_multipart_is_unknown_error(api_client, author):
    api_client.force_authenticate(author)
    response = upload_multipart(api_client, b"MZ\x00\x00", "setup.exe")
    body = assert_wp_error(response, "rest_upload_unknown_error", 415)
    assert body["message"] == "Sorry, you are not allowed to upload this file type."


def test_fake_image_is_refused(api_client, author):
    api_client.force_authenticate(author)
    response = upload_raw(api_client, b"not an image at all", "fake.png")
    assert_wp_error(response, "rest_upload_sideload_error", 415)


def test_empty_multipart_file(api_client, author):
    api_client.force_authenticate(author)
    response = upload_multipart(api_client, b"", "empty.txt")
    body = assert_wp_error(response, "rest_upload_unknown_error", 400)
    assert body["message"].startswith("File is empty.")


def test_html_needs_unfiltered_html(api_client, author, editor):
    api_client.force_authenticate(author)
    response = upload_raw(api_client, b"<p>x</p>", "page.html", "text/html")
    assert_wp_error(response, "rest_upload_sideload_error", 415)
    api_client.force_authenticate(editor)
    assert upload_raw(api_client, b"<p>x</p>", "page.html", "text/html").status_code == 201


# --- permissions ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 201),
        ("editor", 201),
        ("author", 201),
        ("contributor", 403),
        ("subscriber", 403),
    ],
)
def test_upload_needs_upload_files(api_client, user_with_role, role, status):
    api_client.force_authenticate(user_with_role(role))
    response = upload_raw(api_client, png(10, 10))
    if status == 201:
        assert response.status_code == 201
    else:
        # the attachment type's create_posts capability is upload_files: WordPress answers
        # from the posts controller's check, before its own 400 one
        body = assert_wp_error(response, "rest_cannot_create", status)
        assert body["message"] == "Sorry, you are not allowed to create posts as this user."


def test_anonymous_upload_is_401(api_client):
    response = upload_raw(api_client, png(10, 10))
    assert_wp_error(response, "rest_cannot_create", 401)


def test_upload_to_a_post_needs_edit_post(api_client, author, editor):
    others = PostFactory(author=editor, status="publish")
    api_client.force_authenticate(author)
    response = upload_multipart(api_client, png(10, 10), post=others.pk)
    body = assert_wp_error(response, "rest_cannot_edit", 403)
    assert body["message"] == "Sorry, you are not allowed to upload media to this post."
    api_client.force_authenticate(editor)
    assert upload_multipart(api_client, png(10, 10), post=others.pk).status_code == 201


def test_upload_as_another_author_needs_edit_others_posts(api_client, author, editor):
    api_client.force_authenticate(author)
    response = upload_multipart(api_client, png(10, 10), author=editor.pk)
    assert_wp_error(response, "rest_cannot_edit_others", 403)


def test_attaching_to_an_attachment_is_invalid_parent_type(api_client, editor):
    api_client.force_authenticate(editor)
    first = upload_raw(api_client, png(10, 10)).json()
    response = upload_multipart(api_client, png(10, 10), post=first["id"])
    body = assert_wp_error(response, "rest_invalid_param", 400)
    assert body["message"] == "Invalid parent type."


def test_upload_with_id_is_post_exists(api_client, author):
    api_client.force_authenticate(author)
    response = upload_multipart(api_client, png(10, 10), id=5)
    assert_wp_error(response, "rest_post_exists", 400)


def test_author_caption_is_kses_filtered(api_client, author):
    api_client.force_authenticate(author)
    caption = 'Hi<script>alert(1)</script> <a href="#" onclick="x()">a</a>'
    response = upload_multipart(api_client, png(10, 10), caption=caption)
    # wp_filter_post_kses, as for a post's excerpt: tags go, their text stays
    assert response.json()["caption"]["raw"] == 'Hialert(1) <a href="#">a</a>'


def test_multipart_file_in_another_field(api_client, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api_client.force_authenticate(author)
    upload = SimpleUploadedFile("x.png", png(10, 10))
    response = api_client.post(MEDIA_URL, {"upload": upload}, format="multipart")
    body = assert_wp_error(response, "rest_upload_unknown_error", 400)
    assert body["message"] == "Specified file failed upload test."


def test_binary_text_file_is_refused(api_client, author):
    api_client.force_authenticate(author)
    response = upload_multipart(api_client, b"a\x00b\x00c", "bin.txt")
    body = assert_wp_error(response, "rest_upload_unknown_error", 415)
    assert body["message"] == "Sorry, you are not allowed to upload this file type."


def test_big_jpeg_is_scaled_and_sizes_come_from_the_original(api_client, author):
    api_client.force_authenticate(author)
    body = upload_raw(api_client, jpeg(3000, 2000), "big.jpg", "image/jpeg").json()
    details = body["media_details"]
    folder = details["file"].rsplit("/", 1)[0]
    assert details["file"] == f"{folder}/big-scaled.jpg"
    assert (details["width"], details["height"]) == (2560, 1707)
    assert details["original_image"] == "big.jpg"
    assert list(details)[-1] == "original_image"
    assert body["source_url"].endswith("/big-scaled.jpg")
    assert body["title"]["raw"] == "big"
    assert body["guid"]["raw"].endswith("/big.jpg")
    assert {name: (size["width"], size["height"]) for name, size in details["sizes"].items()} == {
        "medium": (300, 200),
        "large": (1024, 683),
        "thumbnail": (150, 150),
        "medium_large": (768, 512),
        "1536x1536": (1536, 1024),
        "2048x2048": (2048, 1365),
        "full": (2560, 1707),
    }
    assert details["sizes"]["large"]["file"] == "big-1024x683.jpg"
    for name in ("big.jpg", "big-scaled.jpg", "big-2048x1365.jpg"):
        assert stored(f"{folder}/{name}")
    # deleting removes the original as well as the scaled copy
    api_client.delete(f"{MEDIA_URL}/{body['id']}?force=true")
    assert not stored(f"{folder}/big.jpg")
    assert not stored(f"{folder}/big-scaled.jpg")


def test_big_png_is_not_scaled(api_client, author):
    api_client.force_authenticate(author)
    details = upload_raw(api_client, png(2600, 100), "wide.png").json()["media_details"]
    assert details["file"].endswith("/wide.png")
    assert "original_image" not in details
    assert details["width"] == 2600


def test_bodies_over_the_upload_limit(api_client, author, settings):
    settings.WP_MAX_UPLOAD_SIZE = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500  # Django's form limit does not apply to files
    api_client.force_authenticate(author)
    assert upload_raw(api_client, b"x" * 900, "ok.txt", "text/plain").status_code == 201
    body = assert_wp_error(
        upload_raw(api_client, b"x" * 1001, "big.txt", "text/plain"),
        "rest_upload_file_too_big",
        400,
    )
    assert body["message"] == "This file is too big. Files must be less than 0 KB in size."
    response = upload_multipart(api_client, b"x" * 1001, "big.txt")
    body = assert_wp_error(response, "rest_upload_unknown_error", 413)
    assert "upload_max_filesize" in body["message"]


# --- odd input never becomes a 500 ---------------------------------------------------------------
def test_long_file_name_is_shortened(api_client, author):
    api_client.force_authenticate(author)
    response = upload_raw(api_client, png(200, 200), "a" * 300 + ".png")
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["media_details"]["file"]) < 200
    assert len(body["slug"]) <= 200
    assert body["media_details"]["sizes"]["thumbnail"]["file"].endswith("-150x150.png")


def test_truncated_image_is_refused_or_stored_without_broken_sizes(api_client, author):
    api_client.force_authenticate(author)
    data = jpeg(800, 600)
    response = upload_raw(api_client, data[: len(data) // 2], "cut.jpg", "image/jpeg")
    assert response.status_code in (201, 415), response.content
    if response.status_code == 415:
        assert response.json()["code"] == "rest_upload_sideload_error"


def test_sixteen_bit_png(api_client, author):
    api_client.force_authenticate(author)
    out = io.BytesIO()
    Image.new("I;16", (400, 300), 1000).save(out, format="PNG")
    response = upload_raw(api_client, out.getvalue(), "deep.png")
    assert response.status_code == 201, response.content


def test_decompression_bomb_is_refused(api_client, author, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    api_client.force_authenticate(author)
    response = upload_raw(api_client, png(200, 200), "bomb.png")
    assert_wp_error(response, "rest_upload_sideload_error", 415)


# --- refused uploads: WordPress's code, a 4xx (the client's fault), nothing left behind ---------
PHP = b"<?php system($_GET['c']); ?>"
REFUSED_FILES = [
    ("php-as-png", b"\x89PNG\r\n\x1a\n" + PHP, "shell.png", "image/png"),
    ("php", PHP, "shell.php", "application/x-php"),
    ("php.png", PHP, "shell.php.png", "image/png"),
    ("htaccess", b"AddType application/x-httpd-php .png", ".htaccess", "text/plain"),
    (
        "svg-with-script",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "x.svg",
        "image/svg+xml",
    ),
    ("html-as-png", b"<html><script>alert(1)</script></html>", "page.png", "image/png"),
    ("empty", b"", "empty.txt", "text/plain"),
]


def nothing_stored(settings) -> bool:
    from pathlib import Path

    from content.models import Post

    root = Path(settings.MEDIA_ROOT)
    files = [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
    return not files and not Post.objects.filter(type="attachment").exists()


@pytest.mark.parametrize("upload", ["raw", "multipart"])
@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [pytest.param(*case[1:], id=case[0]) for case in REFUSED_FILES],
)
def test_refused_uploads_are_client_errors_and_leave_nothing(
    api_client, admin_user, settings, upload, data, filename, content_type
):
    api_client.force_authenticate(admin_user)
    if upload == "raw":
        response = upload_raw(api_client, data, filename, content_type)
        code = "rest_upload_sideload_error" if data else "rest_upload_no_data"
    else:
        response = upload_multipart(api_client, data, filename)
        code = "rest_upload_unknown_error"
    body = assert_wp_error(response, code, 400 if not data else 415)
    assert nothing_stored(settings), body


@pytest.mark.parametrize(
    "body",
    [
        b'--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
        b"garbage without any part",
        b"--XYZ--\r\n",
        b'--XYZ\r\nContent-Disposition: form-data; name="file"\r\n\r\n' + PHP + b"\r\n--XYZ--",
    ],
)
def test_broken_multipart_is_a_client_error(api_client, admin_user, settings, body):
    api_client.force_authenticate(admin_user)
    response = api_client.generic(
        "POST", MEDIA_URL, body, content_type="multipart/form-data; boundary=XYZ"
    )
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["code"].startswith("rest_upload_"), response.content
    assert nothing_stored(settings)


@pytest.mark.parametrize(
    "disposition",
    [
        'attachment; filename="a\x00b.txt"',
        "attachment; filename*=UTF-8''a%00b%FF.txt",
        'attachment; filename="\xff\xfe.txt"',
        'attachment; filename="' + "n" * 5000 + '.txt"',
    ],
)
def test_hostile_file_names_are_cleaned(api_client, admin_user, disposition):
    api_client.force_authenticate(admin_user)
    response = api_client.post(
        MEDIA_URL, data=b"text", content_type="text/plain", HTTP_CONTENT_DISPOSITION=disposition
    )
    assert response.status_code == 201, response.content
    stored_name = response.json()["media_details"].get("file") or response.json()["source_url"]
    assert "\x00" not in stored_name
    assert len(stored_name.rsplit("/", 1)[-1]) < 255


def test_multipart_file_name_with_a_nul_is_cleaned(api_client, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api_client.force_authenticate(admin_user)
    upload = SimpleUploadedFile("a\x00b.txt", b"text", content_type="text/plain")
    response = api_client.post(MEDIA_URL, {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    assert "\x00" not in response.json()["source_url"]


@pytest.mark.parametrize(
    "filename", ["../../etc/passwd", ".png", "noext", "x.png.php", "über naïve.txt"]
)
def test_odd_file_names(api_client, author, filename):
    api_client.force_authenticate(author)
    response = api_client.post(
        MEDIA_URL,
        data=b"text",
        content_type="text/plain",
        HTTP_CONTENT_DISPOSITION=f'attachment; filename="{filename}"',
    )
    assert response.status_code in (201, 415), response.content
    if response.status_code == 201:
        assert "/" not in response.json()["source_url"].rsplit("/uploads/", 1)[1][8:]
    else:
        assert response.json()["code"] == "rest_upload_sideload_error"


def test_accents_are_removed_from_file_names(api_client, author):
    api_client.force_authenticate(author)
    body = upload_raw(api_client, b"hello", "über naïve.txt", "text/plain").json()
    assert body["source_url"].endswith("/uber-naive.txt")
    assert body["title"]["raw"] == "uber-naive"
    assert body["slug"] == "uber-naive"


def test_month_folder_is_in_site_time(db, settings):
    from datetime import UTC, datetime

    from content.media.services import upload_dir

    settings.WP_TIMEZONE = "Pacific/Kiritimati"  # UTC+14
    assert upload_dir(datetime(2024, 1, 31, 12, 0, tzinfo=UTC)) == "2024/02"
    settings.WP_TIMEZONE = "UTC"
    assert upload_dir(datetime(2024, 1, 31, 12, 0, tzinfo=UTC)) == "2024/01"


def test_exif_fields_are_read_like_wordpress(api_client, author):
    from PIL.TiffImagePlugin import IFDRational

    image = Image.new("RGB", (400, 300), (1, 2, 3))
    exif = image.getexif()
    exif[0x0110] = "Pixel 7"
    exif[0x010E] = "Harbour at dawn"
    exif[0x013B] = "Jo Photographer"
    exif[0x0112] = 1
    sub = exif.get_ifd(0x8769)
    sub[0x829D] = IFDRational(18, 10)
    sub[0x829A] = IFDRational(1, 250)
    sub[0x8827] = 100
    sub[0x920A] = IFDRational(415, 100)
    sub[0x9004] = "2015:08:18 15:06:52"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    api_client.force_authenticate(author)
    body = upload_raw(api_client, out.getvalue(), "IMG_0001.jpg", "image/jpeg").json()
    assert body["media_details"]["image_meta"] == {
        "aperture": "1.8",
        "credit": "Jo Photographer",
        "camera": "Pixel 7",
        "caption": "Harbour at dawn",
        "created_timestamp": "1439910412",
        "copyright": "",
        "focal_length": "4.15",
        "iso": "100",
        "shutter_speed": "0.004",
        "title": "Harbour at dawn",
        "orientation": "1",
        "keywords": [],
    }
    # the EXIF title and caption become the attachment's when none is sent
    assert body["title"]["raw"] == "Harbour at dawn"
    assert body["caption"]["raw"] == "Harbour at dawn"
    assert body["slug"] == "harbour-at-dawn"


def test_jpeg_with_exif_orientation_gets_an_upright_rotated_copy(api_client, author):
    image = Image.new("RGB", (400, 200), (5, 5, 5))
    exif = image.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    api_client.force_authenticate(author)
    body = upload_raw(api_client, out.getvalue(), "phone.jpg", "image/jpeg").json()
    details = body["media_details"]
    folder = details["file"].rsplit("/", 1)[0]
    assert details["file"] == f"{folder}/phone-rotated.jpg"
    assert (details["width"], details["height"]) == (200, 400)
    assert details["original_image"] == "phone.jpg"
    assert details["image_meta"]["orientation"] == 1
    assert details["sizes"]["medium"]["file"] == "phone-150x300.jpg"
    assert details["sizes"]["thumbnail"]["file"] == "phone-150x150.jpg"
    with storages["default"].open(f"{folder}/phone-150x300.jpg") as handle:
        assert Image.open(handle).size == (150, 300)
    assert body["source_url"].endswith("/phone-rotated.jpg")


def test_multipart_without_boundary_is_a_raw_body(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.generic(
        "POST", MEDIA_URL, data=b"garbage", content_type="multipart/form-data"
    )
    assert_wp_error(response, "rest_upload_no_content_disposition", 400)
    response = api_client.generic(
        "POST", MEDIA_URL, data=b"garbage", content_type="multipart/form-data; boundary=xyz"
    )
    assert_wp_error(response, "rest_upload_no_data", 400)


def test_upload_through_rest_route_with_query_fields(api_client, author):
    api_client.force_authenticate(author)
    response = api_client.post(
        "/?rest_route=/wp/v2/media&title=From%20query&alt_text=Alt",
        data=png(20, 20),
        content_type="image/png",
        HTTP_CONTENT_DISPOSITION="attachment; filename=q.png",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"]["raw"] == "From query"
    assert body["alt_text"] == "Alt"


def test_wav_metadata_matches_wordpress(api_client, author):
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\x00\x00" * 800)
    api_client.force_authenticate(author)
    body = upload_raw(api_client, out.getvalue(), "tone.wav", "audio/wav").json()
    # as WordPress 6.1 answered for the same file
    assert body["media_details"] == {
        "dataformat": "wav",
        "bitrate_mode": "cbr",
        "wformattag": 1,
        "codec": "Pulse Code Modulation (PCM)",
        "channels": 1,
        "sample_rate": 8000,
        "bitrate": 128000,
        "bits_per_sample": 16,
        "lossless": True,
        "channelmode": "mono",
        "compression_ratio": 1,
        "fileformat": "wav",
        "filesize": 1644,
        "mime_type": "audio/wav",
        "length": 0,
        "length_formatted": "0:00",
        "sizes": {},
    }
    assert body["media_type"] == "file"
    url = body["source_url"]
    assert body["description"]["rendered"].endswith(
        f'<source type="audio/wav" src="{url}?_=1" /><a href="{url}">{url}</a></audio>\n'
    )


def test_other_image_types_are_kept_as_wordpress_keeps_them(api_client, author):
    api_client.force_authenticate(author)
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (9, 9, 9)).save(out, format="BMP")
    bmp = upload_raw(api_client, out.getvalue(), "old.bmp", "image/bmp").json()
    assert bmp["media_type"] == "file"  # not one of wp_attachment_is_image()'s extensions
    assert (bmp["media_details"]["width"], bmp["media_details"]["height"]) == (400, 300)
    assert bmp["media_details"]["sizes"] == {}  # measured, not resized
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (9, 9, 9)).save(out, format="TIFF")
    tiff = upload_raw(api_client, out.getvalue(), "scan.tif", "image/tiff").json()
    assert tiff["media_details"] == {"filesize": len(out.getvalue()), "sizes": {}}
    heic = upload_raw(
        api_client, b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, "p.heic", "image/heic"
    )
    assert heic.status_code == 201, heic.content
    assert heic.json()["mime_type"] == "image/heic"
    assert_wp_error(
        upload_raw(api_client, b"not heic at all", "q.heic", "image/heic"),
        "rest_upload_sideload_error",
        415,
    )


def test_title_and_description_are_kses_filtered_like_a_posts(api_client, author, editor):
    api_client.force_authenticate(author)
    response = upload_multipart(
        api_client,
        png(10, 10),
        title='<strong>Bold</strong><img src="x" onerror="y()">',
        description='<p onclick="x()">text</p><iframe src="https://e.example"></iframe>',
    )
    assert response.json()["title"]["raw"] == "<strong>Bold</strong>"
    assert response.json()["description"]["raw"] == "<p>text</p>"
    api_client.force_authenticate(editor)  # unfiltered_html: kept as written
    response = upload_multipart(api_client, png(10, 10), description='<p onclick="x()">t</p>')
    assert response.json()["description"]["raw"] == '<p onclick="x()">t</p>'
