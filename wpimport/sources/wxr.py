"""A WXR file (WordPress's Tools > Export) read into records.

The file is read once, streaming, before anything is written: a file that is not well-formed
XML, or holds a value that cannot be read, stops the import with the line it is on and leaves
the database untouched. WXR 1.0 to 1.2 are read (the wp: namespace's version is not checked).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from wpimport.records import (
    CommentRecord,
    PostRecord,
    SiteRecord,
    SourceError,
    TermRecord,
    UserRecord,
    parse_int,
    parse_wp_date,
)
from wpimport.sources.base import Source

WP_NS_PREFIX = "{http://wordpress.org/export/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
EXCERPT_PREFIX = "{http://wordpress.org/export/"  # excerpt's namespace is .../excerpt/


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_wp(tag: Any) -> bool:
    return isinstance(tag, str) and tag.startswith(WP_NS_PREFIX) and "/excerpt/" not in tag


def _text(element: Any) -> str:
    return element.text or "" if element is not None else ""


def _wp_fields(element: Any) -> dict[str, str]:
    """The element's wp:* children that hold text, by local name (the first of each)."""
    fields: dict[str, str] = {}
    for child in element:
        if _is_wp(child.tag) and len(child) == 0:
            fields.setdefault(_local(child.tag), child.text or "")
    return fields


def _meta(element: Any, tag: str) -> list[tuple[str, str]]:
    """wp:postmeta / wp:termmeta / wp:commentmeta children as (key, value) in file order."""
    rows = []
    for child in element:
        if _is_wp(child.tag) and _local(child.tag) == tag:
            fields = _wp_fields(child)
            rows.append((fields.get("meta_key", ""), fields.get("meta_value", "")))
    return rows


LEGACY_DOMAINS = {"tag": "post_tag", "": "category"}


class WXRSource(Source):
    """The content of one WXR file, read in full (records, not XML, are kept in memory)."""

    kind = "wxr"

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.label = str(path)
        self._users: dict[int, UserRecord] = {}
        self._logins: dict[str, int] = {}
        self._terms: dict[tuple[str, int], TermRecord] = {}
        self._term_ids: dict[tuple[str, str], int] = {}
        self._posts: list[PostRecord] = []
        self._channel: dict[str, str] = {}
        self._synthetic = 0
        self.unknown_authors: set[str] = set()
        self._read()
        self._resolve()
        # in ID order, as a database is read: rows land in the order of the tables' keys
        self._posts.sort(key=lambda post: post.id)
        # WordPress's exporter leaves revisions out; wpapi's export_wxr writes them
        self.has_revisions = any(post.type == "revision" for post in self._posts)

    # --- reading ---------------------------------------------------------------------------
    def _where(self, element: Any) -> str:
        return f"{self.path.name} line {element.sourceline}"

    def _read(self) -> None:
        if not self.path.is_file():
            raise SourceError(str(self.path), "no such file")
        try:
            events = etree.iterparse(
                str(self.path),
                events=("end",),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=True,
                remove_comments=True,
            )
            saw_channel = False
            for _event, element in events:
                tag = element.tag
                parent = element.getparent()
                parent_tag = parent.tag if parent is not None else None
                if tag == "item" and parent_tag == "channel":
                    self._posts.append(self._item(element))
                    self._forget(element)
                elif _is_wp(tag) and parent_tag == "channel":
                    self._channel_element(element)
                    self._forget(element)
                elif parent_tag == "channel" and len(element) == 0:
                    self._channel.setdefault(_local(tag), element.text or "")
                elif tag == "channel":
                    saw_channel = True
        except etree.XMLSyntaxError as error:
            line = getattr(error, "lineno", None) or (error.position[0] if error.position else 0)
            raise SourceError(
                f"{self.path.name} line {line}", f"not a well-formed XML file: {error.msg}"
            ) from None
        except OSError as error:
            raise SourceError(str(self.path), f"cannot be read: {error}") from None
        if not saw_channel:
            raise SourceError(self.path.name, "not a WXR file: no <rss><channel> element")
        url = (
            self._channel.get("base_blog_url")
            or self._channel.get("link")
            or self._channel.get("base_site_url")
            or ""
        ).rstrip("/")
        self.site = SiteRecord(
            url=url,
            where=self.path.name,
            options=self._options(),
            uploads_url=f"{url}/wp-content/uploads" if url else "",
        )

    @staticmethod
    def _forget(element: Any) -> None:
        """Free what was read: iterparse would otherwise keep the whole tree."""
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]

    def _options(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if "title" in self._channel:
            options["blogname"] = self._channel["title"]
        if "description" in self._channel:
            options["blogdescription"] = self._channel["description"]
        language = self._channel.get("language", "")
        if language:
            options["WPLANG"] = "" if language == "en-US" else language.replace("-", "_")
        return options

    def _channel_element(self, element: Any) -> None:
        name = _local(element.tag)
        where = self._where(element)
        if name == "author":
            self._author(element, where)
        elif name in ("category", "tag", "term"):
            self._term(element, name, where)
        elif len(element) == 0:
            self._channel.setdefault(name, element.text or "")

    def _next_synthetic(self) -> int:
        """An ID for what the file names without one (resolved to a new ID on import)."""
        self._synthetic -= 1
        return self._synthetic

    def _author(self, element: Any, where: str) -> None:
        fields = _wp_fields(element)
        login = fields.get("author_login", "")
        if not login:
            raise SourceError(where, "wp:author has no wp:author_login")
        user_id = parse_int(fields.get("author_id") or 0, where, "wp:author_id")
        if user_id <= 0:
            user_id = self._next_synthetic()
        user = UserRecord(
            id=user_id,
            login=login,
            where=where,
            email=fields.get("author_email", ""),
            display_name=fields.get("author_display_name", ""),
            first_name=fields.get("author_first_name", ""),
            last_name=fields.get("author_last_name", ""),
        )
        if "author_roles" in fields:  # written by wpapi's export_wxr: the whole profile
            user.nicename = fields.get("author_nicename", "")
            user.nickname = fields.get("author_nickname", "")
            user.url = fields.get("author_url", "")
            user.description = fields.get("author_description", "")
            user.locale = fields.get("author_locale", "")
            user.registered = parse_wp_date(
                fields.get("author_registered"), where, "wp:author_registered"
            )
            user.roles = [role for role in fields["author_roles"].split(",") if role]
            user.meta = _meta(element, "usermeta")
        self._users[user_id] = user
        self._logins[login] = user_id

    def _term(self, element: Any, name: str, where: str) -> None:
        fields = _wp_fields(element)
        if name == "category":
            taxonomy, slug = "category", fields.get("category_nicename", "")
            term_name, parent = fields.get("cat_name", ""), fields.get("category_parent", "")
            description = fields.get("category_description", "")
        elif name == "tag":
            taxonomy, slug = "post_tag", fields.get("tag_slug", "")
            term_name, parent = fields.get("tag_name", ""), ""
            description = fields.get("tag_description", "")
        else:
            taxonomy, slug = fields.get("term_taxonomy", ""), fields.get("term_slug", "")
            term_name, parent = fields.get("term_name", ""), fields.get("term_parent", "")
            description = fields.get("term_description", "")
        if not taxonomy or not slug:
            raise SourceError(where, f"wp:{name} has no taxonomy or slug")
        term_id = parse_int(fields.get("term_id") or 0, where, "wp:term_id")
        if (taxonomy, slug) in self._term_ids:  # WordPress lists some terms twice
            return
        if term_id <= 0:
            term_id = self._next_synthetic()
        self._terms[(taxonomy, term_id)] = TermRecord(
            id=term_id,
            taxonomy=taxonomy,
            name=term_name or slug,
            slug=slug,
            where=where,
            description=description,
            parent_slug=parent,
            meta=_meta(element, "termmeta"),
        )
        self._term_ids[(taxonomy, slug)] = term_id

    def _item(self, element: Any) -> PostRecord:
        where = self._where(element)
        fields = _wp_fields(element)
        post_type = fields.get("post_type", "")
        if "post_id" not in fields or not post_type:
            raise SourceError(where, "<item> has no wp:post_id or wp:post_type")
        post_id = parse_int(fields["post_id"], where, "wp:post_id")
        if post_id <= 0:
            raise SourceError(where, f"wp:post_id {fields['post_id']!r} is not an ID")
        post = PostRecord(
            id=post_id,
            type=post_type,
            where=where,
            status=fields.get("status", "publish") or "publish",
            author_login=_text(element.find(DC_CREATOR)),
            date=parse_wp_date(fields.get("post_date"), where, "wp:post_date"),
            date_gmt=parse_wp_date(fields.get("post_date_gmt"), where, "wp:post_date_gmt"),
            modified=parse_wp_date(fields.get("post_modified"), where, "wp:post_modified"),
            modified_gmt=parse_wp_date(
                fields.get("post_modified_gmt"), where, "wp:post_modified_gmt"
            ),
            title=_text(element.find("title")),
            content=_text(element.find(CONTENT)),
            excerpt=self._excerpt(element),
            slug=fields.get("post_name", ""),
            password=fields.get("post_password", ""),
            parent_id=parse_int(fields.get("post_parent") or 0, where, "wp:post_parent"),
            menu_order=parse_int(fields.get("menu_order") or 0, where, "wp:menu_order"),
            comment_status=fields.get("comment_status", "open") or "open",
            ping_status=fields.get("ping_status", "open") or "open",
            guid=_text(element.find("guid")),
            mime_type=fields.get("post_mime_type", ""),
            sticky=fields.get("is_sticky", "0").strip() == "1",
            attachment_url=fields.get("attachment_url", ""),
            meta=_meta(element, "postmeta"),
        )
        for category in element.findall("category"):
            domain = category.get("domain", "")
            taxonomy = LEGACY_DOMAINS.get(domain, domain)
            slug = category.get("nicename") or ""
            if slug:
                post.terms.append((taxonomy, self._item_term(taxonomy, slug, category)))
        for child in element:
            if _is_wp(child.tag) and _local(child.tag) == "comment":
                post.comments.append(self._comment(child, post_id))
        return post

    @staticmethod
    def _excerpt(element: Any) -> str:
        for child in element:
            if isinstance(child.tag, str) and child.tag.endswith("/excerpt/}encoded"):
                return child.text or ""
        return ""

    def _item_term(self, taxonomy: str, slug: str, category: Any) -> int:
        """The term an item names by slug; one missing from the header is made from it."""
        term_id = self._term_ids.get((taxonomy, slug))
        if term_id is None:
            term_id = self._next_synthetic()
            self._terms[(taxonomy, term_id)] = TermRecord(
                id=term_id,
                taxonomy=taxonomy,
                name=category.text or slug,
                slug=slug,
                where=self._where(category),
            )
            self._term_ids[(taxonomy, slug)] = term_id
        return term_id

    def _comment(self, element: Any, post_id: int) -> CommentRecord:
        where = self._where(element)
        fields = _wp_fields(element)
        comment_id = parse_int(fields.get("comment_id") or 0, where, "wp:comment_id")
        if comment_id <= 0:
            raise SourceError(where, "wp:comment has no wp:comment_id")
        return CommentRecord(
            id=comment_id,
            post_id=post_id,
            where=where,
            parent_id=parse_int(fields.get("comment_parent") or 0, where, "wp:comment_parent"),
            user_id=parse_int(fields.get("comment_user_id") or 0, where, "wp:comment_user_id"),
            author=fields.get("comment_author", ""),
            author_email=fields.get("comment_author_email", ""),
            author_url=fields.get("comment_author_url", ""),
            author_ip=fields.get("comment_author_IP", ""),
            agent=fields.get("comment_agent", ""),
            date=parse_wp_date(fields.get("comment_date"), where, "wp:comment_date"),
            date_gmt=parse_wp_date(fields.get("comment_date_gmt"), where, "wp:comment_date_gmt"),
            content=fields.get("comment_content", ""),
            karma=parse_int(fields.get("comment_karma") or 0, where, "wp:comment_karma"),
            approved=fields.get("comment_approved", "1") or "0",
            type=fields.get("comment_type", "") or "comment",
            meta=_meta(element, "commentmeta"),
        )

    def _resolve(self) -> None:
        """Names become IDs: authors by login, term parents by slug."""
        for term in self._terms.values():
            if term.parent_slug:
                parent = self._term_ids.get((term.taxonomy, term.parent_slug))
                if parent is None:
                    raise SourceError(
                        term.where,
                        f"the parent {term.parent_slug!r} of {term.taxonomy} {term.slug!r} "
                        "is not in the file",
                    )
                term.parent_id = parent
        for post in self._posts:
            if post.author_login:
                post.author_id = self._logins.get(post.author_login, 0)
                if not post.author_id:
                    self.unknown_authors.add(post.author_login)

    # --- the Source interface ----------------------------------------------------------------
    def users(self) -> Iterator[UserRecord]:
        yield from self._users.values()

    def terms(self) -> Iterator[TermRecord]:
        yield from self._terms.values()

    def post_batches(self, size: int) -> Iterator[list[PostRecord]]:
        for start in range(0, len(self._posts), size):
            yield self._posts[start : start + size]

    def comment_batches(self, size: int) -> Iterator[list[CommentRecord]]:
        comments = sorted(
            (comment for post in self._posts for comment in post.comments), key=lambda c: c.id
        )
        for start in range(0, len(comments), size):
            yield comments[start : start + size]

    def totals(self) -> dict[str, int]:
        return {
            "users": len(self._users),
            "terms": len(self._terms),
            "posts": len(self._posts),
            "comments": sum(len(post.comments) for post in self._posts),
        }

    def max_ids(self) -> dict[str, int]:
        return {
            "user": max((u for u in self._users if u > 0), default=0),
            "term": max((t for _tax, t in self._terms if t > 0), default=0),
            "post": max((p.id for p in self._posts), default=0),
            "comment": max(
                (c.id for p in self._posts for c in p.comments),
                default=0,
            ),
        }
