"""Which posts a caller may see or edit, as SQL.

Visibility has one definition, `content.policies.can_see_post()` (WordPress's
check_read_permission()), and one for editing, `user_can(user, "edit_post", post)`. A list
cannot ask those functions row by row, so `readable_q()` and `editable_q()` turn them into SQL
by asking them about every kind of post there is: each post type, status, whether the caller
wrote it, the status a trashed post had, and for `inherit` rows (attachments) the same about
their parent. The conditions that hold are merged into a few `Q` terms. Whatever the rule says
of one post, the list says of every post like it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.db.models import Q, QuerySet

from content.models import Post
from content.policies import can_see_post
from users.capabilities import PUBLISHED, roles_of, user_can
from wpapi.registry import post_statuses, post_types

# --- visibility as SQL ------------------------------------------------------------------------
#: what a trashed post's former status can be, as far as map_meta_cap tells them apart
TRASHED_FROM = {"publish": Q(trashed_from_status__in=PUBLISHED)}
TRASHED_FROM["private"] = Q(trashed_from_status="private")
TRASHED_FROM["draft"] = ~Q(trashed_from_status__in=[*PUBLISHED, "private"])


@dataclass(frozen=True)
class _Kind:
    """One kind of post as the rules see it; `parent` only for `inherit` rows."""

    type: str
    status: str
    own: bool
    trashed_from: str = "draft"
    parent: _Kind | None = None

    def probe(self, user_id: int) -> SimpleNamespace:
        registry = post_types()
        return SimpleNamespace(
            pk=None,
            type=self.type,
            type_object=registry.get(self.type),
            status=self.status,
            author_id=user_id if self.own else -1,
            trashed_from_status=self.trashed_from,
            parent=self.parent.probe(user_id) if self.parent else None,
        )


def _kinds(types: Iterable[str], statuses: Iterable[str], owners: tuple[bool, ...]) -> list[_Kind]:
    kinds = []
    for post_type, status, own in itertools.product(types, statuses, owners):
        trashed = TRASHED_FROM if status == "trash" else {"draft": None}
        kinds.extend(_Kind(post_type, status, own, former) for former in trashed)
    return kinds


def _parents(owners: tuple[bool, ...]) -> list[_Kind | None]:
    statuses = [slug for slug in post_statuses() if slug != "inherit"]
    return [None, *_kinds(post_types(), statuses, owners)]


def _prefixed(q: Q, prefix: str) -> Q:
    """A copy of `q` whose lookups start at `prefix` (a related post)."""
    if not prefix:
        return q
    clone = Q()
    clone.connector, clone.negated = q.connector, q.negated
    clone.children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1])
        for child in q.children
    ]
    return clone


_allowed_cache: dict[tuple, list[_Kind]] = {}


def _allowed_kinds(
    user: Any,
    rule: Callable[[Any, Any], bool],
    rule_name: str,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
) -> list[_Kind]:
    """The kinds of post `rule` allows `user`, from probes. The answer depends only on the
    user's roles and the registry (never on stored rows), so it is kept per process."""
    authenticated = bool(user is not None and user.is_authenticated)
    owners = (True, False) if authenticated else (False,)
    key = (
        rule_name,
        types,
        statuses,
        authenticated,
        tuple(roles_of(user)) if authenticated else (),
        bool(getattr(user, "is_active", True)),
        id(post_types()),
        tuple(post_statuses()),
    )
    found = _allowed_cache.get(key)
    if found is None:
        user_id = user.pk if authenticated else -2
        found = []
        for kind in _kinds(types, statuses, owners):
            parents = _parents(owners) if kind.status == "inherit" else [None]
            for parent in parents:
                candidate = _Kind(kind.type, kind.status, kind.own, kind.trashed_from, parent)
                if rule(user, candidate.probe(user_id)):
                    found.append(candidate)
        if len(_allowed_cache) > 1000:
            _allowed_cache.clear()
        _allowed_cache[key] = found
    return found


def _merged_q(kinds: list[_Kind], user: Any, prefix: str) -> Q:
    """The allowed kinds as a short condition: what holds for every author, every former
    status of a trashed post or every parent is not asked; kinds that differ only in their
    type or only in their status share one `IN` term."""
    user_id = user.pk if user is not None and user.is_authenticated else None
    owners = {True, False} if user_id is not None else {False}
    every_parent = None
    # per type and status, the former statuses (trash) or parents (inherit) allowed to each
    # author; when both authors are allowed the same, whose post it is doesn't matter
    details: dict[tuple, dict[bool, set]] = {}
    for kind in kinds:
        detail = (
            kind.trashed_from
            if kind.status == "trash"
            else kind.parent
            if kind.status == "inherit"
            else None
        )
        per_owner = details.setdefault((kind.type, kind.status), {})
        per_owner.setdefault(kind.own, set()).add(detail)
    special: dict[tuple, set] = {}
    for (post_type, status), per_owner in details.items():
        if set(per_owner) == owners and len({frozenset(d) for d in per_owner.values()}) == 1:
            special[(post_type, status, None)] = next(iter(per_owner.values()))
        else:
            for own, allowed in per_owner.items():
                special[(post_type, status, own)] = allowed
    plain: dict[tuple, set[str]] = {}
    detailed: dict[tuple, set[str]] = {}
    for (post_type, status, own), allowed in special.items():
        if status == "trash" and allowed != set(TRASHED_FROM):
            detailed.setdefault((status, own, frozenset(allowed)), set()).add(post_type)
        elif status == "inherit":
            if every_parent is None:
                every_parent = set(_parents(tuple(owners)))
            if allowed == every_parent:
                plain.setdefault((status, own), set()).add(post_type)
            else:
                detailed.setdefault((status, own, frozenset(allowed)), set()).add(post_type)
        else:
            plain.setdefault((status, own), set()).add(post_type)
    condition = Q(pk__in=[])
    for (status, own, allowed), types in detailed.items():
        if status == "trash":
            term = Q(pk__in=[])
            for trashed in sorted(allowed):
                term |= _prefixed(TRASHED_FROM[trashed], prefix)
        else:
            parents = [parent for parent in allowed if parent is not None]
            term = _merged_q(parents, user, f"{prefix}parent__")
            if None in allowed:
                term |= Q(**{f"{prefix}parent__isnull": True})
        condition |= _row_q(prefix, sorted(types), [status], own, user_id) & term
    by_types: dict[tuple, set[str]] = {}
    for (status, own), types in plain.items():
        by_types.setdefault((frozenset(types), own), set()).add(status)
    for (types, own), statuses in by_types.items():
        condition |= _row_q(prefix, sorted(types), sorted(statuses), own, user_id)
    return condition


def _row_q(
    prefix: str, types: list[str], statuses: list[str], own: bool | None, user_id: int | None
) -> Q:
    term = Q(**{f"{prefix}type__in": types, f"{prefix}status__in": statuses})
    if own is not None and user_id is not None:
        mine = Q(**{f"{prefix}author_id": user_id})
        term &= mine if own else ~mine
    return term


def readable_q(
    user: Any, types: Iterable[str], statuses: Iterable[str] | None = None, prefix: str = ""
) -> Q:
    """Posts of `types` (and `statuses`, all by default) that `user` may read: can_see_post()
    as SQL. `prefix` is the lookup path to the post ("post__" from a comment)."""
    statuses = tuple(statuses) if statuses is not None else tuple(post_statuses())
    kinds = _allowed_kinds(user, can_see_post, "read", tuple(types), statuses)
    return _merged_q(kinds, user, prefix)


def _can_edit(user: Any, post: Any) -> bool:
    return user_can(user, "edit_post", post)


def editable_q(user: Any, types: Iterable[str], prefix: str = "") -> Q:
    """Posts of `types` that `user` may edit (map_meta_cap's edit_post) as SQL."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    statuses = tuple(post_statuses())
    kinds = _allowed_kinds(user, _can_edit, "edit", tuple(types), statuses)
    return _merged_q(kinds, user, prefix)


def posts_anyone_reads(types: Iterable[str]) -> QuerySet[Post]:
    """Published posts of `types`: what every visitor may read (has_published_posts)."""
    return Post.objects.filter(readable_q(None, types, ["publish"]))


def rest_post_types() -> list[str]:
    """Post types shown in REST (get_post_types(['show_in_rest' => true]))."""
    return [slug for slug, kind in post_types().items() if kind.show_in_rest]
