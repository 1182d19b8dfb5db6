"""What the loader asks of a source, whichever kind it is."""

from __future__ import annotations

from collections.abc import Iterator

from wpimport.records import CommentRecord, PostRecord, SiteRecord, TermRecord, UserRecord


class Source:
    """A WordPress site to import: its site record, then users, terms, posts in batches and
    comments in batches, in that order (each refers only to what came before, or to what the
    same batch holds)."""

    kind = ""
    label = ""
    site: SiteRecord
    #: what the source says it leaves out (shown in the report)
    has_revisions = True
    #: logins that posts name but no user record has
    unknown_authors: set[str]

    def users(self) -> Iterator[UserRecord]:
        raise NotImplementedError

    def terms(self) -> Iterator[TermRecord]:
        raise NotImplementedError

    def post_batches(self, size: int) -> Iterator[list[PostRecord]]:
        raise NotImplementedError

    def comment_batches(self, size: int) -> Iterator[list[CommentRecord]]:
        raise NotImplementedError

    def totals(self) -> dict[str, int]:
        """How many users, terms, posts and comments there are (for the progress bar)."""
        raise NotImplementedError

    def max_ids(self) -> dict[str, int]:
        """The highest source ID of each kind (new IDs are given above them)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the source holds open."""


def open_source(spec: str, *, table_prefix: str = "wp_") -> Source:
    """A WXR file's path, or a WordPress database as mysql://user:password@host:port/dbname."""
    if spec.startswith(("mysql://", "mariadb://")):
        from wpimport.sources.mysql import MySQLSource

        return MySQLSource(spec, table_prefix=table_prefix)
    from wpimport.sources.wxr import WXRSource

    return WXRSource(spec)
