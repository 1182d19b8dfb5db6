"""The wp/v2 shape of an attachment (WP_REST_Attachments_Controller::prepare_item_for_response).

Everything is computed from the row and its select_related parent: no queries here.
`description.rendered` is the_content with prepend_attachment (a link to the file, showing the
medium-size image for images), `caption.rendered` the_excerpt (generated from that when no
caption is written), `media_details` the stored metadata with each size's URL and a synthesised
`full` entry.
"""

from __future__ import annotations

import html
import posixpath
from functools import cache
from typing import Any

from content.media import images
from content.media.schema import MEDIA_SCHEMA
from content.media.services import absolute_file_url
from content.meta_fields import POST_META
from content.models import Post
from content.permalinks import post_guid, post_permalink
from users.capabilities import user_can
from wpapi.links import rest_url, site_url
from wpapi.serializers import WPSerializer

WP = "https://api.w.org/"


def is_image(post: Post) -> bool:
    """wp_attachment_is_image(): an image MIME type and an image extension."""
    name = post.file.name if post.file else ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return post.mime_type.startswith("image/") and ext in images.IMAGE_EXTENSIONS


AUDIO_EXTENSIONS = ("mp3", "ogg", "flac", "m4a", "wav")
VIDEO_EXTENSIONS = ("mp4", "m4v", "webm", "ogv", "flv")


def media_kind(post: Post) -> str:
    """wp_attachment_is("audio"/"video"): the MIME type and one of the player's extensions."""
    name = post.file.name if post.file else ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if post.mime_type.startswith("audio/") and ext in AUDIO_EXTENSIONS:
        return "audio"
    if post.mime_type.startswith("video/") and ext in VIDEO_EXTENSIONS:
        return "video"
    return ""


class MediaSerializer(WPSerializer):
    schema = MEDIA_SCHEMA

    # --- helpers reading only the row -----------------------------------------------------------
    @property
    def request(self) -> Any:
        return self.context.get("request")

    @property
    def user(self) -> Any:
        return getattr(self.request, "user", None)

    def home(self) -> str:
        return site_url(self.request)

    def file_url(self, name: str) -> str:
        return absolute_file_url(name, self.home())

    def source_url(self, post: Post) -> str:
        return self.file_url(post.file.name) if post.file else ""

    def sibling_url(self, post: Post, file: str) -> str:
        """The URL of a file next to the attached one (a sub-size), through the storage, so
        signed S3 URLs stay valid."""
        folder = posixpath.dirname(post.file.name) if post.file else ""
        return self.file_url(posixpath.join(folder, posixpath.basename(file)))

    def details(self, post: Post) -> dict[str, Any]:
        return post.media_details if isinstance(post.media_details, dict) else {}

    def parent_link(self, parent: Post) -> str | None:
        """The parent's pretty permalink (/%postname%/, pages under their ancestors), or None
        when WordPress would fall back to ?attachment_id= (unpublished or unknown parent)."""
        if parent.status == Post.Status.PRIVATE:
            if not user_can(self.user, "read_post", parent):
                return None
        elif parent.status != Post.Status.PUBLISH:
            return None
        if not parent.slug or parent.type in ("attachment", "revision"):
            return None
        return post_permalink(self.home(), parent, self.context.get("ancestors", {}))

    def link(self, post: Post, sample: bool = False) -> str:
        """get_attachment_link(): under the parent's permalink, at the root when unattached."""
        home = self.home()
        plain = f"{home}/?attachment_id={post.pk}"
        name = "%postname%" if sample else post.slug
        # wp_force_plain_post_permalink(): trashed attachments, and private ones the user cannot
        # read, get the plain link
        if post.status == Post.Status.TRASH or (
            post.status == Post.Status.PRIVATE and not user_can(self.user, "read_post", post)
        ):
            return plain
        if post.parent_id:
            parent = post.parent
            base = self.parent_link(parent) if parent is not None else None
            if not sample and post.slug.isdigit():  # /<parent>/<n>/ would be a page number
                name = f"attachment/{post.slug}"
            return f"{base}{name}/" if base else plain
        if sample or not post.slug:
            return plain
        return f"{home}/{name}/"

    # --- rendering ----------------------------------------------------------------------------
    def attachment_html(self, post: Post) -> str:
        """prepend_attachment(): the [audio]/[video] player, else <p class="attachment"> with a
        link to the file (showing the medium size of an image)."""
        url = self.source_url(post)
        kind = media_kind(post)
        if kind:
            return self.player(post, kind, url)
        if is_image(post):
            inner = self.image_tag(post, "medium")
        else:
            from content.formatting import render_title

            inner = render_title(post.title) or posixpath.basename(post.file.name or "")
        return f"<p class=\"attachment\"><a href='{url}'>{inner}</a></p>"

    def player(self, post: Post, kind: str, url: str) -> str:
        """wp_audio_shortcode() / wp_video_shortcode() as the_content shows them; WordPress
        counts instances per request, so the ids and ?_= numbers do too."""
        counters = self.context.setdefault("media_instances", {"audio": 0, "video": 0})
        counters[kind] += 1
        instance = counters[kind]
        head = (
            f"<!--[if lt IE 9]><script>document.createElement('{kind}');</script><![endif]-->\n"
            if instance == 1
            else ""
        )
        ext = url.split("?", 1)[0].rsplit(".", 1)[-1].lower()
        mime = {
            "mp3": "audio/mpeg",
            "m4a": "audio/mpeg",
            "ogg": "audio/ogg",
            "wav": "audio/wav",
            "flac": "audio/flac",
            "mp4": "video/mp4",
            "m4v": "video/mp4",
            "webm": "video/webm",
            "ogv": "video/ogg",
            "flv": "video/x-flv",
        }.get(ext, post.mime_type)
        joiner = "&" if "?" in url else "?"
        source = (
            f'<source type="{mime}" src="{html.escape(url)}{joiner}_={instance}" />'
            f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
        )
        if kind == "audio":
            return (
                f'{head}<audio class="wp-audio-shortcode" id="audio-{post.pk}-{instance}" '
                'preload="none" style="width: 100%;" controls="controls">'
                f"{source}</audio>"
            )
        details = self.details(post)
        width = int(details.get("width") or 640)
        height = int(details.get("height") or 360)
        return (
            f'<div style="width: {width}px;" class="wp-video">{head}<video '
            f'class="wp-video-shortcode" id="video-{post.pk}-{instance}" width="{width}" '
            f'height="{height}" preload="metadata" controls="controls">{source}</video>'
            "</div>"
        )

    def image_tag(self, post: Post, size: str) -> str:
        """wp_get_attachment_image(): <img> with srcset/sizes when two files share the ratio."""
        details = self.details(post)
        file, width, height = images.downsize(details, size)
        src = self.sibling_url(post, file) if file else self.source_url(post)
        alt = html.escape(post.alt_text.strip(), quote=True)
        attrs = (
            f'width="{width}" height="{height}" src="{src}" '
            f'class="attachment-{size} size-{size}" alt="{alt}" decoding="async" '
            'loading="lazy"'
        )
        srcset = images.srcset(
            details, lambda name: self.sibling_url(post, name), src, width, height
        )
        if srcset:
            attrs += f' srcset="{srcset}" sizes="(max-width: {width}px) 100vw, {width}px"'
        return f"<img {attrs} />"

    def description_rendered(self, post: Post) -> str:
        from content.formatting import capital_p_dangit, wpautop, wptexturize

        body = wpautop(capital_p_dangit(wptexturize(post.content))) if post.content else ""
        return f"{self.attachment_html(post)}\n{body}"

    def caption_rendered(self, post: Post) -> str:
        """get_the_excerpt + the_excerpt: the caption, or 55 words of the rendered
        description."""
        from content.formatting import capital_p_dangit, trim_words, wpautop, wptexturize

        text = post.excerpt
        if not text.strip():
            text = trim_words(self.description_rendered(post).replace("]]>", "]]&gt;"))
        if not text:
            return ""
        return wpautop(capital_p_dangit(wptexturize(text)))

    def media_details(self, post: Post) -> Any:
        """The stored metadata in its order, `sizes` with each file's URL and, for images, a
        synthesised `full` entry (`sizes` is added at the end when the metadata has none)."""
        details = self.details(post)
        if not details:
            return {}
        ordered: dict[str, Any] = {}
        for name, size in (details.get("sizes") or {}).items():
            entry = {key: size.get(key) for key in ("file", "width", "height")}
            if "filesize" in size:
                entry["filesize"] = size["filesize"]
            entry["mime_type"] = size.get("mime_type") or size.get("mime-type")
            entry["source_url"] = self.sibling_url(post, str(size.get("file")))
            ordered[name] = entry
        if ordered and is_image(post) and details.get("width"):
            ordered["full"] = {
                "file": posixpath.basename(post.file.name),
                "width": details.get("width"),
                "height": details.get("height"),
                "mime_type": post.mime_type,
                "source_url": self.source_url(post),
            }
        result = dict(details)
        result["sizes"] = ordered
        return result

    def missing_image_sizes(self, post: Post) -> list[str]:
        """wp_get_missing_image_subsizes(): registered sizes this image should have but lacks."""
        details = self.details(post)
        if not is_image(post) or not details.get("width"):
            return []
        have = set((details.get("sizes") or {}).keys())
        planned = images.planned_sizes(int(details["width"]), int(details["height"] or 0))
        return [name for name in images.IMAGE_SIZES if name in planned and name not in have]

    # --- the item ------------------------------------------------------------------------------
    def to_representation(self, post: Post) -> dict[str, Any]:  # noqa: C901 - one field each
        from content.formatting import render_title

        want = self.wants
        data: dict[str, Any] = {}
        if want("id"):
            data["id"] = post.pk
        self.put_date(data, "date", post.date)
        if want("guid"):
            guid = post_guid(self.home(), post)
            data["guid"] = {"rendered": guid, "raw": guid}
        self.put_date(data, "modified", post.modified)
        self.put_fields(data, post, "slug", "status", "type")
        if want("link"):
            data["link"] = self.link(post)
        if want("title"):
            data["title"] = {"raw": post.title, "rendered": render_title(post.title)}
        if want("author"):
            data["author"] = post.author_id or 0
        self.put_fields(data, post, "comment_status", "ping_status", "template")
        if want("meta"):
            data["meta"] = POST_META.value(self.context.get("meta", {}).get(post.pk), "attachment")
        if self.wp_context == "edit":
            if want("permalink_template"):
                data["permalink_template"] = self.link(post, sample=True)
            if want("generated_slug"):
                data["generated_slug"] = self.context.get("generated_slugs", {}).get(post.pk, "")
        if want("description"):
            data["description"] = {"raw": post.content, "rendered": self.description_rendered(post)}
        if want("caption"):
            data["caption"] = {"raw": post.excerpt, "rendered": self.caption_rendered(post)}
        if want("alt_text"):
            data["alt_text"] = post.alt_text
        if want("media_type"):
            data["media_type"] = "image" if is_image(post) else "file"
        if want("mime_type"):
            data["mime_type"] = post.mime_type
        if want("media_details"):
            data["media_details"] = self.media_details(post)
        if want("post"):
            data["post"] = post.parent_id or None
        if want("source_url"):
            data["source_url"] = self.source_url(post)
        if want("missing_image_sizes") and self.wp_context == "edit":
            data["missing_image_sizes"] = self.missing_image_sizes(post)
        return data

    def links(self, post: Post) -> dict[str, list[dict[str, Any]]]:
        request = self.request
        self_url = rest_url(request, f"/wp/v2/media/{post.pk}")
        links: dict[str, list[dict[str, Any]]] = {
            "self": [{"href": self_url}],
            "collection": [{"href": rest_url(request, "/wp/v2/media")}],
            "about": [{"href": rest_url(request, "/wp/v2/types/attachment")}],
        }
        if post.author_id:
            links["author"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/users/{post.author_id}")}
            ]
        links["replies"] = [
            {"embeddable": True, "href": rest_url(request, "/wp/v2/comments", {"post": post.pk})}
        ]
        if self.wp_context == "edit":
            if user_can(self.user, "unfiltered_html"):
                links[WP_ACTION_UNFILTERED] = [{"href": self_url}]
            if user_can(self.user, "edit_others_posts"):
                links[WP_ACTION_ASSIGN_AUTHOR] = [{"href": self_url}]
        return links


WP_ACTION_UNFILTERED = "wp:action-unfiltered-html"
WP_ACTION_ASSIGN_AUTHOR = "wp:action-assign-author"


@cache
def _with_meta(signature: str) -> type[MediaSerializer]:
    props = {**MEDIA_SCHEMA["properties"], "meta": POST_META.field_schema("attachment")}
    schema = {**MEDIA_SCHEMA, "properties": props}
    return type("MediaSerializer", (MediaSerializer,), {"schema": schema})


def media_serializer_class() -> type[MediaSerializer]:
    """The serializer, with the post meta registered for attachments in its schema."""
    return _with_meta(POST_META.signature("attachment"))
