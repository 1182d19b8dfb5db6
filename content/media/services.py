"""Writes on attachments: upload (wp_handle_upload / wp_handle_sideload + wp_insert_attachment +
wp_generate_attachment_metadata), update and permanent delete (wp_delete_attachment).

Files go to the default Django storage (local MEDIA_ROOT or S3 through django-storages) under
WordPress's `YYYY/MM/` folders; image sub-sizes are written next to the original.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone as dj_timezone

from content.formatting import kses_post, kses_title
from content.media import images
from content.media.files import (  # noqa: F401 - re-exported for the views and filters
    BAD_FILE_STATUS,
    DISPLAYABLE_TYPES,
    EMPTY_FILE,
    FAILED_UPLOAD_TEST,
    IMAGE_MIME_TO_EXT,
    MAX_BASE_NAME,
    MIME_TYPES,
    NOT_ALLOWED,
    REFUSED_TYPE_STATUS,
    RESIZABLE_TYPES,
    TOO_BIG_STATUS,
    allowed_mime_types,
    check_filetype,
    content_matches,
    date_from_params,
    media_types,
    sanitize_file_name,
    split_ext,
    wav_metadata,
)
from content.meta_fields import POST_META
from content.models import Post
from wpapi import locks
from wpapi.dates import site_timezone
from wpapi.errors import WPError
from wpapi.formatting import sanitize_text_field, targeted_link_rel


def media_storage() -> Any:
    return storages["default"]


@dataclass
class StoredFile:
    """An uploaded file as wp_handle_upload() returns it, plus what we computed on the way."""

    name: str  # the attached file's storage path, e.g. 2024/01/photo.png (or photo-scaled.jpg)
    mime_type: str
    size: int
    image: images.ImageInfo | None
    sub_sizes: dict[str, tuple[str, images.Resize]]
    original: str = ""  # the uploaded file's path (differs from `name` when replaced)
    width: int = 0  # of the attached file
    height: int = 0
    attached_size: int = 0
    rotated: bool = False
    data: bytes | None = None  # kept for audio/video metadata


def upload_dir(now: datetime | None = None) -> str:
    """wp_upload_dir()'s subdir: the month folder, YYYY/MM, in the site's time."""
    now = now or dj_timezone.now()
    return now.astimezone(site_timezone()).strftime("%Y/%m")


def unique_file_name(
    folder: str,
    filename: str,
    image: images.ImageInfo | None,
    suffix: str = "",
) -> tuple[str, dict[str, tuple[str, images.Resize]]]:
    """wp_unique_filename(): name, name-1, name-2, ... until neither the file nor any of the
    sub-size files it will get exist in the folder."""
    storage = media_storage()
    base, ext = split_ext(sanitize_file_name(filename))
    base = base[:MAX_BASE_NAME]  # file systems and the 255-character file column
    if not base:
        base = "unnamed-file"
    plan = images.planned_sizes(image.width, image.height) if image else {}
    number = 0
    while True:
        stem = base if number == 0 else f"{base}-{number}"
        candidate = f"{stem}.{ext}" if ext else stem
        sizes = {
            name: (images.size_file_name(stem, ext, resize), resize)
            for name, resize in plan.items()
        }
        taken = [candidate, *(file for file, _resize in sizes.values())]
        if suffix:
            taken.append(f"{stem}-{suffix}.{ext}")
        if not any(storage.exists(posixpath.join(folder, file)) for file in taken):
            return candidate, sizes
        number += 1


def handle_upload(
    *,
    data: bytes,
    filename: str,
    sideload: bool,
    mimes: dict[str, str] | None = None,
    now: datetime | None = None,
) -> StoredFile:
    """_wp_handle_upload(): check the type against the allowed list (`mimes`, by default what
    a user without unfiltered_upload may send) and the real content, pick a unique name in the
    month folder, store the file and its image sub-sizes."""
    error_code = "rest_upload_sideload_error" if sideload else "rest_upload_unknown_error"
    if not data:
        raise WPError(error_code, EMPTY_FILE, BAD_FILE_STATUS)
    if mimes is None:
        mimes = allowed_mime_types(None)
    ext, mime = check_filetype(filename, mimes)
    image = None
    if mime == "image/heic":  # nothing here reads HEIC; WordPress keeps it as a plain file
        if data[4:8] != b"ftyp":
            ext, mime = "", ""
    elif mime.startswith("image/"):
        try:
            image = images.inspect_image(data)
        except images.NotAnImage:
            raise WPError(error_code, NOT_ALLOWED, REFUSED_TYPE_STATUS) from None
        if image.mime_type and image.mime_type != mime:
            new_ext = IMAGE_MIME_TO_EXT.get(image.mime_type)
            if not new_ext:
                raise WPError(error_code, NOT_ALLOWED, REFUSED_TYPE_STATUS)
            filename = filename.rsplit(".", 1)[0] + "." + new_ext
            ext, mime = check_filetype(filename, mimes)
    elif not content_matches(mime, data):
        ext, mime = "", ""
    if not ext or not mime:
        raise WPError(error_code, NOT_ALLOWED, REFUSED_TYPE_STATUS)
    folder = upload_dir(now)
    resizable = image if image and mime in RESIZABLE_TYPES else None
    source, rotated = data, False
    if (
        resizable
        and mime == "image/jpeg"
        and str(resizable.image_meta.get("orientation", "0")) not in ("0", "1")
    ):
        # wp_create_image_subsizes(): a JPEG whose EXIF says "turn me" is turned, and its
        # sizes are made from the turned image
        turned = _rotated_or_none(data)
        if turned is not None:
            source, rotated = turned
            upright = images.inspect_image(source)
            resizable = images.ImageInfo(
                upright.width, upright.height, mime, {**resizable.image_meta, "orientation": 1}
            )
    scaled = images.scaled_size(resizable.width, resizable.height, mime) if resizable else None
    suffix = "scaled" if scaled is not None else ("rotated" if rotated else "")
    final_name, sizes = unique_file_name(folder, filename, resizable, suffix)
    storage = media_storage()
    path = posixpath.join(folder, final_name)
    saved: list[str] = []
    attached = path
    measured = resizable or image
    width, height = (measured.width, measured.height) if measured else (0, 0)
    attached_size = len(data)
    try:
        saved.append(storage.save(path, ContentFile(data)))
        copy = source if rotated and scaled is None else None
        if scaled is not None:
            copy = _sub_size_or_none(source, scaled)
            if copy is None:
                raise WPError(error_code, NOT_ALLOWED, REFUSED_TYPE_STATUS)
            width, height = scaled.width, scaled.height
        if copy is not None:
            stem, ext = split_ext(final_name)
            attached = storage.save(
                posixpath.join(folder, f"{stem}-{suffix}.{ext}"), ContentFile(copy)
            )
            attached_size = len(copy)
            saved.append(attached)
        for size_name, (size_file, resize) in list(sizes.items()):
            sub = _sub_size_or_none(source, resize)
            if sub is None:  # as in WordPress, a size the editor cannot make is just missing
                sizes.pop(size_name)
                continue
            saved.append(storage.save(posixpath.join(folder, size_file), ContentFile(sub)))
    except Exception:
        delete_files(saved)
        raise
    return StoredFile(
        name=attached,
        mime_type=mime,
        size=len(data),
        image=resizable or image,
        sub_sizes=sizes,
        original=saved[0],
        width=width,
        height=height,
        attached_size=attached_size,
        rotated=rotated,
        data=data if mime.startswith(("audio/", "video/")) else None,
    )


def _rotated_or_none(data: bytes) -> tuple[bytes, bool] | None:
    try:
        turned = images.exif_rotate(data)
    except (OSError, ValueError, images.NotAnImage):
        return None
    return (turned, True) if turned is not None else None


def _sub_size_or_none(data: bytes, resize: images.Resize) -> bytes | None:
    try:
        return images.make_sub_size(data, resize)
    except (OSError, ValueError, images.Image.DecompressionBombError):
        return None


def attachment_metadata(stored: StoredFile) -> dict[str, Any]:
    """wp_generate_attachment_metadata(): dimensions, sizes and image_meta for images, the file
    size for everything."""
    if stored.mime_type.startswith(("audio/", "video/")):
        return media_metadata(stored)
    if stored.image is None or stored.mime_type not in DISPLAYABLE_TYPES:
        return {"filesize": stored.size}
    storage = media_storage()
    folder = posixpath.dirname(stored.name)
    sizes = {}
    for name, (file, resize) in stored.sub_sizes.items():
        sizes[name] = {
            "file": file,
            "width": resize.width,
            "height": resize.height,
            "mime_type": stored.mime_type,
            "filesize": _stored_size(storage, posixpath.join(folder, file)),
        }
    details = {
        "width": stored.width,
        "height": stored.height,
        "file": stored.name,
        "filesize": stored.attached_size,
        "sizes": sizes,
        "image_meta": stored.image.image_meta,
    }
    if stored.original and stored.original != stored.name:  # a -scaled or -rotated copy
        details["original_image"] = posixpath.basename(stored.original)
    return details


def media_metadata(stored: StoredFile) -> dict[str, Any]:
    """wp_read_audio_metadata() / wp_read_video_metadata() as far as the standard library
    reads them: a PCM WAV file fully, any other file its size and MIME type."""
    if stored.mime_type == "audio/wav" and stored.data is not None:
        found = wav_metadata(stored.data)
        if found is not None:
            length, formatted = found.pop("length"), found.pop("formatted")
            return {
                **found,
                "filesize": stored.size,
                "mime_type": stored.mime_type,
                "length": length,
                "length_formatted": formatted,
            }
    return {"filesize": stored.size, "mime_type": stored.mime_type}


def _stored_size(storage: Any, name: str) -> int:
    try:
        return int(storage.size(name))
    except (OSError, NotImplementedError):
        return 0


def attachment_files(post: Post) -> list[str]:
    """Every stored file of an attachment: the original and its sub-sizes."""
    if not post.file:
        return []
    names = [post.file.name]
    folder = posixpath.dirname(post.file.name)
    details = post.media_details if isinstance(post.media_details, dict) else {}
    for size in (details.get("sizes") or {}).values():
        if isinstance(size, dict) and size.get("file"):
            names.append(posixpath.join(folder, posixpath.basename(str(size["file"]))))
    if details.get("original_image"):
        names.append(posixpath.join(folder, posixpath.basename(str(details["original_image"]))))
    return names


def delete_files(names: Iterable[str]) -> None:
    storage = media_storage()
    for name in names:
        if name.startswith(("http://", "https://")):
            continue  # a file on another site (imported), not ours to delete
        try:
            storage.delete(name)
        except (OSError, NotImplementedError):
            continue


# --- slugs ----------------------------------------------------------------------------------
def unique_attachment_slug(slug: str, exclude_id: int | None = None) -> str:
    """wp_unique_post_slug() for attachments: unique across every post type, -2, -3, ..."""
    slug = slug[:200]  # post_name is 200 characters
    if not slug:
        return slug
    locks.hold_slug("post-slug", slug)  # until the attachment is saved (wpapi.locks)
    existing = Post.objects.filter(slug__startswith=slug[:190])
    if exclude_id:
        existing = existing.exclude(pk=exclude_id)
    taken = set(existing.values_list("slug", flat=True))
    reserved = {"feed", "rdf", "rss", "rss2", "atom", "embed"}
    if slug not in taken and slug not in reserved:
        return slug
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slug[: 200 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def generated_attachment_slugs(attachments: list[Post]) -> dict[int, str]:
    """get_sample_permalink()'s slug for each attachment (edit context): its title as a slug
    (its ID when that is empty), made unique across every post type, in one query."""
    wanted = {post.pk: _sanitize_title(post.title)[:200] or str(post.pk) for post in attachments}
    if not wanted:
        return {}
    condition = Q(pk__in=[])
    for base in set(wanted.values()):
        condition |= Q(slug=base) | Q(slug__startswith=f"{base[:190]}-")
    rows = list(Post.objects.filter(condition).values_list("pk", "slug"))
    reserved = {"feed", "rdf", "rss", "rss2", "atom", "embed"}
    result = {}
    for pk, base in wanted.items():
        taken = {slug for other, slug in rows if other != pk}
        slug, number = base, 2
        while slug in taken or slug in reserved:
            suffix = f"-{number}"
            slug = base[: 200 - len(suffix)] + suffix
            number += 1
        result[pk] = slug
    return result


def _sanitize_title(title: str) -> str:
    from content.formatting import sanitize_title

    return sanitize_title(title)


# --- the services ---------------------------------------------------------------------------
def _status(value: Any) -> str:
    """wp_insert_post() keeps only inherit, private and trash for attachments."""
    return "private" if value == "private" else Post.Status.INHERIT


#: the fields an attachment write takes, by their names in WordPress's schema (`post` is the
#: parent post)
MEDIA_FIELDS = frozenset(
    {
        "title",
        "caption",
        "description",
        "alt_text",
        "comment_status",
        "ping_status",
        "status",
        "author",
        "post",
        "date",
        "date_gmt",
        "slug",
        "meta",
    }
)


def _apply_fields(post: Post, params: dict[str, Any], kses: bool) -> None:
    unknown = set(params) - MEDIA_FIELDS
    if unknown:
        raise TypeError(f"unknown attachment fields: {', '.join(sorted(unknown))}")
    # kses on save for users without unfiltered_html, as for any post: the title with the
    # inline allow-list, caption (excerpt) and description (content) with the post one
    title = params.get("title")
    if isinstance(title, str):
        post.title = targeted_link_rel(kses_title(title) if kses else title)
    caption = params.get("caption")
    if isinstance(caption, str):
        post.excerpt = targeted_link_rel(kses_post(caption) if kses else caption)
    description = params.get("description")
    if isinstance(description, str):
        post.content = targeted_link_rel(kses_post(description) if kses else description)
    if params.get("alt_text") is not None and "alt_text" in params:
        post.alt_text = sanitize_text_field(params["alt_text"])
    for name in ("comment_status", "ping_status"):
        if params.get(name) in ("open", "closed"):
            setattr(post, name, params[name])
    if "status" in params and params["status"]:
        post.status = _status(params["status"])
    if params.get("author"):
        post.author_id = params["author"]
    if "post" in params and params["post"] is not None:
        post.parent_id = params["post"] if params["post"] > 0 else None
    date = date_from_params(params)
    if ("date" in params and params["date"] is None) or (
        "date_gmt" in params and params["date_gmt"] is None
    ):
        # a null date or date_gmt resets both, even beside a date given in the other: now,
        # for an attachment
        post.date = dj_timezone.now()
    elif date is not None:
        post.date = date


@transaction.atomic
def media_create(
    *,
    data: bytes,
    filename: str,
    site_url: str,
    sideload: bool = True,
    actor_id: int | None = None,
    kses: bool = False,
    mimes: dict[str, str] | None = None,
    **params: Any,
) -> Post:
    """An uploaded file becomes an attachment by `actor_id` (its author unless `author` is
    given): stored, sized, described, slugged. `params` are the attachment's fields."""
    stored = handle_upload(data=data, filename=filename, sideload=sideload, mimes=mimes)
    try:
        post = Post(
            type=Post.Type.ATTACHMENT,
            status=Post.Status.INHERIT,
            author_id=actor_id,
            mime_type=stored.mime_type,
            ping_status="closed",
            comment_status=_default_comment_status(),
        )
        post.file.name = stored.name
        post.media_details = attachment_metadata(stored)
        _apply_fields(post, _with_image_meta_defaults(params, stored), kses)
        if not post.title:
            post.title = split_ext(posixpath.basename(stored.original or stored.name))[0]
        slug = params.get("slug") or _sanitize_title(post.title)
        post.slug = unique_attachment_slug(_sanitize_title(slug) if slug else "")
        # no query string: a signed storage URL expires, the guid must not
        post.guid = absolute_file_url(stored.original or stored.name, site_url).split("?")[0][:255]
        post.modified = post.date  # wp_insert_post(): a new post was last modified when dated
        post.save()
        POST_META.update(post, params.get("meta"))
    except Exception:
        delete_files(attachment_files_for(stored))
        raise
    return post


def _with_image_meta_defaults(params: dict[str, Any], stored: StoredFile) -> dict[str, Any]:
    """insert_attachment(): an image's EXIF title and caption fill a missing title/caption."""
    image_meta = stored.image.image_meta if stored.image else {}
    params = dict(params)
    title = str(image_meta.get("title") or "").strip()
    if not params.get("title") and title and not _sanitize_title(title).isdigit():
        params["title"] = title
    caption = str(image_meta.get("caption") or "").strip()
    if not params.get("caption") and caption:
        params["caption"] = caption
    return params


def attachment_files_for(stored: StoredFile) -> list[str]:
    folder = posixpath.dirname(stored.name)
    names = {stored.name, stored.original} - {""}
    return [*names, *(posixpath.join(folder, file) for file, _r in stored.sub_sizes.values())]


def _default_comment_status() -> str:
    from wpapi.site import get_option

    return "open" if get_option("default_comment_status", "open") == "open" else "closed"


@transaction.atomic
def media_update(*, attachment: Post, kses: bool = False, **params: Any) -> Post:
    """Title, caption, description, alt text, parent (`post`), author, status, dates and
    slug."""
    post = attachment
    _apply_fields(post, params, kses)
    if params.get("slug"):
        post.slug = unique_attachment_slug(_sanitize_title(params["slug"]), exclude_id=post.pk)
    elif "slug" in params and params["slug"] == "":
        # an emptied slug is made again from the title, as wp_insert_post() does
        post.slug = unique_attachment_slug(_sanitize_title(post.title), exclude_id=post.pk)
    post.modified = dj_timezone.now()
    post.save()
    POST_META.update(post, params.get("meta"))
    return post


@transaction.atomic
def media_create_missing_sizes(*, post: Post) -> Post:
    """wp_update_image_subsizes(): make the sub-sizes an image should have but lacks (what
    api-fetch asks for after a failed upload)."""
    details = dict(post.media_details) if isinstance(post.media_details, dict) else {}
    if not post.file or post.mime_type not in RESIZABLE_TYPES:
        return post
    storage = media_storage()
    folder = posixpath.dirname(post.file.name)
    # sub-sizes are made from the uploaded original, not from a "-scaled" copy
    source = (
        posixpath.join(folder, details["original_image"])
        if details.get("original_image")
        else post.file.name
    )
    try:
        with storage.open(source) as handle:
            data = handle.read()
        if post.mime_type == "image/jpeg":
            data = images.exif_rotate(data) or data  # sizes come from the upright image
        info = images.inspect_image(data)
    except (OSError, images.NotAnImage):
        return post
    if not details.get("width"):
        details.update(
            {
                "width": info.width,
                "height": info.height,
                "file": post.file.name,
                "filesize": len(data),
                "sizes": {},
                "image_meta": info.image_meta,
            }
        )
    sizes = dict(details.get("sizes") or {})
    base, ext = split_ext(posixpath.basename(source))
    for name, resize in images.planned_sizes(info.width, info.height).items():
        if name in sizes:
            continue
        file = images.size_file_name(base, ext, resize)
        path = posixpath.join(folder, file)
        if storage.exists(path):
            storage.delete(path)
        storage.save(path, ContentFile(images.make_sub_size(data, resize)))
        sizes[name] = {
            "file": file,
            "width": resize.width,
            "height": resize.height,
            "mime_type": post.mime_type,
            "filesize": _stored_size(storage, path),
        }
    details["sizes"] = sizes
    post.media_details = details
    post.save(update_fields=["media_details"])
    return post


def media_edit(
    *,
    attachment: Post,
    site_url: str,
    actor_id: int | None = None,
    kses: bool = False,
    mimes: dict[str, str] | None = None,
    **params: Any,
) -> Post:
    """edit_media_item(): rotate/crop the original image into a new "-edited" attachment that
    copies the title, caption, description and alt text and records its parent image.
    `params`: src, and modifiers or rotation and x, y, width, height."""
    post = attachment
    details = post.media_details if isinstance(post.media_details, dict) else {}
    if not details or not post.file or not images.file_matches_meta(params.get("src", ""), details):
        raise WPError("rest_unknown_attachment", "Unable to get meta information for file.", 404)
    if post.mime_type not in ("image/jpeg", "image/png", "image/gif", "image/webp"):
        raise WPError("rest_cannot_edit_file_type", "This type of file cannot be edited.", 400)
    modifiers = params.get("modifiers")
    if modifiers is None:
        modifiers = []
        if params.get("rotation"):
            modifiers.append({"type": "rotate", "args": {"angle": params["rotation"]}})
        if all(params.get(key) is not None for key in ("x", "y", "width", "height")):
            modifiers.append(
                {
                    "type": "crop",
                    "args": {
                        "left": params["x"],
                        "top": params["y"],
                        "width": params["width"],
                        "height": params["height"],
                    },
                }
            )
        if not modifiers:
            raise WPError(
                "rest_image_not_edited",
                "The image was not edited. Edit the image before applying the changes.",
                400,
            )
    folder = posixpath.dirname(post.file.name)
    original = (
        posixpath.join(folder, details["original_image"])
        if details.get("original_image")
        else post.file.name
    )
    try:
        with media_storage().open(original) as handle:
            edited = images.edit_image(handle.read(), modifiers)
    except (OSError, ValueError) as error:
        raise WPError("rest_unknown_image_file_type", "Unable to edit this image.", 500) from error
    stem, ext = split_ext(posixpath.basename(original))
    stem = re.sub(r"-edited(-\d+)?$", "", stem) + "-edited"
    copy = media_create(
        data=edited,
        filename=f"{stem}.{ext}",
        site_url=site_url,
        sideload=True,
        actor_id=actor_id,
        kses=kses,
        mimes=mimes,
        title=post.title,
        caption=post.excerpt,
        description=post.content,
    )
    new_details = dict(copy.media_details)
    old_meta, new_meta = details.get("image_meta"), new_details.get("image_meta")
    if isinstance(old_meta, dict) and isinstance(new_meta, dict):
        new_meta = {
            **new_meta,
            **{key: value for key, value in old_meta.items() if value and not new_meta.get(key)},
        }
        if new_meta.get("orientation") and new_meta["orientation"] != "0":
            new_meta["orientation"] = 1
        new_details["image_meta"] = new_meta
    new_details["parent_image"] = {"file": original, "attachment_id": post.pk}
    copy.media_details = new_details
    copy.alt_text = post.alt_text
    copy.save(update_fields=["media_details", "alt_text"])
    return copy


@transaction.atomic
def media_replace(
    *, attachment: Post, data: bytes, filename: str, mimes: dict[str, str] | None = None
) -> Post:
    """A new file for an attachment (WordPress leaves this to plugins such as Enable Media
    Replace): checked, stored and sized as an upload is (handle_upload, attachment_metadata),
    then the old file and its sizes are deleted. The attachment keeps its ID, text, parent
    and guid, so posts showing it show the new file."""
    stored = handle_upload(data=data, filename=filename, sideload=False, mimes=mimes)
    old_files = attachment_files(attachment)
    try:
        attachment.file.name = stored.name
        attachment.mime_type = stored.mime_type
        attachment.media_details = attachment_metadata(stored)
        attachment.modified = dj_timezone.now()
        attachment.save()
    except Exception:
        delete_files(attachment_files_for(stored))
        raise
    delete_files(name for name in old_files if name not in attachment_files(attachment))
    return attachment


@transaction.atomic
def media_delete(*, post: Post) -> None:
    """wp_delete_attachment(): the row, its comments and meta, and every file it stored."""
    files = attachment_files(post)
    post.delete()
    delete_files(files)


def absolute_file_url(name: str, site_url: str) -> str:
    """The public URL of a stored file: MEDIA_URL on the site URL, or the storage's own URL
    (S3). A file left on another site by an import (an absolute URL) is shown where it is."""
    if name.startswith(("http://", "https://")):
        return name
    url = media_storage().url(name)
    if url.startswith("/"):
        return site_url.rstrip("/") + url
    return url


def content_md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


# --- demo content -----------------------------------------------------------------------------
def _demo_png(width: int, height: int, stripes: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for top in range(0, height, 40):
        draw.rectangle([0, top, width, top + 19], fill=stripes)
    draw.ellipse([width // 4, height // 4, width * 3 // 4, height * 3 // 4], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def seed_media(*, author: Any, parent: Post | None = None, site_url: str = "") -> list[Post]:
    """Demo attachments: an 800x600 and a 200x200 PNG (drawn with Pillow) and a text file.

    The landscape one and the text file are attached to `parent` when given; the square one is
    unattached, like the reference site's. Idempotent: does nothing if attachments exist.
    Without `site_url` the guids are stored site-relative and shown on the request's host.
    """
    if Post.objects.filter(type=Post.Type.ATTACHMENT).exists():
        return list(Post.objects.filter(type=Post.Type.ATTACHMENT))
    parent_id = parent.pk if parent is not None else None
    author_id = getattr(author, "pk", None)
    landscape = media_create(
        data=_demo_png(800, 600, (30, 80, 200)),
        filename="demo-landscape.png",
        site_url=site_url,
        actor_id=author_id,
        title="Demo landscape",
        caption="A generated 800x600 image.",
        description="Drawn with Pillow.",
        post=parent_id,
        alt_text="Blue stripes with a white ellipse",
    )
    square = media_create(
        data=_demo_png(200, 200, (200, 60, 30)),
        filename="demo-square.png",
        site_url=site_url,
        actor_id=author_id,
        title="Demo square",
    )
    notes = media_create(
        data=b"Some plain text notes.\n",
        filename="demo-notes.txt",
        site_url=site_url,
        actor_id=author_id,
        title="Demo notes",
        description="A plain text attachment.",
        post=parent_id,
    )
    return [landscape, square, notes]
