"""import_wordpress: a WordPress site's records written into wpapi's tables, in bulk.

Order: users, terms, posts (in batches), comments (in batches), then what ties them together
(parents, featured images, threads), the options, the stored counts and the ID sequences.
Each batch is one transaction, so an import that stops keeps whole objects only and the same
command resumes it. Every object keeps its WordPress ID; the ledger (ImportedObject) records
what was written from which source, so a second run skips what did not change, updates what
did, and an ID held here by another object is reported (or, with --remap-ids, given anew).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Model
from django.utils import timezone

from comments.models import Comment, CommentMeta
from content.models import Post, PostMeta
from taxonomy.models import Term, TermMeta, TermRelationship
from users.formatting import sanitize_nicename
from users.hashers import from_wordpress
from users.models import ApplicationPassword, User, UserMeta
from wpapi import site as wpsite
from wpapi.dates import site_timezone
from wpapi.registry import get_taxonomy, post_statuses, post_types
from wpimport import mapping
from wpimport.media import MediaFiles
from wpimport.models import ImportedObject
from wpimport.records import CommentRecord, PostRecord, SourceError, TermRecord, UserRecord
from wpimport.report import Progress, Report
from wpimport.sources.base import Source

KINDS = ("user", "term", "post", "comment")
MODELS: dict[str, type[Model]] = {"user": User, "term": Term, "post": Post, "comment": Comment}
REPORT_KIND = {"user": "users", "term": "terms", "post": "posts", "comment": "comments"}
CHUNK = 900  # IDs per IN (...) list: under SQLite's older 999-variable limit


@dataclass
class ImportOptions:
    dry_run: bool = False
    remap_ids: bool = False
    map_file: str | None = None
    uploads: str | None = None
    fetch_media: bool = False
    batch_size: int = 1000
    progress: bool | None = None


class ImportStopped(Exception):
    """The source had bad input; whole batches written before it are kept."""

    def __init__(self, error: SourceError, kept: int, dry_run: bool) -> None:
        if dry_run:
            state = "Nothing was written (dry run)."
        elif kept:
            state = (
                f"The {kept} objects written before it are kept, whole; nothing of the batch "
                "that held the bad record was written. Fix the source and run the same command "
                "again: it goes on from there."
            )
        else:
            state = "Nothing was written: the database is as it was."
        super().__init__(f"{error}\n{state}")
        self.error = error


def checksum(value: Any) -> str:
    return hashlib.sha1(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)).hexdigest()


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Plan:
    """What one batch will write: rows to create, rows to update, their meta and ledger."""

    def __init__(self) -> None:
        self.create: list[Model] = []
        #: rows to update, by the fields each writes (a WXR user writes fewer than a full one)
        self.update: dict[tuple[str, ...], list[Model]] = {}
        self.meta: list[Model] = []
        self.replace_meta_of: list[int] = []
        self.relationships: list[TermRelationship] = []
        self.ledger_new: list[ImportedObject] = []
        self.ledger_changed: list[ImportedObject] = []
        self.after: list[Callable[[], None]] = []

    @property
    def written(self) -> int:
        return len(self.create) + sum(len(rows) for rows in self.update.values())


class Importer:
    """One run of import_wordpress over one source."""

    def __init__(self, source: Source, options: ImportOptions, report: Report | None = None):
        self.source = source
        self.opts = options
        self.report = report or Report()
        self.key = (source.site.url or source.label)[:255]
        self.zone = mapping.zone_of(source.site.options, site_timezone())
        self.full = source.kind == "database"
        #: source ID -> local ID, for everything of this source known to be here
        self.ids: dict[str, dict[int, int]] = {kind: {} for kind in KINDS}
        self.ledger: dict[str, dict[str, ImportedObject]] = {kind: {} for kind in KINDS}
        #: local ID -> source key, for the objects this source's ledger holds
        self.owned: dict[str, dict[int, str]] = {kind: {} for kind in KINDS}
        self.existing: dict[str, set[int]] = {}
        self.next_id: dict[str, int] = {}
        self.written = 0
        self.profileless_users = 0
        self.skipped_posts: set[int] = set()
        self.format_slugs: dict[int, str] = {}
        self.trashed_comment_status: dict[int, str] = {}
        #: desired references, set once every object exists (local ID -> local ID or None)
        self.term_parents: dict[int, int | None] = {}
        self.post_parents: dict[int, tuple[int, int]] = {}  # local -> (source parent, featured)
        self.comment_parents: dict[int, int] = {}  # local -> source parent
        self.menu_items: dict[int, dict[str, str]] = {}  # local -> its source meta
        self.media = MediaFiles(
            uploads=options.uploads,
            fetch=options.fetch_media,
            uploads_url=source.site.uploads_url,
            dry_run=options.dry_run,
            report=self.report,
        )

    # --- the run -------------------------------------------------------------------------------
    def run(self) -> Report:
        totals = self.source.totals()
        self.progress = Progress(sum(totals.values()), self.opts.progress)
        try:
            with transaction.atomic() if self.opts.dry_run else nullcontext():
                self._prepare()
                try:
                    for phase in (self._users, self._terms, self._posts, self._comments):
                        with self.report.timed(phase.__name__.strip("_")):
                            phase()
                except SourceError as error:
                    raise ImportStopped(error, self.written, self.opts.dry_run) from None
                with self.report.timed("links, options, counts"):
                    self._finish()
                if self.opts.dry_run:
                    transaction.set_rollback(True)
        finally:
            self.progress.close()
            self.report.finish()
        return self.report

    def _prepare(self) -> None:
        for entry in ImportedObject.objects.filter(source=self.key):
            self.ledger[entry.kind][entry.source_key] = entry
            self.owned[entry.kind][entry.object_id] = entry.source_key
        tops = self.source.max_ids()
        for kind, model in MODELS.items():
            self.existing[kind] = set(model.objects.values_list("pk", flat=True))
            local_top = model.objects.aggregate(top=Max("pk"))["top"] or 0
            self.next_id[kind] = max(local_top, tops.get(kind, 0)) + 1
        for kind in KINDS:
            for key, entry in self.ledger[kind].items():
                if key.lstrip("-").isdigit() and entry.object_id in self.existing[kind]:
                    self.ids[kind][int(key)] = entry.object_id

    def _allocate(self, kind: str) -> int:
        new_id = self.next_id[kind]
        self.next_id[kind] += 1
        return new_id

    def _target(
        self, kind: str, source_id: int, key: str, same: Callable[[int], bool]
    ) -> tuple[int | None, str]:
        """Where a source object goes: (local ID, "known" | "adopt" | "create"), or
        (None, why not) when its ID is held here by another object."""
        entry = self.ledger[kind].get(key)
        if entry is not None:
            if entry.object_id in self.existing[kind]:
                return entry.object_id, "known"
            return entry.object_id, "create"  # deleted here since: made again
        if source_id > 0 and source_id not in self.existing[kind]:
            return source_id, "create"
        if source_id > 0 and source_id not in self.owned[kind] and same(source_id):
            return source_id, "adopt"
        if self.opts.remap_ids or source_id <= 0:
            return self._allocate(kind), "create"
        return None, f"its ID is taken here by another {kind} (see --remap-ids)"

    def _ledger(
        self, plan: Plan, kind: str, key: str, local_id: int, digest: str, password: str = ""
    ) -> None:
        entry = self.ledger[kind].get(key)
        if entry is None:
            entry = ImportedObject(
                source=self.key,
                kind=kind,
                source_key=key,
                object_id=local_id,
                checksum=digest,
                password_checksum=password,
            )
            self.ledger[kind][key] = entry
            plan.ledger_new.append(entry)
        else:
            entry.object_id, entry.checksum = local_id, digest
            entry.password_checksum = password or entry.password_checksum
            entry.imported = timezone.now()
            plan.ledger_changed.append(entry)
        self.owned[kind][local_id] = key

    def _outcome(
        self, plan: Plan, kind: str, obj: Model, action: str, unchanged: bool, fields: Iterable[str]
    ) -> str:
        if action == "create":
            plan.create.append(obj)
            self.existing[kind].add(obj.pk)
            return "created"
        if unchanged:
            return "unchanged"
        plan.update.setdefault(tuple(sorted(fields)), []).append(obj)
        return "updated"

    def _write(self, plan: Plan, model: type[Model], meta_model: type[Model] | None, fk: str):
        """One batch in one transaction; a database error is traced to its record."""
        if not (plan.create or plan.update or plan.ledger_new or plan.ledger_changed):
            return
        with transaction.atomic():
            model.objects.bulk_create(plan.create, batch_size=500)
            for fields, rows in plan.update.items():
                model.objects.bulk_update(rows, list(fields), batch_size=200)
            if meta_model is not None:
                for ids in chunks(plan.replace_meta_of):
                    meta_model.objects.filter(**{f"{fk}__in": ids}).delete()
                meta_model.objects.bulk_create(plan.meta, batch_size=1000)
            if plan.relationships or model is Post:
                for ids in chunks(plan.replace_meta_of):
                    TermRelationship.objects.filter(post_id__in=ids).delete()
                TermRelationship.objects.bulk_create(plan.relationships, batch_size=1000)
            ImportedObject.objects.bulk_create(plan.ledger_new, batch_size=1000)
            if plan.ledger_changed:
                ImportedObject.objects.bulk_update(
                    plan.ledger_changed,
                    ["object_id", "checksum", "password_checksum", "imported"],
                    batch_size=500,
                )
        self.written += plan.written
        for step in plan.after:
            step()

    def _guarded(self, records: list[Any], build: Callable[[list[Any]], None]) -> None:
        """Write a batch; when the database refuses it, find the record it refused (one by
        one, each in its own savepoint, all rolled back) and stop with its place."""
        state = self._snapshot()
        try:
            build(records)
        except DatabaseError as error:
            self._restore(state)
            culprit = self._find_culprit(records, build)
            where = (
                culprit.where
                if culprit is not None
                else f"{records[0].where} to {records[-1].where}"
            )
            raise SourceError(where, f"the database refused it: {error}") from None

    def _find_culprit(self, records: list[Any], build: Callable[[list[Any]], None]) -> Any:
        culprit = None
        with transaction.atomic():
            for record in records:
                try:
                    with transaction.atomic():
                        build([record])
                except DatabaseError:
                    culprit = record
                    break
            transaction.set_rollback(True)
        return culprit

    def _snapshot(self) -> tuple[Any, ...]:
        """What a batch changes in the importer's own state, to try it again record by record."""
        return (
            {kind: dict(values) for kind, values in self.ids.items()},
            {kind: set(values) for kind, values in self.existing.items()},
            {kind: dict(values) for kind, values in self.owned.items()},
            {kind: dict(values) for kind, values in self.ledger.items()},
            dict(self.next_id),
        )

    def _restore(self, state: tuple[Any, ...]) -> None:
        self.ids, self.existing, self.owned, self.ledger, self.next_id = state

    # --- users ---------------------------------------------------------------------------------
    def _users(self) -> None:
        self.progress.phase("users")
        records = list(self.source.users())
        logins = dict(User.objects.values_list("username", "pk"))
        for batch in chunks(records, self.opts.batch_size):
            self._guarded(batch, lambda batch: self._user_batch(batch, logins))
            self.progress.advance(len(batch))

    def _user_batch(self, records: list[UserRecord], logins: dict[str, int]) -> None:
        plan = Plan()
        locals_ = {
            pk: name
            for pk, name in User.objects.filter(pk__in=[r.id for r in records]).values_list(
                "pk", "username"
            )
        }
        for record in records:
            self._plan_user(plan, record, logins, locals_)
        self._write(plan, User, UserMeta, "user_id")

    def _user_fields(self, record: UserRecord) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "username": record.login,
            "email": record.email,
            "first_name": record.first_name,
            "last_name": record.last_name,
            "display_name": record.display_name or record.login,
        }
        if self.full or record.roles is not None:
            fields.update(
                nicename=record.nicename or sanitize_nicename(record.login) or f"user-{record.id}",
                nickname=record.nickname or record.login,
                url=record.url,
                description=record.description,
                locale=record.locale,
            )
            if record.registered is not None:
                fields["date_joined"] = record.registered.replace(tzinfo=UTC)
        if record.roles is not None:
            kept, unknown = mapping.known_roles(record.roles)
            for role in unknown:
                self.report.explain("users", "role", record.id, f"role {role!r} is unknown here")
            fields["role"] = kept[0] if kept else ""
            fields["extra_roles"] = "," + ",".join(kept[1:]) + "," if len(kept) > 1 else ""
            fields["is_staff"] = bool({"administrator", "editor"} & set(kept))
            fields["is_superuser"] = "administrator" in kept
        return fields

    def _plan_user(
        self, plan: Plan, record: UserRecord, logins: dict[str, int], locals_: dict[int, str]
    ) -> None:
        key = str(record.id)
        holder = logins.get(record.login)
        target, action = self._target(
            "user", record.id, key, lambda pk: locals_.get(pk) == record.login
        )
        if target is not None and holder is not None and holder != target:
            target, action = None, f"the login {record.login!r} is user {holder} here"
            if self.opts.remap_ids:
                self.ids["user"][record.id] = holder
                self.report.explain("users", "mapped", record.id, action + ": mapped to it")
                self.report.count("users", "unchanged")
                return
        if target is None:
            self.report.skip("users", record.id, action + " (see --remap-ids)" * ("ID" in action))
            return
        fields = mapping.storable_fields(self._user_fields(record))
        mapping.check_lengths(User, fields, record.where)
        meta = mapping.storable_rows(record.meta)
        passwords = [
            {k: v for k, v in entry.items() if k != "password"} for entry in record.app_passwords
        ]
        digest = checksum({"fields": fields, "meta": meta, "app": passwords})
        password_digest = checksum(record.password_hash) if record.password_hash else ""
        entry = self.ledger["user"].get(key)
        unchanged = (
            action == "known"
            and entry.checksum == digest
            and entry.password_checksum == password_digest
        )
        user = User(pk=target, **fields)
        if action == "create":
            self.profileless_users += record.roles is None
            user.password = (
                from_wordpress(record.password_hash)
                if record.password_hash
                else make_password(None)
            )
            if not user.nicename:
                user.nicename = sanitize_nicename(record.login) or f"user-{target}"
            user.nickname = user.nickname or record.login
        written = list(fields)
        # WordPress's hash is taken again only when it changed there: a password changed here
        # since the last import stays
        if (
            action != "create"
            and record.password_hash
            and (entry is None or entry.password_checksum != password_digest)
        ):
            user.password = from_wordpress(record.password_hash)
            written.append("password")
        outcome = self._outcome(plan, "user", user, action, unchanged, written)
        self.report.count("users", outcome)
        self.ids["user"][record.id] = target
        logins[record.login] = target
        if outcome == "unchanged":
            return
        self._ledger(plan, "user", key, target, digest, password_digest)
        if self.full or record.roles is not None:
            plan.replace_meta_of.append(target)
            plan.meta += [UserMeta(user_id=target, key=k, value=v) for k, v in meta]
        if record.app_passwords:
            plan.after.append(lambda: self._app_passwords(target, record))

    def _app_passwords(self, user_id: int, record: UserRecord) -> None:
        """WordPress's application passwords, checked with their WordPress hashes until first
        used (users.authentication)."""
        entries = [e for e in record.app_passwords if e.get("uuid") and e.get("password")]
        if not entries or self.opts.dry_run:
            return
        uuids = [str(e["uuid"]) for e in entries]
        ApplicationPassword.objects.filter(uuid__in=uuids).delete()

        def when(value: Any) -> datetime | None:
            try:
                return datetime.fromtimestamp(int(value), tz=UTC) if value else None
            except (TypeError, ValueError):
                return None

        ApplicationPassword.objects.bulk_create(
            ApplicationPassword(
                user_id=user_id,
                uuid=str(e["uuid"]),
                app_id=str(e.get("app_id") or ""),
                name=str(e.get("name") or ""),
                password=from_wordpress(str(e["password"])),
                lookup="",
                created=when(e.get("created")) or timezone.now(),
                last_used=when(e.get("last_used")),
                last_ip=str(e.get("last_ip")) if e.get("last_ip") else None,
            )
            for e in entries
        )

    # --- terms ---------------------------------------------------------------------------------
    def _terms(self) -> None:
        self.progress.phase("terms")
        records = []
        for record in self.source.terms():
            if record.taxonomy == "post_format":
                self.format_slugs[record.id] = record.slug  # the posts' format column
                self.progress.advance(1)
                continue
            if (
                get_taxonomy(record.taxonomy) is None
                and record.taxonomy not in mapping.ALWAYS_IMPORTED_TAXONOMIES
            ):
                self.report.skip(
                    "terms", record.id, f"taxonomy {record.taxonomy!r} is not registered here"
                )
                self.progress.advance(1)
                continue
            records.append(record)
        slugs = {
            (tax, slug): pk for pk, tax, slug in Term.objects.values_list("pk", "taxonomy", "slug")
        }
        for batch in chunks(records, self.opts.batch_size):
            self._guarded(batch, lambda batch: self._term_batch(batch, slugs))
            self.progress.advance(len(batch))
        for record in records:
            local = self.ids["term"].get(record.id)
            if local is not None and self.owned["term"].get(local) == self._term_key(record):
                self.term_parents[local] = (
                    self.ids["term"].get(record.parent_id) if record.parent_id else None
                )

    @staticmethod
    def _term_key(record: TermRecord) -> str:
        return str(record.id) if record.id > 0 else f"{record.taxonomy}:{record.slug}"

    def _term_batch(self, records: list[TermRecord], slugs: dict[tuple[str, str], int]) -> None:
        plan = Plan()
        locals_ = {
            pk: (tax, slug)
            for pk, tax, slug in Term.objects.filter(pk__in=[r.id for r in records]).values_list(
                "pk", "taxonomy", "slug"
            )
        }
        for record in records:
            key = self._term_key(record)
            same = (record.taxonomy, record.slug)
            target, action = self._target(
                "term", record.id, key, lambda pk, same=same: locals_.get(pk) == same
            )
            holder = slugs.get((record.taxonomy, record.slug))
            if target is not None and holder is not None and holder != target:
                reason = f"the slug {record.slug!r} is term {holder} here"
                if self.opts.remap_ids:
                    self.ids["term"][record.id] = holder
                    self.report.explain("terms", "mapped", record.id, reason + ": merged into it")
                    self.report.count("terms", "unchanged")
                else:
                    self.report.skip("terms", record.id, reason)
                continue
            if target is None:
                self.report.skip("terms", record.id, action)
                continue
            fields = {
                "taxonomy": record.taxonomy,
                "name": record.name,
                "slug": record.slug,
                "description": record.description,
                "term_group": record.term_group,
            }
            fields = mapping.storable_fields(fields)
            mapping.check_lengths(Term, fields, record.where)
            term_meta = mapping.storable_rows(record.meta)
            digest = checksum({"fields": fields, "parent": record.parent_id, "meta": term_meta})
            entry = self.ledger["term"].get(key)
            unchanged = action == "known" and entry.checksum == digest
            term = Term(pk=target, count=record.count, **fields)
            outcome = self._outcome(plan, "term", term, action, unchanged, fields)
            self.report.count("terms", outcome)
            self.ids["term"][record.id] = target
            slugs[(record.taxonomy, record.slug)] = target
            if outcome == "unchanged":
                continue
            self._ledger(plan, "term", key, target, digest)
            plan.replace_meta_of.append(target)
            plan.meta += [TermMeta(term_id=target, key=k, value=v) for k, v in term_meta]
        self._write(plan, Term, TermMeta, "term_id")

    # --- posts ---------------------------------------------------------------------------------
    def _posts(self) -> None:
        self.progress.phase("posts")
        self.types = set(post_types()) | set(mapping.ALWAYS_IMPORTED_TYPES)
        self.statuses = set(post_statuses())
        for batch in self.source.post_batches(self.opts.batch_size):
            self._guarded(batch, self._post_batch)
            self.progress.advance(len(batch))

    def _post_batch(self, records: list[PostRecord]) -> None:
        plan = Plan()
        locals_ = {
            pk: (kind, guid, slug)
            for pk, kind, guid, slug in Post.objects.filter(
                pk__in=[r.id for r in records if r.id in self.existing["post"]]
            ).values_list("pk", "type", "guid", "slug")
        }
        attachments: list[tuple[int, Any, dict[str, Any]]] = []
        for record in records:
            self._plan_post(plan, record, locals_, attachments)
        self._write(plan, Post, PostMeta, "post_id")
        for post_id, file, details in attachments:
            where = self.media.bring(post_id, file, details)
            if where != file.name or self.media.mode == "fetch":
                # a file that could not be had stays at its URL (and comes once it can be)
                Post.objects.filter(pk=post_id).exclude(file=where).update(file=where)

    def _post_skip(self, record: PostRecord, reason: str) -> None:
        self.skipped_posts.add(record.id)
        self.report.skip("posts", record.id, reason)

    def _plan_post(  # noqa: C901 - one field after the other
        self,
        plan: Plan,
        record: PostRecord,
        locals_: dict[int, tuple[str, str, str]],
        attachments: list[tuple[int, Any, dict[str, Any]]],
    ) -> None:
        if record.type not in self.types:
            self._post_skip(record, f"post type {record.type!r} is not registered here")
            return
        if record.status not in self.statuses:
            self._post_skip(record, f"post status {record.status!r} is not registered here")
            return
        if record.type == "revision" and record.parent_id in self.skipped_posts:
            self._post_skip(record, "a revision of a post that was not imported")
            return
        key = str(record.id)
        target, action = self._target(
            "post",
            record.id,
            key,
            lambda pk: (
                locals_.get(pk, ("", "", ""))[0] == record.type
                and (
                    (record.guid and locals_[pk][1] == record.guid)
                    or (record.slug and locals_[pk][2] == record.slug)
                )
            ),
        )
        if target is None:
            self._post_skip(record, action)
            return
        columns: dict[str, str] = {}
        meta: list[tuple[str, str]] = []
        for meta_key, value in record.meta:
            if meta_key in mapping.POST_COLUMN_META and meta_key not in columns:
                columns[meta_key] = value
            else:
                meta.append((meta_key, value))
        if "_wp_trash_meta_comments_status" in columns:
            for comment_id, status in mapping.serialized_map(
                columns["_wp_trash_meta_comments_status"]
            ).items():
                if comment_id.isdigit():
                    self.trashed_comment_status[int(comment_id)] = status
        author = self.ids["user"].get(record.author_id) if record.author_id else None
        if record.author_id and author is None:
            self.report.explain("posts", "author", record.id, "its author was not imported")
        elif record.author_login and not record.author_id:
            self.report.explain("posts", "author", record.id, "its author is not in the file")
        date = mapping.to_utc(record.date, record.date_gmt, self.zone)
        if date is None:
            date = mapping.EPOCH
            self.report.explain("posts", "date", record.id, "it has no date")
        modified = mapping.to_utc(record.modified, record.modified_gmt, self.zone) or date
        template = columns.get("_wp_page_template", "")
        fields: dict[str, Any] = {
            "type": record.type,
            "status": record.status,
            "author_id": author,
            "date": date,
            "date_gmt_set": record.date_gmt is not None,
            "modified": modified,
            "title": record.title,
            "content": record.content,
            "excerpt": record.excerpt,
            "slug": record.slug,
            "password": record.password,
            "menu_order": record.menu_order,
            "comment_status": record.comment_status,
            "ping_status": record.ping_status,
            "sticky": bool(record.sticky) and record.type == "post",
            "format": mapping.post_format(record.terms, self.format_slugs),
            "template": "" if template == "default" else template,
            "guid": record.guid,
            "mime_type": record.mime_type,
            "trashed_from_status": columns.get("_wp_trash_meta_status", ""),
            "alt_text": columns.get("_wp_attachment_image_alt", ""),
            "media_details": mapping.attachment_details(columns.get("_wp_attachment_metadata", "")),
            "file": "",
        }
        if record.type == "attachment":
            file = self.media.locate(record, columns.get("_wp_attached_file", ""))
            if file is not None:
                fields["file"] = file.name
                fields["mime_type"] = fields["mime_type"] or mapping.guess_mime_type(file.name)
                attachments.append((target, file, fields["media_details"]))
        fields = mapping.storable_fields(fields)
        meta = mapping.storable_rows(meta)
        mapping.check_lengths(Post, fields, record.where)
        terms = []
        for taxonomy, term_id in record.terms:
            local_term = self.ids["term"].get(term_id)
            if taxonomy == "post_format":
                continue
            if local_term is None:
                self.report.explain("posts", "terms", record.id, f"a {taxonomy} term not imported")
                continue
            terms.append(local_term)
        featured = columns.get("_thumbnail_id", "").strip()
        featured_id = int(featured) if featured.isdigit() else 0
        if record.type == "nav_menu_item":
            self.menu_items[target] = dict(meta)
        links = (record.parent_id, featured_id)
        digest = checksum({"fields": fields, "links": links, "meta": meta, "terms": terms})
        entry = self.ledger["post"].get(key)
        unchanged = action == "known" and entry.checksum == digest
        post = Post(pk=target, **fields)
        self.ids["post"][record.id] = target
        self.post_parents[target] = links
        outcome = self._outcome(plan, "post", post, action, unchanged, fields)
        self.report.count("posts", outcome)
        if outcome == "unchanged":
            return
        self._ledger(plan, "post", key, target, digest)
        if action != "create":
            plan.replace_meta_of.append(target)
        plan.meta += [PostMeta(post_id=target, key=k, value=v) for k, v in meta]
        plan.relationships += [
            TermRelationship(post_id=target, term_id=term, term_order=order)
            for order, term in enumerate(dict.fromkeys(terms))
        ]

    # --- comments ------------------------------------------------------------------------------
    def _comments(self) -> None:
        self.progress.phase("comments")
        for batch in self.source.comment_batches(self.opts.batch_size):
            self._guarded(batch, self._comment_batch)
            self.progress.advance(len(batch))

    def _comment_batch(self, records: list[CommentRecord]) -> None:
        plan = Plan()
        locals_ = {
            pk: (post_id, date)
            for pk, post_id, date in Comment.objects.filter(
                pk__in=[r.id for r in records if r.id in self.existing["comment"]]
            ).values_list("pk", "post_id", "date")
        }
        statuses = set(Comment.Status.values)
        for record in records:
            post = self.ids["post"].get(record.post_id)
            if post is None:
                why = "skipped" if record.post_id in self.skipped_posts else "not in the source"
                self.report.skip("comments", record.id, f"its post was {why}")
                continue
            if record.approved not in statuses:
                self.report.skip("comments", record.id, f"status {record.approved!r} is unknown")
                continue
            date = mapping.to_utc(record.date, record.date_gmt, self.zone) or mapping.EPOCH
            key = str(record.id)
            same = (post, date)
            target, action = self._target(
                "comment", record.id, key, lambda pk, same=same: locals_.get(pk) == same
            )
            if target is None:
                self.report.skip("comments", record.id, action)
                continue
            user = self.ids["user"].get(record.user_id) if record.user_id else None
            if record.user_id and user is None:
                self.report.explain("comments", "user", record.id, "its user was not imported")
            columns = {}
            meta = []
            for meta_key, value in record.meta:
                if meta_key in mapping.COMMENT_COLUMN_META and meta_key not in columns:
                    columns[meta_key] = value
                else:
                    meta.append((meta_key, value))
            fields = {
                "post_id": post,
                "user_id": user,
                "author_name": record.author,
                "author_email": record.author_email,
                "author_url": record.author_url,
                "author_ip": record.author_ip,
                "author_user_agent": record.agent,
                "date": date,
                "content": record.content,
                "karma": record.karma,
                "status": record.approved,
                "type": record.type or "comment",
                "previous_status": columns.get("_wp_trash_meta_status", ""),
                "status_before_post_trash": self.trashed_comment_status.get(record.id, ""),
            }
            if not self.full and not record.agent:
                fields.pop("author_user_agent")  # not in WordPress's WXR: a value set here stays
            fields = mapping.storable_fields(fields)
            meta = mapping.storable_rows(meta)
            mapping.check_lengths(Comment, fields, record.where)
            digest = checksum({"fields": fields, "parent": record.parent_id, "meta": meta})
            entry = self.ledger["comment"].get(key)
            unchanged = action == "known" and entry.checksum == digest
            comment = Comment(pk=target, **fields)
            self.ids["comment"][record.id] = target
            self.comment_parents[target] = record.parent_id
            outcome = self._outcome(plan, "comment", comment, action, unchanged, fields)
            self.report.count("comments", outcome)
            if outcome == "unchanged":
                continue
            self._ledger(plan, "comment", key, target, digest)
            if action != "create":
                plan.replace_meta_of.append(target)
            plan.meta += [CommentMeta(comment_id=target, key=k, value=v) for k, v in meta]
        self._write(plan, Comment, CommentMeta, "comment_id")

    # --- what ties objects together, options, counts, sequences ------------------------------
    def _finish(self) -> None:
        self.progress.phase("links")
        with transaction.atomic():
            self._link_terms()
            self._link_posts()
            self._link_comments()
            self._link_menu_items()
            self._options()
            self._counts()
        if not self.opts.dry_run:
            move_sequences_past_ids()
            if self.opts.remap_ids and self.opts.map_file:
                self._write_map()
        wpsite.forget_options()
        from wpapi.cache import bump

        bump()
        if not self.source.has_revisions:
            self.report.note("the file has no revisions: posts keep only their last version")
        if self.source.unknown_authors:
            names = ", ".join(sorted(self.source.unknown_authors)[:5])
            self.report.note(f"authors named by posts but not listed in the file: {names}")
        if self.profileless_users:
            self.report.note(
                f"{self.profileless_users} users came without roles, passwords or profiles "
                "(WordPress's WXR files have none): they are subscribers without a password "
                "here; import from the database to bring them"
            )

    def _relink(self, model: type[Model], field: str, desired: dict[int, int | None]) -> int:
        """Set a reference on every object whose stored value differs from `desired`."""
        changed: dict[int | None, list[int]] = {}
        column = f"{field}_id"
        for ids in chunks(desired):
            for pk, current in model.objects.filter(pk__in=ids).values_list("pk", column):
                if current != desired[pk]:
                    changed.setdefault(desired[pk], []).append(pk)
        for value, ids in changed.items():
            for part in chunks(ids):
                model.objects.filter(pk__in=part).update(**{column: value})
        return sum(len(ids) for ids in changed.values())

    def _link_terms(self) -> None:
        self._relink(Term, "parent", self.term_parents)

    def _link_posts(self) -> None:
        parents: dict[int, int | None] = {}
        featured: dict[int, int | None] = {}
        for local, (parent, image) in self.post_parents.items():
            parents[local] = self.ids["post"].get(parent) if parent else None
            if parent and parents[local] is None:
                self.report.explain("posts", "parent", parent, "a parent that was not imported")
            featured[local] = self.ids["post"].get(image) if image else None
            if image and featured[local] is None:
                self.report.explain("posts", "featured", image, "a featured image not imported")
        self._relink(Post, "parent", parents)
        self._relink(Post, "featured_media", featured)

    def _link_comments(self) -> None:
        parents: dict[int, int | None] = {}
        for local, parent in self.comment_parents.items():
            parents[local] = self.ids["comment"].get(parent) if parent else None
        self._relink(Comment, "parent", parents)

    def _link_menu_items(self) -> None:
        """A menu item's meta names its parent item and the object it links to by ID: those
        follow IDs given anew (--remap-ids)."""
        desired: dict[tuple[int, str], str] = {}
        for local, meta in self.menu_items.items():
            table = {"post_type": "post", "taxonomy": "term"}.get(meta.get("_menu_item_type", ""))
            for key, kind in (
                ("_menu_item_menu_item_parent", "post"),
                ("_menu_item_object_id", table),
            ):
                value = meta.get(key, "")
                if kind and value.isdigit() and int(value):
                    desired[(local, key)] = str(self.ids[kind].get(int(value), int(value)))
        for ids in chunks(self.menu_items):
            rows = PostMeta.objects.filter(post_id__in=ids, key__in=[key for _, key in desired])
            for row in rows:
                wanted = desired.get((row.post_id, row.key))
                if wanted is not None and row.value != wanted:
                    PostMeta.objects.filter(pk=row.pk).update(value=wanted)

    def _options(self) -> None:
        def post_id(pk: int) -> int | None:
            return self.ids["post"].get(pk) if pk else None

        def term_id(pk: int) -> int | None:
            return self.ids["term"].get(pk) if pk else None

        values, notes = mapping.site_options(self.source.site.options, post_id, term_id)
        for note in notes:
            self.report.note(note)
        from wpapi.models import Option

        saved = dict(Option.objects.filter(name__in=list(values)).values_list("name", "value"))
        changed = {}
        for name, value in values.items():
            if name in saved and saved[name] == value:
                self.report.count("options", "unchanged")
            else:
                changed[name] = value
                self.report.count("options", "updated" if name in saved else "created")
        if changed:
            wpsite.update_options(changed)

    def _counts(self) -> None:
        from comments.services import update_post_comment_count
        from taxonomy.services import update_term_counts

        update_term_counts()
        update_post_comment_count()
        # menus count their items (their taxonomy is not in the registry's recount)
        menus = Term.objects.filter(taxonomy="nav_menu")
        for term in menus:
            count = TermRelationship.objects.filter(term=term).count()
            if term.count != count:
                Term.objects.filter(pk=term.pk).update(count=count)

    def _write_map(self) -> None:
        data = {
            "source": self.key,
            **{
                REPORT_KIND[kind]: {str(s): local for s, local in sorted(self.ids[kind].items())}
                for kind in KINDS
            },
        }
        with open(self.opts.map_file, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
        self.report.note(f"ID mapping (source ID -> ID here) written to {self.opts.map_file}")


def move_sequences_past_ids() -> None:
    """After rows were written with their own IDs, the next ID the database gives must be
    past them: PostgreSQL's sequences are set to the highest ID; SQLite's AUTOINCREMENT
    counters (sqlite_sequence) too, should one be behind."""
    models = [User, Term, Post, Comment]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for model in models:
                table = model._meta.db_table
                cursor.execute(f'SELECT MAX("id") FROM "{table}"')  # noqa: S608 - our table
                top = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                if row is None:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, top]
                    )
                elif row[0] < top:
                    cursor.execute(
                        "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [top, table]
                    )
            return
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
