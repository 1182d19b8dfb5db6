"""The project's WP_Query: which posts a caller may see, and the posts a query asks for.

Visibility has one definition, `content.policies.can_see_post()` (WordPress's
check_read_permission()), and one for editing, `user_can(user, "edit_post", post)`. A list
cannot ask those functions row by row, so `readable_q()` and `editable_q()` turn them into SQL
by asking them about every kind of post there is: each post type, status, whether the caller
wrote it, the status a trashed post had, and for `inherit` rows (attachments) the same about
their parent. The conditions that hold are merged into a few `Q` terms. Whatever the rule says
of one post, the list says of every post like it.

`query_posts()` is WP_Query's work for every collection of posts (posts, pages, registered
types, media, `/wp/v2/search`): visibility, the ID arguments, dates, terms, search, ordering.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from content.models import Post
from content.policies import can_see_post
from users.capabilities import PUBLISHED, roles_of, user_can
from wpapi.registry import post_statuses, post_types, type_taxonomies

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


# --- search ------------------------------------------------------------------------------------
def search_terms(text: str) -> list[str]:
    """WP_Query::parse_search(): quoted phrases stay whole, the rest splits on spaces."""
    text = text.replace("\x00", "")
    return [term for term in (raw.strip('"') for raw in re.findall(r'"[^"]*"|\S+', text)) if term]


def search_q(text: str, *, filename: bool = False) -> Q:
    """Every term in the title, excerpt or content (and an attachment's file name when
    `filename`); a leading "-" excludes a term."""
    condition = Q()
    for term in search_terms(text):
        exclude = term.startswith("-") and len(term) > 1
        if exclude:
            term = term[1:]
        match = Q(title__icontains=term) | Q(excerpt__icontains=term) | Q(content__icontains=term)
        if filename:
            match |= Q(file__icontains=term)
        condition &= ~match if exclude else match
    return condition


def relevance(text: str) -> Case:
    """WP_Query::parse_search_order(): the whole phrase in the title first, then every term in
    the title, then any term in the title, then the phrase in the excerpt, then in the
    content. One term ranks by the title alone."""
    text = text.strip()
    terms = [term for term in search_terms(text) if not term.startswith("-")]
    phrase = not re.search(r"(?:\s|^)-", text)
    if len(terms) <= 1:
        return Case(
            When(title__icontains=terms[0] if terms else text, then=Value(1)),
            default=Value(6),
            output_field=IntegerField(),
        )
    ranks = [When(title__icontains=text, then=Value(1))] if phrase else []
    if len(terms) < 7:
        every, some = Q(), Q()
        for term in terms:
            every &= Q(title__icontains=term)
            some |= Q(title__icontains=term)
        ranks += [When(every, then=Value(2)), When(some, then=Value(3))]
    if phrase:
        ranks += [
            When(excerpt__icontains=text, then=Value(4)),
            When(content__icontains=text, then=Value(5)),
        ]
    return Case(*ranks, default=Value(6), output_field=IntegerField())


# --- the query ---------------------------------------------------------------------------------
@dataclass
class PostQuery:
    """WP_Query's variables, as the REST controllers fill them (prepare_items_query)."""

    post_type: list[str]
    post_status: list[str] = field(default_factory=lambda: ["publish"])
    post__in: list[int] = field(default_factory=list)
    post__not_in: list[int] = field(default_factory=list)
    author__in: list[int] = field(default_factory=list)
    author__not_in: list[int] = field(default_factory=list)
    post_parent__in: list[int] = field(default_factory=list)
    post_parent__not_in: list[int] = field(default_factory=list)
    post_name__in: list[str] = field(default_factory=list)
    after: datetime | None = None
    before: datetime | None = None
    modified_after: datetime | None = None
    modified_before: datetime | None = None
    menu_order: int | None = None
    sticky: bool | None = None
    #: [(taxonomy, term IDs (with their descendants when asked), "IN" / "AND" / "NOT IN")]
    tax_query: list[tuple[str, list[set[int]], str]] = field(default_factory=list)
    tax_relation: str = "AND"
    post_mime_type: list[str] | None = None
    s: str = ""
    #: search attachments' file names too (the attachments controller's filter)
    search_filename: bool = False
    orderby: str = "date"
    order: str = "desc"


def query_posts(user: Any, query: PostQuery, posts: QuerySet[Post] | None = None) -> QuerySet:
    """The posts `query` asks for that `user` may read, in its order."""
    rows = posts if posts is not None else Post.objects.all()
    rows = rows.filter(readable_q(user, query.post_type, query.post_status))
    if query.post__in:
        rows = rows.filter(pk__in=query.post__in)
    elif query.post__not_in:  # WP_Query ignores post__not_in when post__in is given
        rows = rows.exclude(pk__in=query.post__not_in)
    if query.author__in:
        rows = rows.filter(author_id__in=query.author__in)
    if query.author__not_in:
        rows = rows.exclude(author_id__in=query.author__not_in)
    if query.post_parent__in:
        rows = rows.filter(_parent_q(query.post_parent__in))
    if query.post_parent__not_in:
        rows = rows.exclude(_parent_q(query.post_parent__not_in))
    if query.post_name__in:
        rows = rows.filter(slug__in=query.post_name__in)
    for value, lookup in (
        (query.after, "date__gt"),
        (query.before, "date__lt"),
        (query.modified_after, "modified__gt"),
        (query.modified_before, "modified__lt"),
    ):
        if value is not None:
            rows = rows.filter(**{lookup: value})
    if query.menu_order is not None:
        rows = rows.filter(menu_order=query.menu_order)
    if query.sticky is not None:
        rows = rows.filter(sticky=query.sticky)
    if query.tax_query:
        rows = rows.filter(_tax_q(query.tax_query, query.tax_relation))
    if query.post_mime_type is not None:
        rows = rows.filter(mime_type__in=query.post_mime_type)
    if query.s:
        rows = rows.filter(search_q(query.s, filename=query.search_filename))
        if user is None or not user.is_authenticated:
            # WP_Query leaves password-protected posts out of logged-out visitors' searches
            rows = rows.filter(password="")
    return order_posts(rows, query)


def found_posts_recounted(window: Any, params: dict[str, Any]) -> bool:
    """WP_Query counts found_posts only when the page has rows; the posts controllers count
    again for a page past the end (page > 1, no offset), so that it can be refused."""
    return window.page > 1 and not params.get("offset")


def _parent_q(parents: list[int]) -> Q:
    """post_parent__in: 0 means "no parent" (stored as NULL)."""
    condition = Q(parent_id__in=[pk for pk in parents if pk])
    if 0 in parents:
        condition |= Q(parent__isnull=True)
    return condition


def _tax_q(clauses: list[tuple[str, list[set[int]], str]], relation: str) -> Q:
    from taxonomy.models import TermRelationship

    def tagged(ids: set[int]) -> Q:
        return Q(pk__in=TermRelationship.objects.filter(term_id__in=ids).values("post_id"))

    combined: Q | None = None
    for _taxonomy, families, operator in clauses:
        if operator == "NOT IN":
            clause = ~tagged(set().union(*families))
        elif operator == "AND":
            clause = Q()
            for family in families:
                clause &= tagged(family)
        else:
            clause = tagged(set().union(*families))
        if combined is None:
            combined = clause
        else:
            combined = combined | clause if relation == "OR" else combined & clause
    return combined if combined is not None else Q()


def term_families(ids: list[int], include_children: bool) -> list[set[int]]:
    """Each term with (when asked) its descendants, for a hierarchical tax query."""
    from taxonomy.models import Term

    families = [{term_id} for term_id in ids]
    if include_children and ids:
        children: dict[int, list[int]] = {}
        for child, parent in Term.objects.filter(parent__isnull=False).values_list(
            "pk", "parent_id"
        ):
            children.setdefault(parent, []).append(child)
        for family in families:
            stack = list(family)
            while stack:
                for child in children.get(stack.pop(), []):
                    if child not in family:
                        family.add(child)
                        stack.append(child)
    return families


ORDER_COLUMNS = {
    "author": "author_id",
    "date": "date",
    "id": "id",
    "modified": "modified",
    "parent": "parent_id",
    "slug": "slug",
    "title": "title",
    "menu_order": "menu_order",
    "include_slugs": "date",
}


def order_posts(rows: QuerySet, query: PostQuery) -> QuerySet:
    """WP_Query's ORDER BY, with the tie-breaks MySQL gives WordPress's queries: walking the
    (type, status, date, ID) index for dates, the ID follows the date's direction; other
    columns are sorted from table order, ascending IDs."""
    orderby = query.orderby
    descending = query.order == "desc"
    sign = "-" if descending else ""
    if orderby == "include" and query.post__in:
        return rows.order_by(_position(query.post__in, "pk"))
    if orderby == "include_slugs" and query.post_name__in:
        return rows.order_by(_position(query.post_name__in, "slug"))
    if orderby == "relevance" and query.s:
        return rows.order_by(relevance(query.s), "-date", "-id")
    field_name = ORDER_COLUMNS.get(orderby, "date")
    if field_name == "id":
        return rows.order_by(f"{sign}id")
    tie = f"{sign}id" if field_name == "date" else "id"
    if field_name == "title":  # MySQL's case-insensitive collation, as WordPress sorts
        title = Lower("title")
        return rows.order_by(title.desc() if descending else title.asc(), tie)
    if field_name in ("parent_id", "author_id"):
        # WordPress stores "none" as 0, the smallest value; NULL sorts the same everywhere
        column = F(field_name)
        return rows.order_by(
            column.desc(nulls_last=True) if descending else column.asc(nulls_first=True), tie
        )
    return rows.order_by(f"{sign}{field_name}", tie)


def _position(values: list[Any], lookup: str) -> Case:
    """FIELD(): the rows in the order of `values`, those not listed last."""
    return Case(
        *[When(**{lookup: value}, then=Value(index)) for index, value in enumerate(values)],
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def taxonomy_rest_bases(post_type: str) -> dict[str, Any]:
    """The post type's taxonomies by REST base, as its collection arguments name them."""
    return {taxonomy.rest_base: taxonomy for taxonomy in type_taxonomies(post_type)}
