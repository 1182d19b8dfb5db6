"""/wp/v2/media: list, upload, read, update and delete attachments.

Uploads come as the raw request body (Content-Type + Content-Disposition: attachment;
filename=..., what api-fetch and node-wpapi send) or as multipart/form-data with the file in
`file`, in WordPress's order of checks and with its error codes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from rest_framework.parsers import BaseParser, FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from content.media import services as media_services
from content.media.files import allowed_mime_types, raw_text
from content.media.policies import (
    can_edit_attachment,
    check_can_delete,
    check_can_update,
    check_can_upload,
    check_write_params,
)
from content.media.queries import filter_media, media_collection_args
from content.media.schema import EDIT_ARGS
from content.media.serializers import MediaSerializer, media_serializer_class
from content.meta_fields import POST_META
from content.models import Post
from content.permalinks import load_ancestors
from content.policies import can_read_post, needs_kses
from content.queries import found_posts_recounted
from content.serializers.schema import with_template_check
from users.capabilities import user_can
from wpapi.errors import WPError, forbidden
from wpapi.links import rest_url, site_url
from wpapi.params import WordPressJSONParser
from wpapi.viewsets import CONTEXT_ARG, PageWindow, WPViewSet


def max_upload_size() -> int:
    """wp_max_upload_size(): settings.WP_MAX_UPLOAD_SIZE bytes (default 64 MB)."""
    return int(getattr(settings, "WP_MAX_UPLOAD_SIZE", 64 * 1024 * 1024))


PARSED_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")


class RawBodyParser(BaseParser):
    """Any other Content-Type is a file sent as the raw body: nothing to parse."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> dict:
        return {}


def _header(request: Request, name: str) -> str:
    meta = request._request.META
    key = name.upper().replace("-", "_")
    value = meta.get(key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}", "")
    return value.strip() if isinstance(value, str) else ""


def filename_from_disposition(value: str) -> str | None:
    """get_filename_from_disposition(): the filename parameter (quotes removed); filename*
    (RFC 5987) is understood too."""
    from urllib.parse import unquote

    found = None
    for header in value.split("\n"):
        header = header.strip()
        if ";" not in header:
            continue
        attributes: dict[str, str] = {}
        for part in header.split(";", 1)[1].split(";"):
            if "=" not in part:
                continue
            key, item = part.split("=", 1)
            attributes[key.strip().lower()] = item.strip()
        name = attributes.get("filename", "").strip()
        if not name and attributes.get("filename*"):
            encoded = attributes["filename*"].strip('"')
            name = unquote(encoded.split("''", 1)[-1]) if "''" in encoded else unquote(encoded)
        if not name:
            continue
        if len(name) >= 2 and name.startswith('"') and name.endswith('"'):
            name = name[1:-1]
        found = name
    return found


class MediaViewSet(WPViewSet):
    serializer_class = MediaSerializer
    parser_classes = [WordPressJSONParser, FormParser, MultiPartParser, RawBodyParser]
    not_found_code, not_found_message = "rest_post_invalid_id", "Invalid post ID."
    invalid_page_code = "rest_post_invalid_page_number"
    id_description = "Unique identifier for the post."

    # --- arguments ------------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return media_collection_args(getattr(self.request, "user", None))

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def update_args(self) -> dict[str, dict[str, Any]]:
        return with_template_check(
            super().update_args(), "attachment", getattr(self, "kwargs", {}).get("id")
        )

    def raw_params(self) -> dict[str, Any]:
        request = self.request
        content_type = (request.content_type or "").split(";", 1)[0].strip().lower()
        if content_type == "multipart/form-data" and not self.is_multipart():
            content_type = "application/octet-stream"  # no boundary: PHP keeps it a raw body
        self.raw_body, self.has_body, self.body_too_big = b"", False, False
        if self.action == "create" and content_type != "multipart/form-data":
            self.read_raw_body(content_type)
        self.body_is_parsed = content_type in PARSED_TYPES
        params = super().raw_params()
        if self.action in ("create", "update"):
            # WordPress validates and applies no argument sent as null, except the dates,
            # where null means "reset"
            params = {
                key: value
                for key, value in params.items()
                if value is not None or key in ("date", "date_gmt")
            }
        return params

    def body_params(self) -> dict[str, Any]:
        # a raw body (the file itself) holds no parameters
        return super().body_params() if self.body_is_parsed else {}

    def read_raw_body(self, content_type: str) -> None:
        """WordPress's get_body(): the body of any upload that is not multipart. A file body
        is read from the stream up to the upload limit (Django's in-memory limit is for forms);
        a JSON or form body is left to its parser unless it names a file."""
        django_request = self.request._request
        try:
            length = int(django_request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if content_type in PARSED_TYPES:
            self.has_body = length > 0
            if self.has_body and _header(self.request, "Content-Disposition"):
                try:
                    self.raw_body = django_request.body
                except RequestDataTooBig:
                    self.body_too_big = True
            return
        limit = max_upload_size()
        if length > limit:
            self.has_body = self.body_too_big = True
            return
        self.raw_body = django_request.read(limit + 1)
        self.has_body = bool(self.raw_body)
        self.body_too_big = len(self.raw_body) > limit

    def get_serializer_class(self) -> type[MediaSerializer]:
        return media_serializer_class()

    def prepare_items(self, items: list[Any]) -> dict[str, Any]:
        fields = self.response_fields()
        extra: dict[str, Any] = {}
        if fields is None or "meta" in fields:
            extra["meta"] = POST_META.load([item.pk for item in items], "attachment")
        if self.wp_context == "edit" and (fields is None or "generated_slug" in fields):
            extra["generated_slugs"] = media_services.generated_attachment_slugs(items)
        if fields is None or "link" in fields or "permalink_template" in fields:
            # the parents' ancestors, for links under a child page
            extra["ancestors"] = load_ancestors(
                [item.parent for item in items if item.parent_id and item.parent is not None]
            )
        return extra

    # --- rows -----------------------------------------------------------------------------------
    def page_response(self, rows: list[Post], total: int, max_pages: int, page: int) -> Response:
        """get_items() in edit context keeps the attachments the caller may edit
        (check_update_permission()); the totals still count every one found."""
        if self.wp_context == "edit":
            rows = [post for post in rows if can_edit_attachment(self.request.user, post)]
        return super().page_response(rows, total, max_pages, page)

    def get_queryset(self) -> QuerySet[Post]:
        return Post.objects.filter(type=Post.Type.ATTACHMENT).select_related("parent")

    def filter_queryset(self, queryset: QuerySet[Post]) -> QuerySet[Post]:
        return filter_media(queryset, self.params, self.request.user)

    def recount_empty_page(self, window: PageWindow) -> bool:
        return found_posts_recounted(window, self.params)

    # --- permissions ----------------------------------------------------------------------------
    def check_list_permission(self) -> None:
        user = self.request.user
        if self.wp_context == "edit" and not user_can(user, "edit_posts"):
            raise forbidden(
                user,
                "rest_forbidden_context",
                "Sorry, you are not allowed to edit posts in this post type.",
            )

    def check_retrieve_permission(self, obj: Post) -> None:
        user = self.request.user
        if self.wp_context == "edit" and not can_edit_attachment(user, obj):
            raise forbidden(
                user, "rest_forbidden_context", "Sorry, you are not allowed to edit this post."
            )
        if not can_read_post(user, obj):
            raise forbidden(user, "rest_forbidden", "Sorry, you are not allowed to do that.")

    def check_create_permission(self) -> None:
        check_can_upload(self.request.user, self.params)

    def check_update_permission(self, obj: Post) -> None:
        check_can_update(self.request.user, obj, self.params)

    def check_destroy_permission(self, obj: Post) -> None:
        check_can_delete(self.request.user, obj)

    def describe_route(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """OPTIONS, with the schema's `links` (get_schema_links()): the action relations an
        editor checks for, pointing at this site's item URL."""
        response = super().describe_route(request, *args, **kwargs)
        schema = response.data.get("schema") if isinstance(response.data, dict) else None
        if schema is not None:
            href = rest_url(request, "/wp/v2/media") + "/{id}"
            schema["links"] = [
                {
                    "rel": "https://api.w.org/action-unfiltered-html",
                    "title": "The current user can post unfiltered HTML markup and JavaScript.",
                    "href": href,
                    "targetSchema": {
                        "type": "object",
                        "properties": {"content": {"raw": {"type": "string"}}},
                    },
                },
                {
                    "rel": "https://api.w.org/action-assign-author",
                    "title": "The current user can change the author on this post.",
                    "href": href,
                    "targetSchema": {
                        "type": "object",
                        "properties": {"author": {"type": "integer"}},
                    },
                },
            ]
        return response

    # --- handlers -------------------------------------------------------------------------------
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        link = self.get_serializer_class()(context=self.get_serializer_context()).link(self.object)
        response["Link"] = f'<{link}>; rel="alternate"; type=text/html'
        return response

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().create(request, *args, **kwargs)
        response["X-WP-Upload-Attachment-ID"] = str(self.object.pk)
        return response

    def _check_write_params(self, params: dict[str, Any]) -> None:
        check_write_params(self.request.user, params)

    def write_fields(self, params: dict[str, Any]) -> dict[str, Any]:
        """The request's attachment fields as the media services take them (title, caption and
        description as a string or {"raw": ...})."""
        fields: dict[str, Any] = {}
        for name, value in params.items():
            if name not in media_services.MEDIA_FIELDS:
                continue
            if name in ("title", "caption", "description"):
                if name == "title" and isinstance(value, dict) and value.get("raw") in ("", "0"):
                    continue  # `! empty( $request['title']['raw'] )`, as for any post
                value = raw_text(value)
                if value is None:
                    continue
            fields[name] = value
        return fields

    def perform_create(self, params: dict[str, Any]) -> Post:
        self._check_write_params(params)
        data, filename, sideload = self.uploaded_file()
        user = self.request.user
        prospective = Post(type="attachment", status="inherit", author_id=user.pk)
        POST_META.check_can_write(prospective, params.get("meta"), user)
        return media_services.media_create(
            data=data,
            filename=filename,
            site_url=site_url(self.request),
            sideload=sideload,
            actor_id=user.pk,
            kses=needs_kses(user),
            mimes=allowed_mime_types(user),
            **self.write_fields(params),
        )

    def uploaded_file(self) -> tuple[bytes, str, bool]:
        """upload_from_file() / upload_from_data(): the bytes and the client's file name."""
        request = self.request
        files = request.FILES if self.is_multipart() else None
        md5 = _header(request, "Content-MD5")
        if files:
            upload = files.get("file")
            if upload is None:  # files, but none in `file`: wp_handle_upload() gets nothing
                raise WPError(
                    "rest_upload_unknown_error",
                    media_services.FAILED_UPLOAD_TEST,
                    media_services.BAD_FILE_STATUS,
                )
            if upload.size > max_upload_size():
                raise WPError(
                    "rest_upload_unknown_error",
                    "The uploaded file exceeds the upload_max_filesize directive in php.ini.",
                    media_services.TOO_BIG_STATUS,
                )
            data = upload.read()
            if md5 and md5 != media_services.content_md5(data):
                raise WPError(
                    "rest_upload_hash_mismatch", "Content hash did not match expected.", 412
                )
            return data, upload.name, False
        data = self.raw_body
        if not self.has_body:
            raise WPError("rest_upload_no_data", "No data supplied.", 400)
        if self.body_too_big:
            raise WPError(
                "rest_upload_file_too_big",
                "This file is too big. Files must be less "
                f"than {max_upload_size() // 1024} KB in size.",
                400,
            )
        if not _header(request, "Content-Type"):
            raise WPError("rest_upload_no_content_type", "No Content-Type supplied.", 400)
        disposition = _header(request, "Content-Disposition")
        if not disposition:
            raise WPError(
                "rest_upload_no_content_disposition", "No Content-Disposition supplied.", 400
            )
        filename = filename_from_disposition(disposition)
        if not filename:
            raise WPError(
                "rest_upload_invalid_disposition",
                "Invalid Content-Disposition supplied. Content-Disposition needs to be "
                'formatted as `attachment; filename="image.png"` or similar.',
                400,
            )
        if md5 and md5 != media_services.content_md5(data):
            raise WPError("rest_upload_hash_mismatch", "Content hash did not match expected.", 412)
        return data, filename, True

    def is_multipart(self) -> bool:
        content_type = (self.request.content_type or "").lower()
        return content_type.startswith("multipart/form-data") and "boundary=" in content_type

    def perform_update(self, obj: Post, params: dict[str, Any]) -> Post:
        self._check_write_params(params)
        POST_META.check_can_write(obj, params.get("meta"), self.request.user)
        return media_services.media_update(
            attachment=obj, kses=needs_kses(self.request.user), **self.write_fields(params)
        )

    # --- POST /wp/v2/media/<id>/post-process -----------------------------------------------------
    def post_process_args(self) -> dict[str, dict[str, Any]]:
        return {
            "id": {"description": "Unique identifier for the attachment.", "type": "integer"},
            "action": {"type": "string", "enum": ["create-image-subsizes"], "required": True},
        }

    def check_post_process_permission(self, obj: Post) -> None:
        check_can_update(self.request.user, obj, {})

    def post_process(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Creates the image sub-sizes an upload is missing, then answers in edit context."""
        post = media_services.media_create_missing_sizes(post=self.object)
        self.wp_context = "edit"
        return Response(self.serialize_one(self.reload(post)))

    # --- POST /wp/v2/media/<id>/edit ------------------------------------------------------------
    def edit_media_args(self) -> dict[str, dict[str, Any]]:
        return EDIT_ARGS

    def check_can_edit_images(self) -> None:
        user = self.request.user
        if not user_can(user, "upload_files"):
            raise forbidden(
                user,
                "rest_cannot_edit_image",
                "Sorry, you are not allowed to upload media on this site.",
            )

    def check_edit_media_permission(self, obj: Post) -> None:
        self.check_can_edit_images()
        check_can_update(self.request.user, obj, {})

    def edit_media(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rotates/crops the image into a new attachment (201, view context)."""
        edits = ("src", "modifiers", "rotation", "x", "y", "width", "height")
        user = request.user
        copy = media_services.media_edit(
            attachment=self.object,
            site_url=site_url(request),
            actor_id=user.pk,
            kses=needs_kses(user),
            mimes=allowed_mime_types(user),
            **{name: self.params.get(name) for name in edits},
        )
        self.object = self.reload(copy)
        response = Response(self.serialize_one(self.object), status=201)
        response["Location"] = rest_url(request, f"{self.base_route}/{copy.pk}")
        response["X-WP-Upload-Attachment-ID"] = str(copy.pk)
        return response

    def perform_destroy(self, obj: Post, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "The post does not support trashing. Set 'force=true' to delete.",
                501,
            )
        self.wp_context = "edit"
        previous = self.serialize_one(obj)
        previous.pop("_links", None)
        media_services.media_delete(post=obj)
        return {"deleted": True, "previous": previous}


class MediaPostProcessViewSet(MediaViewSet):
    """/wp/v2/media/<id>/post-process: registered by WordPress without a schema."""

    serializer_class = None  # type: ignore[assignment]


class MediaEditViewSet(MediaViewSet):
    """/wp/v2/media/<id>/edit: no schema, and `id` is not among its arguments."""

    serializer_class = None  # type: ignore[assignment]

    def url_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def get_object(self) -> Post:
        # edit_media_item_permissions_check() asks for upload_files before it looks the
        # attachment up
        if self.action == "edit_media":
            self.check_can_edit_images()
        return super().get_object()
