"""export_wxr: the site as a WXR 1.2 file, written as WordPress's exporter (export_wp()) writes
it, so WordPress's importer reads it and content can move back.

What wpapi keeps in columns goes back to the post meta WordPress keeps it in (_thumbnail_id,
_wp_attached_file, _wp_attachment_metadata serialized as PHP does, ...); registered array and
object meta, stored here as JSON, is serialized as PHP does too.

Unless `strict`, the file also carries, in the same wp: namespace, what WordPress's exporter
leaves out and its importer ignores: every user (not only authors) with their profile, roles and
meta, revisions, spam comments and comments' user agents, so a wpapi importing the file answers
as the one that wrote it. Passwords are never written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

import orjson
from django.utils import timezone

from comments.models import Comment, CommentMeta
from content.media.services import absolute_file_url
from content.models import Post, PostMeta
from content.permalinks import load_ancestors, post_guid, post_permalink
from taxonomy.models import Term, TermMeta, TermRelationship
from users.capabilities import roles_of
from users.models import User, UserMeta
from wpapi import php
from wpapi.dates import site_timezone
from wpapi.registry import post_types, registered_meta, taxonomies
from wpapi.site import options

WXR_VERSION = "1.2"
UPLOADS = "/wp-content/uploads/"
#: core's taxonomies (_builtin): WordPress's exporter lists the others' terms as wp:term
BUILTIN_TAXONOMIES = {"category", "post_tag", "nav_menu", "link_category", "post_format"}
CHUNK = 500
FORMAT_NAMES = {
    "aside": "Aside",
    "gallery": "Gallery",
    "link": "Link",
    "image": "Image",
    "quote": "Quote",
    "status": "Status",
    "video": "Video",
    "audio": "Audio",
    "chat": "Chat",
}
# XML 1.0 cannot hold these, even in CDATA
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

HEADER = "\n".join(
    [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<!-- This is a WordPress eXtended RSS file gener"
        "ated by WordPress as an export of your site. -->",
        "<!-- It contains information about your site's posts"
        ", pages, comments, categories, and other content. -->",
        "<!-- You may use this file to transfer that content from one site to another. -->",
        "<!-- This file is not intended to serve as a complete backup of your site. -->",
        "",
        "<!-- To import this information into a WordPress site follow these steps: -->",
        "<!-- 1. Log in to that site as an administrator. -->",
        "<!-- 2. Go to Tools: Import in the WordPress admin panel. -->",
        '<!-- 3. Install the "WordPress" importer from the list. -->',
        "<!-- 4. Activate & Run Importer. -->",
        "<!-- 5. Upload this file using the form provided on that page. -->",
        "<!-- 6. You will first be asked to map the authors in this export file to users -->",
        "<!--    on the site. For each author, you may choose to map to an -->",
        "<!--    existing user on the site or to create a new user. -->",
        "<!-- 7. WordPress will then import each of th"
        "e posts, pages, comments, categories, etc. -->",
        "<!--    contained in this file into your site. -->",
        "",
        "",
    ]
)


def cdata(text: Any) -> str:
    """wxr_cdata(): text in a CDATA section, a "]]>" inside split across two."""
    value = _NOT_XML.sub("", "" if text is None else str(text))
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escape(text: str) -> str:
    return (
        _NOT_XML.sub("", text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def mysql_date(value: datetime | None, zone: Any) -> str:
    if value is None:
        return "0000-00-00 00:00:00"
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def rss_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")


class WXRWriter:
    """Writes the whole site; queries a chunk of posts at a time."""

    def __init__(self, out: IO[str], *, site_url: str, strict: bool = False) -> None:
        self.out = out
        self.home = site_url.rstrip("/")
        self.strict = strict
        self.zone = site_timezone()
        self.counts: dict[str, int] = defaultdict(int)
        self.structured = self._structured_meta_keys()

    @staticmethod
    def _structured_meta_keys() -> dict[str, set[str]]:
        """Registered meta keys stored as JSON here (arrays, objects), by kind of object."""
        keys: dict[str, set[str]] = defaultdict(set)
        subtypes = {"post": list(post_types()), "term": list(taxonomies())}
        for kind in ("post", "term", "user", "comment"):
            for subtype in [None, *subtypes.get(kind, [])]:
                for meta_key in registered_meta(kind, subtype).values():
                    if meta_key.type in ("array", "object"):
                        keys[kind].add(meta_key.key)
        return keys

    def _meta_value(self, kind: str, key: str, value: str) -> str:
        """A stored meta value as WordPress stores it: PHP-serialized for arrays and objects."""
        if key in self.structured[kind] and value[:1] in ("[", "{"):
            try:
                return php.serialize(orjson.loads(value))
            except orjson.JSONDecodeError:
                return value
        return value

    def w(self, text: str) -> None:
        self.out.write(text)

    # --- the file ------------------------------------------------------------------------------
    def write(self) -> dict[str, int]:
        site = options()
        now = timezone.now()
        self.w(HEADER)
        self.w(
            f'\t<!-- generator="wpapi" created="{now.strftime("%Y-%m-%d %H:%M")}" -->\n'
            '<rss version="2.0"\n'
            f'\txmlns:excerpt="http://wordpress.org/export/{WXR_VERSION}/excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            f'\txmlns:wp="http://wordpress.org/export/{WXR_VERSION}/"\n>\n\n<channel>\n'
        )
        language = str(site.get("language") or "en_US").replace("_", "-")
        self.w(f"\t<title>{escape(str(site.get('title') or ''))}</title>\n")
        self.w(f"\t<link>{escape(self.home)}</link>\n")
        self.w(f"\t<description>{escape(str(site.get('description') or ''))}</description>\n")
        self.w(f"\t<pubDate>{rss_date(now)}</pubDate>\n")
        self.w(f"\t<language>{escape(language)}</language>\n")
        self.w(f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n")
        self.w(f"\t<wp:base_site_url>{escape(self.home)}</wp:base_site_url>\n")
        self.w(f"\t<wp:base_blog_url>{escape(self.home)}</wp:base_blog_url>\n\n")
        post_ids = list(self._posts().values_list("pk", flat=True))
        self._authors(post_ids)
        self._terms()
        self.w("\t<generator>wpapi</generator>\n")
        for chunk in _chunks(post_ids, CHUNK):
            self._items(chunk)
        self.w("</channel>\n</rss>\n")
        return dict(self.counts)

    def _posts(self) -> Any:
        posts = Post.objects.exclude(status="auto-draft")
        if self.strict:
            posts = posts.exclude(type="revision")
        return posts.order_by("id")

    # --- users -------------------------------------------------------------------------------
    def _authors(self, post_ids: list[int]) -> None:
        users = User.objects.order_by("id")
        if self.strict:
            users = users.filter(posts__in=Post.objects.exclude(status="auto-draft")).distinct()
        meta: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if not self.strict:
            for user_id, key, value in UserMeta.objects.order_by("id").values_list(
                "user_id", "key", "value"
            ):
                meta[user_id].append((key, value))
        for user in users:
            self.w(
                "\t<wp:author>"
                f"<wp:author_id>{user.pk}</wp:author_id>"
                f"<wp:author_login>{cdata(user.username)}</wp:author_login>"
                f"<wp:author_email>{cdata(user.email)}</wp:author_email>"
                f"<wp:author_display_name>{cdata(user.display_name)}</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(user.first_name)}</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(user.last_name)}</wp:author_last_name>"
            )
            if not self.strict:
                registered = mysql_date(user.date_joined, UTC)
                self.w(
                    f"<wp:author_nicename>{cdata(user.nicename)}</wp:author_nicename>"
                    f"<wp:author_nickname>{cdata(user.nickname)}</wp:author_nickname>"
                    f"<wp:author_url>{cdata(user.url)}</wp:author_url>"
                    f"<wp:author_description>{cdata(user.description)}</wp:author_description>"
                    f"<wp:author_locale>{cdata(user.locale)}</wp:author_locale>"
                    f"<wp:author_registered>{cdata(registered)}</wp:author_registered>"
                    f"<wp:author_roles>{cdata(','.join(roles_of(user)))}</wp:author_roles>"
                )
                for key, value in meta.get(user.pk, []):
                    self.w(
                        f"<wp:usermeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
                        f"<wp:meta_value>{cdata(self._meta_value('user', key, value))}"
                        "</wp:meta_value></wp:usermeta>"
                    )
            self.w("</wp:author>\n")
            self.counts["users"] += 1
        self.w("\n")

    # --- terms -------------------------------------------------------------------------------
    def _terms(self) -> None:
        terms = list(Term.objects.order_by("id"))
        by_id = {term.pk: term for term in terms}
        meta: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for term_id, key, value in TermMeta.objects.order_by("id").values_list(
            "term_id", "key", "value"
        ):
            meta[term_id].append((key, value))
        ordered = _parents_first(terms)
        custom = [term for term in ordered if term.taxonomy not in BUILTIN_TAXONOMIES]
        # export_wp() asks get_terms() for the custom taxonomies' terms; with none registered
        # it asks for no taxonomy, which is every term: each is listed again as a wp:term
        listed = [
            (term, term.taxonomy) for term in ordered if term.taxonomy in ("category", "post_tag")
        ]
        listed += [(term, "") for term in (custom or ordered)]
        for term, kind in listed:
            parent = by_id[term.parent_id].slug if term.parent_id in by_id else ""
            body = "".join(
                "\t\t<wp:termmeta>\n"
                f"\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
                f"\t\t\t<wp:meta_value>{cdata(self._meta_value('term', key, value))}"
                "</wp:meta_value>\n\t\t</wp:termmeta>\n"
                for key, value in meta.get(term.pk, [])
            )
            if kind == "category":
                self.w(
                    f"\t<wp:category>\n\t\t<wp:term_id>{term.pk}</wp:term_id>\n"
                    f"\t\t<wp:category_nicename>{cdata(term.slug)}</wp:category_nicename>\n"
                    f"\t\t<wp:category_parent>{cdata(parent)}</wp:category_parent>\n"
                    + (f"<wp:cat_name>{cdata(term.name)}</wp:cat_name>\n" if term.name else "")
                    + (
                        f"<wp:category_description>{cdata(term.description)}"
                        "</wp:category_description>\n"
                        if term.description
                        else ""
                    )
                    + body
                    + "\t</wp:category>\n"
                )
            elif kind == "post_tag":
                self.w(
                    f"\t<wp:tag>\n\t\t<wp:term_id>{term.pk}</wp:term_id>\n"
                    f"\t\t<wp:tag_slug>{cdata(term.slug)}</wp:tag_slug>\n"
                    + (f"<wp:tag_name>{cdata(term.name)}</wp:tag_name>\n" if term.name else "")
                    + (
                        f"<wp:tag_description>{cdata(term.description)}</wp:tag_description>\n"
                        if term.description
                        else ""
                    )
                    + body
                    + "\t</wp:tag>\n"
                )
            else:
                self.w(
                    f"\t<wp:term>\n\t\t<wp:term_id>{term.pk}</wp:term_id>\n"
                    f"\t\t<wp:term_taxonomy>{cdata(term.taxonomy)}</wp:term_taxonomy>\n"
                    f"\t\t<wp:term_slug>{cdata(term.slug)}</wp:term_slug>\n"
                    f"\t\t<wp:term_parent>{cdata(parent)}</wp:term_parent>\n"
                    + (f"<wp:term_name>{cdata(term.name)}</wp:term_name>\n" if term.name else "")
                    + (
                        f"\t\t<wp:term_description>{cdata(term.description)}"
                        "</wp:term_description>\n"
                        if term.description
                        else ""
                    )
                    + body
                    + "\t</wp:term>\n"
                )
        for term in ordered:  # wxr_nav_menu_terms()
            if term.taxonomy == "nav_menu":
                self.w(
                    f"\t<wp:term><wp:term_id>{term.pk}</wp:term_id>"
                    "<wp:term_taxonomy>nav_menu</wp:term_taxonomy>"
                    f"<wp:term_slug>{cdata(term.slug)}</wp:term_slug>"
                    + (f"<wp:term_name>{cdata(term.name)}</wp:term_name>\n" if term.name else "")
                    + "</wp:term>\n"
                )
        self.counts["terms"] = len(terms)
        self.w("\n")

    # --- posts -------------------------------------------------------------------------------
    def _items(self, ids: list[int]) -> None:
        posts = list(
            Post.objects.filter(pk__in=ids).select_related("author", "parent").order_by("id")
        )
        ancestors = load_ancestors(posts)
        meta: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for post_id, key, value in (
            PostMeta.objects.filter(post_id__in=ids)
            .order_by("id")
            .values_list("post_id", "key", "value")
        ):
            meta[post_id].append((key, value))
        terms: dict[int, list[Term]] = defaultdict(list)
        for rel in (
            TermRelationship.objects.filter(post_id__in=ids)
            .select_related("term")
            .order_by("term_order", "id")
        ):
            terms[rel.post_id].append(rel.term)
        comments: dict[int, list[Comment]] = defaultdict(list)
        found = Comment.objects.filter(post_id__in=ids).order_by("id")
        if self.strict:
            found = found.exclude(status=Comment.Status.SPAM)
        for comment in found:
            comments[comment.post_id].append(comment)
        comment_meta: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for comment_id, key, value in (
            CommentMeta.objects.filter(comment__post_id__in=ids)
            .order_by("id")
            .values_list("comment_id", "key", "value")
        ):
            comment_meta[comment_id].append((key, value))
        for post in posts:
            self._item(
                post, ancestors, meta[post.pk], terms[post.pk], comments[post.pk], comment_meta
            )

    def _link(self, post: Post, ancestors: Any) -> str:
        if post.type == "attachment":
            return f"{self.home}/?attachment_id={post.pk}"
        return post_permalink(self.home, post, ancestors)

    def _item(
        self,
        post: Post,
        ancestors: Any,
        meta: list[tuple[str, str]],
        terms: list[Term],
        comments: list[Comment],
        comment_meta: dict[int, list[tuple[str, str]]],
    ) -> None:
        zone = self.zone
        date_gmt = mysql_date(post.date, UTC) if post.date_gmt_set else "0000-00-00 00:00:00"
        author = post.author.username if post.author else ""
        w = self.w
        w("\t<item>\n")
        w(f"\t\t<title>{cdata(post.title)}</title>\n")
        w(f"\t\t<link>{escape(self._link(post, ancestors))}</link>\n")
        w(f"\t\t<pubDate>{rss_date(post.date) if post.date_gmt_set else ''}</pubDate>\n")
        w(f"\t\t<dc:creator>{cdata(author)}</dc:creator>\n")
        w(f'\t\t<guid isPermaLink="false">{escape(post_guid(self.home, post))}</guid>\n')
        w("\t\t<description></description>\n")
        w(f"\t\t<content:encoded>{cdata(post.content)}</content:encoded>\n")
        w(f"\t\t<excerpt:encoded>{cdata(post.excerpt)}</excerpt:encoded>\n")
        w(f"\t\t<wp:post_id>{post.pk}</wp:post_id>\n")
        w(f"\t\t<wp:post_date>{cdata(mysql_date(post.date, zone))}</wp:post_date>\n")
        w(f"\t\t<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>\n")
        w(f"\t\t<wp:post_modified>{cdata(mysql_date(post.modified, zone))}</wp:post_modified>\n")
        w(
            f"\t\t<wp:post_modified_gmt>{cdata(mysql_date(post.modified, UTC))}"
            "</wp:post_modified_gmt>\n"
        )
        w(f"\t\t<wp:comment_status>{cdata(post.comment_status)}</wp:comment_status>\n")
        w(f"\t\t<wp:ping_status>{cdata(post.ping_status)}</wp:ping_status>\n")
        w(f"\t\t<wp:post_name>{cdata(post.slug)}</wp:post_name>\n")
        w(f"\t\t<wp:status>{cdata(post.status)}</wp:status>\n")
        w(f"\t\t<wp:post_parent>{post.parent_id or 0}</wp:post_parent>\n")
        w(f"\t\t<wp:menu_order>{post.menu_order}</wp:menu_order>\n")
        w(f"\t\t<wp:post_type>{cdata(post.type)}</wp:post_type>\n")
        w(f"\t\t<wp:post_password>{cdata(post.password)}</wp:post_password>\n")
        w(f"\t\t<wp:is_sticky>{1 if post.sticky else 0}</wp:is_sticky>\n")
        if post.type == "attachment":
            url = absolute_file_url(post.file.name, self.home) if post.file else ""
            w(f"\t\t<wp:attachment_url>{cdata(url)}</wp:attachment_url>\n")
        if not self.strict and post.mime_type:
            w(f"\t\t<wp:post_mime_type>{cdata(post.mime_type)}</wp:post_mime_type>\n")
        for term in terms:
            w(
                f'\t\t<category domain="{escape(term.taxonomy)}" nicename="{escape(term.slug)}">'
                f"{cdata(term.name)}</category>\n"
            )
        if post.format and post.format != "standard":
            name = FORMAT_NAMES.get(post.format, post.format.title())
            w(
                f'\t\t<category domain="post_format" nicename="post-format-{escape(post.format)}">'
                f"{cdata(name)}</category>\n"
            )
        for key, value in self._post_meta(post, meta, comments):
            w(
                "\t\t<wp:postmeta>\n"
                f"\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
                f"\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n"
                "\t\t</wp:postmeta>\n"
            )
        for comment in comments:
            self._comment(comment, comment_meta.get(comment.pk, []))
        w("\t\t</item>\n")
        self.counts["posts"] += 1

    def _post_meta(
        self, post: Post, meta: list[tuple[str, str]], comments: list[Comment]
    ) -> Iterator[tuple[str, str]]:
        """The post's meta as WordPress keeps it: wpapi's columns back as meta first."""
        if post.type == "attachment" and post.file:
            name = post.file.name
            if name.startswith(("http://", "https://")):  # left on the old site
                name = name.split("/wp-content/uploads/", 1)[1] if UPLOADS in name else ""
            if name:
                yield "_wp_attached_file", name
            if post.media_details:
                yield "_wp_attachment_metadata", php.serialize(post.media_details)
            if post.alt_text:
                yield "_wp_attachment_image_alt", post.alt_text
        if post.template or post.type == "page":
            yield "_wp_page_template", post.template or "default"
        if post.featured_media_id:
            yield "_thumbnail_id", str(post.featured_media_id)
        if post.trashed_from_status:
            yield "_wp_trash_meta_status", post.trashed_from_status
        before = {c.pk: c.status_before_post_trash for c in comments if c.status_before_post_trash}
        if before:
            yield (
                "_wp_trash_meta_comments_status",
                php.serialize({str(k): v for k, v in before.items()}),
            )
        for key, value in meta:
            if key == "_edit_lock":
                continue
            yield key, self._meta_value("post", key, value)

    def _comment(self, comment: Comment, meta: list[tuple[str, str]]) -> None:
        zone = self.zone
        w = self.w
        w("\t\t<wp:comment>\n")
        w(f"\t\t\t<wp:comment_id>{comment.pk}</wp:comment_id>\n")
        w(f"\t\t\t<wp:comment_author>{cdata(comment.author_name)}</wp:comment_author>\n")
        w(
            f"\t\t\t<wp:comment_author_email>{cdata(comment.author_email)}"
            "</wp:comment_author_email>\n"
        )
        w(f"\t\t\t<wp:comment_author_url>{escape(comment.author_url)}</wp:comment_author_url>\n")
        w(f"\t\t\t<wp:comment_author_IP>{cdata(comment.author_ip)}</wp:comment_author_IP>\n")
        w(f"\t\t\t<wp:comment_date>{cdata(mysql_date(comment.date, zone))}</wp:comment_date>\n")
        w(
            f"\t\t\t<wp:comment_date_gmt>{cdata(mysql_date(comment.date, UTC))}"
            "</wp:comment_date_gmt>\n"
        )
        w(f"\t\t\t<wp:comment_content>{cdata(comment.content)}</wp:comment_content>\n")
        w(f"\t\t\t<wp:comment_approved>{cdata(comment.status)}</wp:comment_approved>\n")
        w(f"\t\t\t<wp:comment_type>{cdata(comment.type)}</wp:comment_type>\n")
        w(f"\t\t\t<wp:comment_parent>{comment.parent_id or 0}</wp:comment_parent>\n")
        w(f"\t\t\t<wp:comment_user_id>{comment.user_id or 0}</wp:comment_user_id>\n")
        if not self.strict:
            w(f"\t\t\t<wp:comment_agent>{cdata(comment.author_user_agent)}</wp:comment_agent>\n")
            w(f"\t\t\t<wp:comment_karma>{comment.karma}</wp:comment_karma>\n")
        rows = list(meta)
        if comment.previous_status:
            rows.insert(0, ("_wp_trash_meta_status", comment.previous_status))
        for key, value in rows:
            w(
                "\t<wp:commentmeta>\n"
                f"\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
                f"\t\t\t<wp:meta_value>{cdata(self._meta_value('comment', key, value))}"
                "</wp:meta_value>\n\t\t\t</wp:commentmeta>\n"
            )
        w("\t\t</wp:comment>\n")
        self.counts["comments"] += 1


def _parents_first(terms: Iterable[Term]) -> list[Term]:
    """Terms ordered with no child before its parent (export_wp's loop)."""
    pending = list(terms)
    placed: dict[int, Term] = {}
    ids = {term.pk for term in pending}
    while pending:
        progress = False
        rest = []
        for term in pending:
            if not term.parent_id or term.parent_id in placed or term.parent_id not in ids:
                placed[term.pk] = term
                progress = True
            else:
                rest.append(term)
        if not progress:  # a loop in the data: the rest as they are
            for term in rest:
                placed[term.pk] = term
            break
        pending = rest
    return list(placed.values())


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
