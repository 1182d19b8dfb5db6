"""The media library in Django admin: uploads (one file or many) with the checks, files and
sizes of POST /wp/v2/media, thumbnails in the list, alt text and the other fields, attaching,
replacing and deleting with the files, under each role's rights."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from content.models import Post
from tests.factories import PostFactory

MEDIA = "/admin/wp/attachment/"


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def png(name="photo.png", size=(400, 300), color=(200, 30, 30)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def stored(uploads):
    return sorted(path.name for path in uploads.rglob("*") if path.is_file())


def change_form(attachment, **changes):
    data = {
        "title": attachment.title,
        "alt_text": attachment.alt_text,
        "caption": attachment.excerpt,
        "description": attachment.content,
        "post": attachment.parent_id or 0,
        "author": attachment.author_id,
    }
    data.update(changes)
    return data


def test_upload_several_files_at_once(client, editor, uploads):
    client.force_login(editor)
    response = client.post(
        f"{MEDIA}add/", {"files": [png("one.png"), png("two.png", (2000, 1000))]}
    )
    assert response.status_code == 302, response.content[:3000]
    one, two = Post.objects.filter(type="attachment").order_by("id")
    assert (one.title, one.mime_type, one.author_id) == ("one", "image/png", editor.pk)
    assert set(two.media_details["sizes"]) >= {"thumbnail", "medium", "large"}
    assert "two-150x150.png" in stored(uploads)  # WordPress's sizes, made as the API makes them
    body = client.get(MEDIA).content.decode()
    assert body.count('class="wp-thumb"') == 2


def test_one_upload_leads_to_its_edit_screen(client, author):
    client.force_login(author)
    response = client.post(f"{MEDIA}add/", {"files": [png()]})
    image = Post.objects.get(type="attachment")
    assert response["Location"] == f"{MEDIA}{image.pk}/change/"


def test_refused_type_keeps_wordpress_message_and_nothing(client, editor, uploads):
    client.force_login(editor)
    evil = SimpleUploadedFile("shell.php", b"<?php echo 1;", content_type="text/plain")
    response = client.post(f"{MEDIA}add/", {"files": [evil]})
    assert response.status_code == 200
    assert "Sorry, you are not allowed to upload this file type." in response.content.decode()
    assert not Post.objects.filter(type="attachment").exists()
    assert stored(uploads) == []


@pytest.mark.parametrize("role", ["contributor", "subscriber"])
def test_uploading_needs_upload_files(client, user_with_role, role):
    client.force_login(user_with_role(role))
    response = client.post(f"{MEDIA}add/", {"files": [png()]})
    assert response.status_code in (302, 403)
    assert not Post.objects.filter(type="attachment").exists()


def test_alt_text_caption_and_attaching(client, editor):
    client.force_login(editor)
    client.post(f"{MEDIA}add/", {"files": [png()]})
    image = Post.objects.get(type="attachment")
    post = PostFactory(author=editor)
    response = client.post(
        f"{MEDIA}{image.pk}/change/",
        change_form(image, alt_text="A red box", caption="Red", post=post.pk),
    )
    assert response.status_code == 302, response.content[:3000]
    image.refresh_from_db()
    assert (image.alt_text, image.excerpt, image.parent_id) == ("A red box", "Red", post.pk)
    revision = PostFactory(type="revision", status="inherit", parent=post)
    response = client.post(f"{MEDIA}{image.pk}/change/", change_form(image, post=revision.pk))
    assert "Invalid parent type." in response.content.decode()


def test_authors_edit_only_their_own_media(client, author, editor):
    client.force_login(editor)
    client.post(f"{MEDIA}add/", {"files": [png()]})
    theirs = Post.objects.get(type="attachment")
    client.force_login(author)
    response = client.post(f"{MEDIA}{theirs.pk}/change/", change_form(theirs, alt_text="Mine?"))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.alt_text == ""


def test_replace_keeps_the_attachment_and_swaps_the_files(client, editor, uploads):
    client.force_login(editor)
    client.post(f"{MEDIA}add/", {"files": [png("old.png")]})
    image = Post.objects.get(type="attachment")
    guid, title = image.guid, image.title
    response = client.post(
        f"{MEDIA}{image.pk}/change/",
        change_form(image, replace=png("new.png", (300, 300), (0, 0, 255))),
    )
    assert response.status_code == 302, response.content[:3000]
    image.refresh_from_db()
    assert image.file.name.endswith("new.png")
    assert (image.media_details["width"], image.guid, image.title) == (300, guid, title)
    assert not any(name.startswith("old") for name in stored(uploads))
    assert "new-150x150.png" in stored(uploads)


def test_delete_removes_the_files(client, editor, uploads):
    client.force_login(editor)
    client.post(f"{MEDIA}add/", {"files": [png()]})
    image = Post.objects.get(type="attachment")
    assert stored(uploads)
    response = client.post(f"{MEDIA}{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Post.objects.filter(pk=image.pk).exists()
    assert stored(uploads) == []


def test_filters_by_type_and_unattached(client, editor):
    client.force_login(editor)
    client.post(f"{MEDIA}add/", {"files": [png("pic.png")]})
    notes = SimpleUploadedFile("notes.txt", b"Plain notes.\n", content_type="text/plain")
    client.post(f"{MEDIA}add/", {"files": [notes]})
    images = client.get(f"{MEDIA}?post_mime_type=image").content.decode()
    assert "pic.png" in images
    assert "notes.txt" not in images
    assert "notes.txt" in client.get(f"{MEDIA}?post_mime_type=detached").content.decode()
