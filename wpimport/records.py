"""What a WordPress source holds, read into plain records with WordPress's own field names and
values (dates as WordPress stores them, meta as stored text), whatever the source: a WXR file
or a WordPress database. The loader maps them onto wpapi's models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class SourceError(Exception):
    """Bad input: the message names the file and line, or the table and row."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.reason = message


def parse_wp_date(text: str | None, where: str, name: str) -> datetime | None:
    """A MySQL DATETIME as WordPress writes it ("2024-01-01 10:00:00"); None for the zero
    date or an empty value. Anything else is a SourceError naming where it was found."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return text
    value = str(text).strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise SourceError(where, f"{name} {value!r} is not a date (YYYY-MM-DD HH:MM:SS)") from None


def parse_int(value: Any, where: str, name: str) -> int:
    try:
        return int(str(value).strip() or 0)
    except ValueError:
        raise SourceError(where, f"{name} {value!r} is not a number") from None


@dataclass
class UserRecord:
    """A row of wp_users with the usermeta WordPress keeps for it (or a WXR wp:author)."""

    id: int
    login: str
    where: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    nickname: str = ""
    nicename: str = ""
    url: str = ""
    description: str = ""
    locale: str = ""
    registered: datetime | None = None  # user_registered is UTC
    password_hash: str = ""  # wp_users.user_pass; none in a WXR file
    #: the roles in {prefix}capabilities order; None when the source does not say (WXR)
    roles: list[str] | None = None
    meta: list[tuple[str, str]] = field(default_factory=list)
    #: _application_passwords entries (uuid, app_id, name, password hash, created, ...)
    app_passwords: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TermRecord:
    """A term in one taxonomy (wp_terms + wp_term_taxonomy), with its term meta."""

    id: int
    taxonomy: str
    name: str
    slug: str
    where: str
    description: str = ""
    parent_id: int = 0
    parent_slug: str = ""  # WXR names the parent by slug
    term_group: int = 0
    count: int = 0
    meta: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CommentRecord:
    """A row of wp_comments with its comment meta."""

    id: int
    post_id: int
    where: str
    parent_id: int = 0
    user_id: int = 0
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    agent: str = ""
    date: datetime | None = None  # comment_date, site-local
    date_gmt: datetime | None = None
    content: str = ""
    karma: int = 0
    approved: str = "1"
    type: str = "comment"
    meta: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PostRecord:
    """A row of wp_posts with its post meta and the terms it is in."""

    id: int
    type: str
    where: str
    status: str = "publish"
    author_id: int = 0
    author_login: str = ""  # WXR names the author by login
    date: datetime | None = None  # post_date, site-local
    date_gmt: datetime | None = None
    modified: datetime | None = None
    modified_gmt: datetime | None = None
    title: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    password: str = ""
    parent_id: int = 0
    menu_order: int = 0
    comment_status: str = "open"
    ping_status: str = "open"
    guid: str = ""
    mime_type: str = ""
    sticky: bool | None = None  # None: the sticky_posts option decides
    attachment_url: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    #: (taxonomy, term id); WXR items name terms by slug, resolved by the source
    terms: list[tuple[str, int]] = field(default_factory=list)
    comments: list[CommentRecord] = field(default_factory=list)


@dataclass
class SiteRecord:
    """The site itself: its address (what the import ledger knows it by) and its options,
    unserialized, as get_option() returns them."""

    url: str
    where: str
    options: dict[str, Any] = field(default_factory=dict)
    #: the uploads folder's URL (wp_upload_dir()['baseurl']) for attachments without a path
    uploads_url: str = ""
