"""POST/PUT/PATCH and DELETE /wp/v2/media/<id>: updates, per-role permissions, and permanent
deletion (media trash is off in WordPress, so only force=true deletes) removing every file."""

import pytest
from django.core.files.storage import storages

from content.models import Post
from tests.content.test_media_upload import png, upload_raw
from tests.factories import PostFactory
from tests.helpers import assert_wp_error

MEDIA_URL = "/wp-json/wp/v2/media"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    settings.MEDIA_URL = "/wp-content/uploads/"


@pytest.fixture
def uploaded(api_client, author):
    api_client.force_authenticate(author)
    body = upload_raw(api_client, png(800, 600), "picture.png").json()
    api_client.logout()
    return body


def test_owner_updates_title_caption_description_alt_text(api_client, author, uploaded):
    api_client.force_authenticate(author)
    parent = PostFactory(author=author)
    response = api_client.post(
        f"{MEDIA_URL}/{uploaded['id']}",
        {
            "title": "New title",
            "caption": {"raw": "New caption"},
            "description": "Described",
            "alt_text": "  Some\talt  ",
            "post": parent.pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == {"raw": "New title", "rendered": "New title"}
    assert body["caption"] == {"raw": "New caption", "rendered": "<p>New caption</p>\n"}
    assert body["description"]["raw"] == "Described"
    assert body["alt_text"] == "Some alt"
    assert body["post"] == parent.pk
    assert 'alt="Some alt"' in body["description"]["rendered"]
    assert body["link"] == f"http://testserver/{parent.slug}/picture/"
    # edit context is what an update answers with
    assert "missing_image_sizes" in body


def test_detach_with_post_zero(api_client, author):
    parent = PostFactory(author=author)
    api_client.force_authenticate(author)
    item = upload_raw(api_client, png(10, 10)).json()
    api_client.patch(f"{MEDIA_URL}/{item['id']}", {"post": parent.pk}, format="json")
    body = api_client.patch(f"{MEDIA_URL}/{item['id']}", {"post": 0}, format="json").json()
    assert body["post"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("editor", 200),
        ("author", 403),
        ("contributor", 403),
        ("subscriber", 403),
    ],
)
def test_editing_someone_elses_attachment(api_client, user_with_role, uploaded, role, status):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.post(f"{MEDIA_URL}/{uploaded['id']}", {"title": "x"}, format="json")
    if status == 200:
        assert response.status_code == 200
        assert response.json()["title"]["raw"] == "x"
    else:
        body = assert_wp_error(response, "rest_cannot_edit", status)
        assert body["message"] == "Sorry, you are not allowed to edit this post."


def test_anonymous_update_is_401(api_client, uploaded):
    response = api_client.post(f"{MEDIA_URL}/{uploaded['id']}", {"title": "x"}, format="json")
    assert_wp_error(response, "rest_cannot_edit", 401)


def test_author_cannot_give_attachment_to_someone_else(api_client, author, editor, uploaded):
    api_client.force_authenticate(author)
    response = api_client.post(
        f"{MEDIA_URL}/{uploaded['id']}", {"author": editor.pk}, format="json"
    )
    body = assert_wp_error(response, "rest_cannot_edit_others", 403)
    assert body["message"] == "Sorry, you are not allowed to update posts as this user."
    api_client.force_authenticate(editor)
    response = api_client.post(
        f"{MEDIA_URL}/{uploaded['id']}", {"author": author.pk + 999}, format="json"
    )
    assert_wp_error(response, "rest_invalid_author", 400)


def test_update_rejects_bad_values(api_client, editor, uploaded):
    api_client.force_authenticate(editor)
    url = f"{MEDIA_URL}/{uploaded['id']}"
    body = assert_wp_error(
        api_client.post(url, {"comment_status": "maybe"}, format="json"), "rest_invalid_param", 400
    )
    assert "comment_status" in body["data"]["params"]
    assert_wp_error(api_client.post(url, {"post": "abc"}, format="json"), "rest_invalid_param", 400)
    body = assert_wp_error(
        api_client.post(url, {"template": "full-width.php"}, format="json"),
        "rest_invalid_param",
        400,
    )
    # attachments have no templates; the error has no data
    assert body["data"]["details"]["template"] == {
        "code": "rest_invalid_param",
        "message": "template is not one of .",
        "data": None,
    }
    assert_wp_error(
        api_client.post(url, {"post": uploaded["id"]}, format="json"), "rest_invalid_param", 400
    )


def test_private_status_is_kept_other_statuses_become_inherit(api_client, author, uploaded):
    api_client.force_authenticate(author)
    url = f"{MEDIA_URL}/{uploaded['id']}"
    assert api_client.post(url, {"status": "private"}, format="json").json()["status"] == (
        "private"
    )
    assert api_client.post(url, {"status": "draft"}, format="json").json()["status"] == ("inherit")


def test_a_null_date_resets_a_date_gmt_given_beside_it(api_client, editor, uploaded):
    api_client.force_authenticate(editor)
    url = f"{MEDIA_URL}/{uploaded['id']}"
    body = api_client.post(
        url, {"date": None, "date_gmt": "2020-02-02T02:02:02"}, format="json"
    ).json()
    assert body["date_gmt"] != "2020-02-02T02:02:02"


def test_update_unknown_id(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.post(f"{MEDIA_URL}/999999", {"title": "x"}, format="json")
    assert_wp_error(response, "rest_post_invalid_id", 404)


# --- delete --------------------------------------------------------------------------------------
def test_delete_without_force_is_501(api_client, author, uploaded):
    api_client.force_authenticate(author)
    response = api_client.delete(f"{MEDIA_URL}/{uploaded['id']}")
    body = assert_wp_error(response, "rest_trash_not_supported", 501)
    assert body["message"] == "The post does not support trashing. Set 'force=true' to delete."
    assert Post.objects.filter(pk=uploaded["id"]).exists()


def test_force_delete_removes_row_and_every_file(api_client, author, uploaded):
    storage = storages["default"]
    folder = uploaded["media_details"]["file"].rsplit("/", 1)[0]
    files = [uploaded["media_details"]["file"]] + [
        f"{folder}/{size['file']}"
        for name, size in uploaded["media_details"]["sizes"].items()
        if name != "full"
    ]
    assert len(files) == 4
    assert all(storage.exists(name) for name in files)
    api_client.force_authenticate(author)
    response = api_client.delete(f"{MEDIA_URL}/{uploaded['id']}?force=true")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["deleted"] is True
    assert body["previous"]["id"] == uploaded["id"]
    assert body["previous"]["title"]["raw"] == "picture"
    assert "_links" not in body["previous"]
    assert not Post.objects.filter(pk=uploaded["id"]).exists()
    assert not any(storage.exists(name) for name in files)
    assert_wp_error(api_client.get(f"{MEDIA_URL}/{uploaded['id']}"), "rest_post_invalid_id", 404)


@pytest.mark.parametrize(
    ("role", "status"),
    [("editor", 200), ("author", 403), ("contributor", 403), ("subscriber", 403)],
)
def test_deleting_someone_elses_attachment(api_client, user_with_role, uploaded, role, status):
    api_client.force_authenticate(user_with_role(role))
    response = api_client.delete(f"{MEDIA_URL}/{uploaded['id']}?force=true")
    if status == 200:
        assert response.status_code == 200
    else:
        body = assert_wp_error(response, "rest_cannot_delete", status)
        assert body["message"] == "Sorry, you are not allowed to delete this post."


def test_anonymous_delete_is_401(api_client, uploaded):
    assert_wp_error(
        api_client.delete(f"{MEDIA_URL}/{uploaded['id']}?force=true"), "rest_cannot_delete", 401
    )


def test_featured_image_is_cleared_when_its_attachment_is_deleted(api_client, editor, uploaded):
    post = PostFactory(featured_media_id=uploaded["id"])
    api_client.force_authenticate(editor)
    api_client.delete(f"{MEDIA_URL}/{uploaded['id']}?force=true")
    post.refresh_from_db()
    assert post.featured_media_id is None


def test_allow_header_follows_permissions(api_client, author, editor, uploaded):
    url = f"{MEDIA_URL}/{uploaded['id']}"
    assert api_client.get(url)["Allow"] == "GET"
    api_client.force_authenticate(author)
    assert api_client.get(url)["Allow"] == "GET, POST, PUT, PATCH, DELETE"
    api_client.force_authenticate(editor)
    assert api_client.get(url)["Allow"] == "GET, POST, PUT, PATCH, DELETE"


# --- registered meta -----------------------------------------------------------------------------
def test_registered_meta_is_shown_and_written(api_client, settings, author, uploaded):
    settings.WP_POST_META = {
        "ref_keywords": {
            "type": "string",
            "single": False,
            "show_in_rest": True,
            "description": "Reference keywords (multiple values).",
        },
        "credit_line": {"type": "string", "single": True, "object_subtype": "attachment"},
        "post_only": {"type": "string", "single": True, "object_subtype": "post"},
    }
    url = f"{MEDIA_URL}/{uploaded['id']}"
    assert api_client.get(url).json()["meta"] == {"ref_keywords": [], "credit_line": ""}
    api_client.force_authenticate(author)
    body = api_client.post(
        url,
        {"meta": {"ref_keywords": ["a", "b"], "credit_line": "Me", "post_only": "x"}},
        format="json",
    ).json()
    assert body["meta"] == {"ref_keywords": ["a", "b"], "credit_line": "Me"}
    schema = api_client.options(MEDIA_URL).json()["schema"]["properties"]["meta"]
    assert set(schema["properties"]) == {"ref_keywords", "credit_line"}
    response = api_client.post(
        url, {"meta": {"credit_line": ["not", "a", "string"]}}, format="json"
    )
    body = assert_wp_error(response, "rest_invalid_type", 400)
    assert body["message"] == "meta.credit_line is not of type string."


def test_meta_is_an_empty_array_when_nothing_is_registered(api_client, uploaded):
    assert api_client.get(f"{MEDIA_URL}/{uploaded['id']}").json()["meta"] == []


# --- post-process (api-fetch retries sub-size creation after a failed upload) ---------------------
def test_post_process_creates_missing_sizes(api_client, author, uploaded):
    item = Post.objects.get(pk=uploaded["id"])
    storage = storages["default"]
    folder = uploaded["media_details"]["file"].rsplit("/", 1)[0]
    storage.delete(f"{folder}/picture-150x150.png")
    details = dict(item.media_details)
    details["sizes"] = {k: v for k, v in details["sizes"].items() if k != "thumbnail"}
    item.media_details = details
    item.save()
    url = f"{MEDIA_URL}/{item.pk}/post-process"
    api_client.force_authenticate(author)
    before = api_client.get(f"{MEDIA_URL}/{item.pk}", {"context": "edit"}).json()
    assert before["missing_image_sizes"] == ["thumbnail"]
    assert_wp_error(api_client.post(url, {}, format="json"), "rest_missing_callback_param", 400)
    assert_wp_error(
        api_client.post(url, {"action": "other"}, format="json"), "rest_invalid_param", 400
    )
    response = api_client.post(url, {"action": "create-image-subsizes"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["missing_image_sizes"] == []
    assert body["media_details"]["sizes"]["thumbnail"]["file"] == "picture-150x150.png"
    assert storage.exists(f"{folder}/picture-150x150.png")


def test_post_process_needs_edit_post(api_client, user_with_role, uploaded):
    url = f"{MEDIA_URL}/{uploaded['id']}/post-process"
    data = {"action": "create-image-subsizes"}
    assert_wp_error(api_client.post(url, data, format="json"), "rest_cannot_edit", 401)
    api_client.force_authenticate(user_with_role("author"))
    assert_wp_error(api_client.post(url, data, format="json"), "rest_cannot_edit", 403)
    assert_wp_error(
        api_client.post(f"{MEDIA_URL}/999999/post-process", data, format="json"),
        "rest_post_invalid_id",
        404,
    )


# --- edit (the block editor's crop/rotate) -------------------------------------------------------
def test_edit_rotates_and_crops_into_a_new_attachment(api_client, author, uploaded):
    from PIL import Image

    api_client.force_authenticate(author)
    item = Post.objects.get(pk=uploaded["id"])
    item.alt_text = "Alt"
    item.excerpt = "Caption"
    item.save()
    url = f"{MEDIA_URL}/{uploaded['id']}/edit"
    response = api_client.post(
        url,
        {
            "src": uploaded["source_url"],
            "modifiers": [
                {"type": "rotate", "args": {"angle": 90}},
                {"type": "crop", "args": {"left": 0, "top": 0, "width": 50, "height": 50}},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] != uploaded["id"]
    assert response["Location"].endswith(f"/wp/v2/media/{body['id']}")
    details = body["media_details"]
    assert (details["width"], details["height"]) == (300, 400)  # 600x800 after the rotation
    assert details["file"].endswith("/picture-edited.png")
    assert details["parent_image"] == {
        "file": uploaded["media_details"]["file"],
        "attachment_id": uploaded["id"],
    }
    assert body["title"] == {"rendered": "picture"}  # view context, as WordPress answers
    assert body["alt_text"] == "Alt"
    assert body["caption"]["rendered"] == "<p>Caption</p>\n"
    with storages["default"].open(details["file"]) as handle:
        assert Image.open(handle).size == (300, 400)
    # editing the edited image does not stack "-edited"
    again = api_client.post(
        f"{MEDIA_URL}/{body['id']}/edit",
        {"src": body["source_url"], "rotation": 180},
        format="json",
    )
    assert again.json()["media_details"]["file"].endswith("/picture-edited-1.png")


def test_edit_errors(api_client, author, contributor, uploaded):
    url = f"{MEDIA_URL}/{uploaded['id']}/edit"
    src = uploaded["source_url"]
    assert_wp_error(
        api_client.post(url, {"src": src, "rotation": 90}, format="json"),
        "rest_cannot_edit_image",
        401,
    )
    api_client.force_authenticate(contributor)
    body = assert_wp_error(
        api_client.post(url, {"src": src, "rotation": 90}, format="json"),
        "rest_cannot_edit_image",
        403,
    )
    assert body["message"] == "Sorry, you are not allowed to upload media on this site."
    # upload_files is asked before the attachment is looked up
    assert_wp_error(
        api_client.post(f"{MEDIA_URL}/987654/edit", {"src": src}, format="json"),
        "rest_cannot_edit_image",
        403,
    )
    api_client.force_authenticate(author)
    assert_wp_error(
        api_client.post(f"{MEDIA_URL}/987654/edit", {"src": src}, format="json"),
        "rest_post_invalid_id",
        404,
    )
    assert_wp_error(
        api_client.post(url, {"rotation": 90}, format="json"), "rest_missing_callback_param", 400
    )
    assert_wp_error(
        api_client.post(url, {"src": src, "rotation": 360}, format="json"),
        "rest_invalid_param",
        400,
    )
    body = assert_wp_error(
        api_client.post(url, {"src": src}, format="json"), "rest_image_not_edited", 400
    )
    assert body["message"] == (
        "The image was not edited. Edit the image before applying the changes."
    )
    body = assert_wp_error(
        api_client.post(url, {"src": "http://testserver/other.png", "rotation": 90}, format="json"),
        "rest_unknown_attachment",
        404,
    )
    assert body["message"] == "Unable to get meta information for file."
    notes = upload_raw(api_client, b"notes", "notes.txt", "text/plain").json()
    response = api_client.post(
        f"{MEDIA_URL}/{notes['id']}/edit",
        {"src": notes["source_url"], "rotation": 90},
        format="json",
    )
    assert_wp_error(response, "rest_unknown_attachment", 404)


def test_seed_media_creates_the_demo_attachments(api_client, admin_user):
    from content.media.services import seed_media

    parent = PostFactory(status="publish", slug="hello-world")
    landscape, square, notes = seed_media(author=admin_user, parent=parent)
    again = seed_media(author=admin_user)  # idempotent
    assert {item.pk for item in again} == {landscape.pk, square.pk, notes.pk}
    body = api_client.get(f"{MEDIA_URL}/{landscape.pk}").json()
    assert body["link"] == "http://testserver/hello-world/demo-landscape/"
    assert body["guid"]["rendered"].startswith("http://testserver/wp-content/uploads/")
    assert list(body["media_details"]["sizes"]) == ["medium", "thumbnail", "medium_large", "full"]
    assert body["alt_text"] == "Blue stripes with a white ellipse"
    assert api_client.get(f"{MEDIA_URL}/{square.pk}").json()["post"] is None
    assert api_client.get(f"{MEDIA_URL}/{notes.pk}").json()["mime_type"] == "text/plain"


def test_update_quirks_follow_wordpress(api_client, author, uploaded):
    api_client.force_authenticate(author)
    url = f"{MEDIA_URL}/{uploaded['id']}"

    def update(data):
        response = api_client.post(url, data, format="json")
        assert response.status_code == 200, response.content
        return response.json()

    assert update({"title": 5})["title"]["raw"] == "picture"  # neither a string nor {raw}
    assert update({"title": {"raw": 5}})["title"]["raw"] == "5"
    # null arguments are neither validated nor applied
    assert update({"alt_text": None, "comment_status": None})["comment_status"] == "open"
    # an emptied slug is made again from the title
    assert update({"slug": ""})["slug"] == "5"
    before = Post.objects.get(pk=uploaded["id"]).date
    Post.objects.filter(pk=uploaded["id"]).update(date=before.replace(year=2020))
    assert update({"date": None})["date"][:4] == str(before.year)  # null resets to now
    parent = PostFactory(author=author)
    update({"post": parent.pk})
    assert update({"post": -1})["post"] is None
    body = assert_wp_error(
        api_client.post(url, {"meta": "x"}, format="json"), "rest_invalid_param", 400
    )
    assert body["data"]["params"] == {"meta": "Invalid parameter."}


def test_post_process_and_edit_routes_describe_themselves_like_wordpress(api_client, uploaded):
    body = api_client.options(f"{MEDIA_URL}/{uploaded['id']}/post-process").json()
    assert "schema" not in body
    assert body["endpoints"] == [
        {
            "methods": ["POST"],
            "args": {
                "id": {
                    "description": "Unique identifier for the attachment.",
                    "type": "integer",
                    "required": False,
                },
                "action": {"type": "string", "enum": ["create-image-subsizes"], "required": True},
            },
        }
    ]
    body = api_client.options(f"{MEDIA_URL}/{uploaded['id']}/edit").json()
    assert "schema" not in body
    assert list(body["endpoints"][0]["args"]) == [
        "src",
        "modifiers",
        "rotation",
        "x",
        "y",
        "width",
        "height",
    ]
