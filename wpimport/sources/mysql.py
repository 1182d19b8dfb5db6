"""A WordPress database (MySQL or MariaDB) read into records, batch by batch.

It carries what a WXR file leaves out: users' roles, password hashes and application
passwords, every option, all meta, revisions, spam comments and comment agents. Rows are read in
ID order, a batch at a time (keyset pagination), so memory stays flat however large the site.
Needs PyMySQL (`pip install wpapi[mysql]`).
"""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from wpapi import php
from wpimport.records import (
    CommentRecord,
    PostRecord,
    SiteRecord,
    SourceError,
    TermRecord,
    UserRecord,
    parse_wp_date,
)
from wpimport.sources.base import Source

SOCKETS = ("/run/mysqld/mysqld.sock", "/var/run/mysqld/mysqld.sock", "/tmp/mysql.sock")

#: options read from wp_options (besides theme_mods_<stylesheet>)
OPTION_NAMES = (
    "home",
    "siteurl",
    "blogname",
    "blogdescription",
    "admin_email",
    "timezone_string",
    "gmt_offset",
    "date_format",
    "time_format",
    "start_of_week",
    "WPLANG",
    "use_smilies",
    "default_category",
    "default_post_format",
    "posts_per_page",
    "show_on_front",
    "page_on_front",
    "page_for_posts",
    "default_ping_status",
    "default_comment_status",
    "site_logo",
    "site_icon",
    "sticky_posts",
    "stylesheet",
    "upload_path",
    "upload_url_path",
    "permalink_structure",
    "default_role",
    "users_can_register",
    "comment_registration",
    "require_name_email",
    "comment_moderation",
    "comment_max_links",
    "comment_previously_approved",
    "comment_whitelist",
    "moderation_keys",
    "disallowed_keys",
    "blacklist_keys",
    "close_comments_for_old_posts",
    "close_comments_days_old",
    "thread_comments",
    "thread_comments_depth",
    "page_comments",
    "comments_per_page",
    "default_comments_page",
    "comment_order",
    "show_avatars",
    "avatar_rating",
    "avatar_default",
    "wp_page_for_privacy_policy",
)

#: usermeta that becomes columns of the user (the rest is kept as user meta)
USER_COLUMNS_META = ("first_name", "last_name", "nickname", "description", "locale")


def connection_arguments(url: str) -> dict[str, Any]:
    """PyMySQL's arguments for mysql://user:password@host:port/dbname[?unix_socket=...].
    `localhost` without a port means the local server's socket, as the mysql client reads it."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise SourceError(redacted(url), "the URL names no database (mysql://user:pw@host/db)")
    arguments: dict[str, Any] = {
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "database": database,
        "charset": query.get("charset", "utf8mb4"),
        "connect_timeout": 10,
    }
    host = parts.hostname or "localhost"
    socket = query.get("unix_socket") or query.get("socket")
    if socket is None and host == "localhost" and parts.port is None:
        socket = next((path for path in SOCKETS if os.path.exists(path)), None)
    if socket:
        arguments["unix_socket"] = socket
    else:
        arguments["host"] = host
        arguments["port"] = parts.port or 3306
    return arguments


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


class MySQLSource(Source):
    """A WordPress database, read table by table."""

    kind = "database"

    def __init__(self, url: str, *, table_prefix: str = "wp_") -> None:
        try:
            import pymysql
        except ImportError:
            raise SourceError(
                redacted(url),
                "reading a WordPress database needs PyMySQL: pip install 'wpapi[mysql]'",
            ) from None
        self.label = redacted(url)
        self.prefix = table_prefix
        self.unknown_authors: set[str] = set()
        self._pymysql = pymysql
        try:
            self.connection = pymysql.connect(**connection_arguments(url))
        except pymysql.MySQLError as error:
            raise SourceError(self.label, f"cannot connect: {error.args[-1]}") from None
        self._check_tables()
        self.site = self._site()
        self._sticky = {int(pk) for pk in _as_list(self.site.options.get("sticky_posts"))}

    # --- queries -----------------------------------------------------------------------------
    def table(self, name: str) -> str:
        return f"`{self.prefix}{name}`"

    def _rows(self, sql: str, args: Any = None) -> list[tuple[Any, ...]]:
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql.replace("{p}", self.prefix), args)
                return list(cursor.fetchall())
        except self._pymysql.MySQLError as error:
            raise SourceError(self.label, f"query failed: {error.args[-1]}") from None

    def _check_tables(self) -> None:
        found = {row[0] for row in self._rows("SHOW TABLES LIKE %s", (f"{self.prefix}%",))}
        needed = ["options", "users", "usermeta", "posts", "postmeta", "terms"]
        needed += ["term_taxonomy", "term_relationships", "comments", "commentmeta"]
        missing = [name for name in needed if f"{self.prefix}{name}" not in found]
        if missing:
            raise SourceError(
                self.label,
                f"not a WordPress database with the table prefix {self.prefix!r}: no "
                + ", ".join(f"{self.prefix}{name}" for name in missing)
                + " (see --table-prefix)",
            )
        self._has_termmeta = f"{self.prefix}termmeta" in found

    def _site(self) -> SiteRecord:
        names = ", ".join(["%s"] * len(OPTION_NAMES))
        rows = self._rows(
            f"SELECT option_name, option_value FROM {{p}}options WHERE option_name IN ({names})",
            OPTION_NAMES,
        )
        options = {name: php.maybe_unserialize(value) for name, value in rows}
        stylesheet = options.get("stylesheet")
        if stylesheet:
            mods = self._rows(
                "SELECT option_value FROM {p}options WHERE option_name = %s",
                (f"theme_mods_{stylesheet}",),
            )
            if mods:
                options["theme_mods"] = php.maybe_unserialize(mods[0][0])
        home = str(options.get("home") or options.get("siteurl") or "").rstrip("/")
        uploads = str(options.get("upload_url_path") or "").rstrip("/")
        return SiteRecord(
            url=home,
            where=f"{self.prefix}options",
            options=options,
            uploads_url=uploads or (f"{home}/wp-content/uploads" if home else ""),
        )

    # --- users ---------------------------------------------------------------------------------
    def users(self) -> Iterator[UserRecord]:
        meta: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for user_id, key, value in self._rows(
            "SELECT user_id, meta_key, meta_value FROM {p}usermeta ORDER BY umeta_id"
        ):
            meta[int(user_id)].append((key or "", value or ""))
        rows = self._rows(
            "SELECT ID, user_login, user_pass, user_nicename, user_email, user_url, "
            "user_registered, display_name FROM {p}users ORDER BY ID"
        )
        capabilities = f"{self.prefix}capabilities"
        level = f"{self.prefix}user_level"
        for pk, login, password, nicename, email, url, registered, display in rows:
            where = f"{self.prefix}users row ID={pk}"
            user = UserRecord(
                id=int(pk),
                login=login or "",
                where=where,
                email=email or "",
                display_name=display or "",
                nicename=nicename or "",
                url=url or "",
                registered=parse_wp_date(registered, where, "user_registered"),
                password_hash=password or "",
                roles=[],
            )
            for key, value in meta.get(int(pk), []):
                if key in USER_COLUMNS_META:
                    setattr(user, key, value)
                elif key == capabilities:
                    caps = php.maybe_unserialize(value)
                    if isinstance(caps, dict):
                        user.roles = [str(role) for role, held in caps.items() if held]
                elif key == "_application_passwords":
                    entries = php.maybe_unserialize(value)
                    user.app_passwords = [e for e in _as_list(entries) if isinstance(e, dict)]
                elif key in (level, "session_tokens"):
                    continue  # derived from the role / live login sessions of the old site
                else:
                    user.meta.append((key, value))
            yield user

    # --- terms ---------------------------------------------------------------------------------
    def terms(self) -> Iterator[TermRecord]:
        meta: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if self._has_termmeta:
            for term_id, key, value in self._rows(
                "SELECT term_id, meta_key, meta_value FROM {p}termmeta ORDER BY meta_id"
            ):
                meta[int(term_id)].append((key or "", value or ""))
        rows = self._rows(
            "SELECT t.term_id, t.name, t.slug, t.term_group, tt.taxonomy, tt.description, "
            "tt.parent, tt.count FROM {p}terms t JOIN {p}term_taxonomy tt ON "
            "tt.term_id = t.term_id ORDER BY tt.term_taxonomy_id"
        )
        for term_id, name, slug, group, taxonomy, description, parent, count in rows:
            yield TermRecord(
                id=int(term_id),
                taxonomy=taxonomy or "",
                name=name or "",
                slug=slug or "",
                where=f"{self.prefix}terms row term_id={term_id}",
                description=description or "",
                parent_id=int(parent or 0),
                term_group=int(group or 0),
                count=int(count or 0),
                meta=meta.get(int(term_id), []),
            )

    # --- posts ---------------------------------------------------------------------------------
    POST_COLUMNS = (
        "ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, "
        "post_status, comment_status, ping_status, post_password, post_name, post_modified, "
        "post_modified_gmt, post_parent, guid, menu_order, post_type, post_mime_type"
    )

    def post_batches(self, size: int) -> Iterator[list[PostRecord]]:
        last = 0
        while True:
            rows = self._rows(
                f"SELECT {self.POST_COLUMNS} FROM {{p}}posts WHERE ID > %s "
                "AND post_status <> 'auto-draft' ORDER BY ID LIMIT %s",
                (last, size),
            )
            if not rows:
                return
            posts = [self._post(row) for row in rows]
            first, last = posts[0].id, posts[-1].id
            by_id = {post.id: post for post in posts}
            for post_id, key, value in self._rows(
                "SELECT post_id, meta_key, meta_value FROM {p}postmeta "
                "WHERE post_id BETWEEN %s AND %s ORDER BY meta_id",
                (first, last),
            ):
                post = by_id.get(int(post_id))
                if post is not None:
                    post.meta.append((key or "", value or ""))
            for object_id, taxonomy, term_id in self._rows(
                "SELECT tr.object_id, tt.taxonomy, tt.term_id FROM {p}term_relationships tr "
                "JOIN {p}term_taxonomy tt ON tt.term_taxonomy_id = tr.term_taxonomy_id "
                "WHERE tr.object_id BETWEEN %s AND %s AND tt.taxonomy <> 'link_category' "
                "ORDER BY tr.object_id, tr.term_order, tt.term_taxonomy_id",
                (first, last),
            ):
                post = by_id.get(int(object_id))
                if post is not None:
                    post.terms.append((taxonomy, int(term_id)))
            yield posts

    def _post(self, row: tuple[Any, ...]) -> PostRecord:
        (pk, author, date, date_gmt, content, title, excerpt, status, comment_status) = row[:9]
        (ping_status, password, slug, modified, modified_gmt, parent, guid) = row[9:16]
        (menu_order, post_type, mime_type) = row[16:]
        where = f"{self.prefix}posts row ID={pk}"
        return PostRecord(
            id=int(pk),
            type=post_type or "post",
            where=where,
            status=status or "publish",
            author_id=int(author or 0),
            date=parse_wp_date(date, where, "post_date"),
            date_gmt=parse_wp_date(date_gmt, where, "post_date_gmt"),
            modified=parse_wp_date(modified, where, "post_modified"),
            modified_gmt=parse_wp_date(modified_gmt, where, "post_modified_gmt"),
            title=title or "",
            content=content or "",
            excerpt=excerpt or "",
            slug=slug or "",
            password=password or "",
            parent_id=int(parent or 0),
            menu_order=int(menu_order or 0),
            comment_status=comment_status or "open",
            ping_status=ping_status or "open",
            guid=guid or "",
            mime_type=mime_type or "",
            sticky=int(pk) in self._sticky,
        )

    # --- comments ------------------------------------------------------------------------------
    COMMENT_COLUMNS = (
        "comment_ID, comment_post_ID, comment_author, comment_author_email, comment_author_url, "
        "comment_author_IP, comment_date, comment_date_gmt, comment_content, comment_karma, "
        "comment_approved, comment_agent, comment_type, comment_parent, user_id"
    )

    def comment_batches(self, size: int) -> Iterator[list[CommentRecord]]:
        last = 0
        while True:
            rows = self._rows(
                f"SELECT {self.COMMENT_COLUMNS} FROM {{p}}comments WHERE comment_ID > %s "
                "ORDER BY comment_ID LIMIT %s",
                (last, size),
            )
            if not rows:
                return
            comments = [self._comment(row) for row in rows]
            first, last = comments[0].id, comments[-1].id
            by_id = {comment.id: comment for comment in comments}
            for comment_id, key, value in self._rows(
                "SELECT comment_id, meta_key, meta_value FROM {p}commentmeta "
                "WHERE comment_id BETWEEN %s AND %s ORDER BY meta_id",
                (first, last),
            ):
                comment = by_id.get(int(comment_id))
                if comment is not None:
                    comment.meta.append((key or "", value or ""))
            yield comments

    def _comment(self, row: tuple[Any, ...]) -> CommentRecord:
        (pk, post_id, author, email, url, ip, date, date_gmt, content, karma) = row[:10]
        (approved, agent, comment_type, parent, user_id) = row[10:]
        where = f"{self.prefix}comments row comment_ID={pk}"
        return CommentRecord(
            id=int(pk),
            post_id=int(post_id or 0),
            where=where,
            parent_id=int(parent or 0),
            user_id=int(user_id or 0),
            author=author or "",
            author_email=email or "",
            author_url=url or "",
            author_ip=ip or "",
            agent=agent or "",
            date=parse_wp_date(date, where, "comment_date"),
            date_gmt=parse_wp_date(date_gmt, where, "comment_date_gmt"),
            content=content or "",
            karma=int(karma or 0),
            approved=str(approved if approved is not None else "0"),
            type=comment_type or "comment",
        )

    # --- sizes ---------------------------------------------------------------------------------
    def totals(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return int(self._rows(sql)[0][0] or 0)

        return {
            "users": count("SELECT COUNT(*) FROM {p}users"),
            "terms": count("SELECT COUNT(*) FROM {p}term_taxonomy"),
            "posts": count("SELECT COUNT(*) FROM {p}posts WHERE post_status <> 'auto-draft'"),
            "comments": count("SELECT COUNT(*) FROM {p}comments"),
        }

    def max_ids(self) -> dict[str, int]:
        def top(sql: str) -> int:
            return int(self._rows(sql)[0][0] or 0)

        return {
            "user": top("SELECT MAX(ID) FROM {p}users"),
            "term": top("SELECT MAX(term_id) FROM {p}terms"),
            "post": top("SELECT MAX(ID) FROM {p}posts"),
            "comment": top("SELECT MAX(comment_ID) FROM {p}comments"),
        }

    def close(self) -> None:
        with contextlib.suppress(self._pymysql.MySQLError):
            self.connection.close()


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.values())
    return []
