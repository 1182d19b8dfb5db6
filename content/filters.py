"""The posts collection's query arguments (get_collection_params) and how each one filters
and orders the rows (get_items → WP_Query), for posts, pages and registered post types."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from content import policies
from content.formatting import sanitize_title
from content.models import Post
from wpapi import schema as wp_schema
from wpapi.dates import parse_request_date
from wpapi.errors import WPError, forbidden_status
from wpapi.registry import PostType, post_statuses, type_taxonomies
from wpapi.viewsets import OFFSET_ARG, collection_params, order_arg

#: core's statuses as get_post_stati() lists them (the personal-data request statuses
#: included), before any a project registers
CORE_LIST_STATUSES = [
    "publish",
    "future",
    "draft",
    "pending",
    "private",
    "trash",
    "auto-draft",
    "inherit",
    "request-pending",
    "request-confirmed",
    "request-failed",
    "request-completed",
]


def list_statuses() -> list[str]:
    """The `status` argument's enum: every registered status, then "any"."""
    extra = [slug for slug in post_statuses() if slug not in CORE_LIST_STATUSES]
    return [*CORE_LIST_STATUSES, *extra, "any"]


def _ids(description: str, default: bool = True) -> dict[str, Any]:
    arg: dict[str, Any] = {
        "description": description,
        "type": "array",
        "items": {"type": "integer"},
    }
    if default:
        arg["default"] = []
    return arg


def _date(description: str) -> dict[str, Any]:
    return {"description": description, "type": "string", "format": "date-time"}


def _term_query(taxonomy: Any, exclude: bool) -> dict[str, Any]:
    props: dict[str, Any] = {
        "terms": {
            "description": "Term IDs.",
            "type": "array",
            "items": {"type": "integer"},
            "default": [],
        }
    }
    if taxonomy.hierarchical:
        props["include_children"] = {
            "description": "Whether to include child terms in the terms limiting the result set.",
            "type": "boolean",
            "default": False,
        }
    if not exclude:
        props["operator"] = {
            "description": "Whether items must be assigned all or any of the specified terms.",
            "type": "string",
            "enum": ["AND", "OR"],
            "default": "OR",
        }
    if exclude:
        description = (
            "Limit result set to items except those with specific terms assigned in "
            f"the {taxonomy.rest_base} taxonomy."
        )
    else:
        description = (
            "Limit result set to items with specific terms assigned in the "
            f"{taxonomy.rest_base} taxonomy."
        )
    return {
        "description": description,
        "type": ["object", "array"],
        "oneOf": [
            {
                "title": "Term ID List",
                "description": "Match terms with the listed IDs.",
                "type": "array",
                "items": {"type": "integer"},
            },
            {
                "title": "Term ID Taxonomy Query",
                "description": "Perform an advanced term query.",
                "type": "object",
                "properties": props,
                "additionalProperties": False,
            },
        ],
    }


#: orderby values of posts and attachments (get_collection_params()); pages add menu_order
POST_ORDERBY = (
    "author",
    "date",
    "id",
    "include",
    "modified",
    "parent",
    "relevance",
    "slug",
    "include_slugs",
    "title",
)


def post_collection_args(post_type: PostType, user: Any) -> dict[str, dict[str, Any]]:
    """get_collection_params() for one post type, in WordPress's order."""
    supports = set(post_type.supports)
    args: dict[str, dict[str, Any]] = collection_params()
    args["after"] = _date("Limit response to posts published after a given ISO8601 compliant date.")
    args["modified_after"] = _date(
        "Limit response to posts modified after a given ISO8601 compliant date."
    )
    if "author" in supports:
        args["author"] = _ids("Limit result set to posts assigned to specific authors.")
        args["author_exclude"] = _ids(
            "Ensure result set excludes posts assigned to specific authors."
        )
    args["before"] = _date(
        "Limit response to posts published before a given ISO8601 compliant date."
    )
    args["modified_before"] = _date(
        "Limit response to posts modified before a given ISO8601 compliant date."
    )
    args["exclude"] = _ids("Ensure result set excludes specific IDs.")
    args["include"] = _ids("Limit result set to specific IDs.")
    if "page-attributes" in supports:
        args["menu_order"] = {
            "description": "Limit result set to posts with a specific menu_order value.",
            "type": "integer",
        }
    args["offset"] = OFFSET_ARG
    args["order"] = order_arg("desc")
    orderby = list(POST_ORDERBY)
    if "page-attributes" in supports:
        orderby.append("menu_order")
    args["orderby"] = {
        "description": "Sort collection by post attribute.",
        "type": "string",
        "default": "date",
        "enum": orderby,
    }
    if post_type.hierarchical:
        args["parent"] = _ids("Limit result set to items with particular parent IDs.")
        args["parent_exclude"] = _ids(
            "Limit result set to all items except those of a particular parent ID."
        )
    args["slug"] = {
        "description": "Limit result set to posts with one or more specific slugs.",
        "type": "array",
        "items": {"type": "string"},
    }
    status_arg = {
        "default": "publish",
        "description": "Limit result set to posts assigned one or more statuses.",
        "type": "array",
        "items": {"enum": list_statuses(), "type": "string"},
    }
    status_arg["arg_options"] = {"validate": _status_validator(post_type.slug, user, status_arg)}
    args["status"] = status_arg
    taxonomies = type_taxonomies(post_type.slug)
    if taxonomies:
        args["tax_relation"] = {
            "description": "Limit result set based on relationship between multiple taxonomies.",
            "type": "string",
            "enum": ["AND", "OR"],
        }
    for taxonomy in taxonomies:
        args[taxonomy.rest_base] = _term_query(taxonomy, exclude=False)
        args[f"{taxonomy.rest_base}_exclude"] = _term_query(taxonomy, exclude=True)
    if post_type.slug == "post":
        args["sticky"] = {
            "description": "Limit result set to items that are sticky.",
            "type": "boolean",
        }
    return args


def _status_validator(post_type: str, user: Any, arg: dict[str, Any]):
    """The schema check, then sanitize_post_statuses(): statuses other than publish need
    edit_posts (private: read_private_posts), else rest_forbidden_status (401/403)."""

    def validate(value: Any, name: str) -> None:
        # WordPress checks the permission first, then validates each permitted status.
        schema = {key: arg[key] for key in ("type", "items")}
        for status in wp_schema.parse_list(value):
            if status == "publish":
                continue
            if not policies.can_list_status(user, post_type, status):
                raise wp_schema.SchemaError(
                    "rest_forbidden_status",
                    "Status is forbidden.",
                    {"status": forbidden_status(user)},
                )
            wp_schema.validate(status, schema, name)

    return validate


# --- applying them ---------------------------------------------------------------------------
def by_author_and_id(posts: QuerySet[Post], params: dict[str, Any]) -> QuerySet[Post]:
    """author, author_exclude, include and exclude as WP_Query applies them (post__not_in is
    ignored when post__in is given)."""
    if params.get("author"):
        posts = posts.filter(author_id__in=params["author"])
    if params.get("author_exclude"):
        posts = posts.exclude(author_id__in=params["author_exclude"])
    if params.get("include"):
        posts = posts.filter(pk__in=params["include"])
    elif params.get("exclude"):
        posts = posts.exclude(pk__in=params["exclude"])
    return posts


def _statuses(params: dict[str, Any]) -> list[str]:
    statuses = wp_schema.parse_list(params.get("status", "publish"))
    if "any" in statuses:
        return [slug for slug, status in post_statuses().items() if not status.internal] or [
            "publish"
        ]
    return statuses or ["publish"]


def _search(posts: QuerySet[Post], text: str, user: Any, post_type: str) -> QuerySet[Post]:
    """WP_Query's search: every term (quoted phrases kept) in the title, excerpt or content;
    a leading "-" excludes. Logged-out visitors do not find password-protected posts at all,
    as in WordPress. Unlike WordPress, the content and excerpt of a protected post are only
    searched for those who may edit it, so a search cannot probe what the password hides."""
    protected_ok = Q(password="")
    if user is not None and user.is_authenticated:
        if policies.type_can(user, post_type, "edit_others_posts"):
            protected_ok = Q()
        else:
            protected_ok |= Q(author_id=user.pk)
    terms = re.findall(r'"[^"]*"|\S+', text)
    for raw in terms:
        term = raw.strip('"')
        if not term:
            continue
        exclude = term.startswith("-") and len(term) > 1
        if exclude:
            term = term[1:]
        match = Q(title__icontains=term) | (
            protected_ok & (Q(excerpt__icontains=term) | Q(content__icontains=term))
        )
        posts = posts.exclude(match) if exclude else posts.filter(match)
    if user is None or not user.is_authenticated:
        posts = posts.filter(password="")
    return posts


def _term_family(ids: list[int], include_children: bool) -> dict[int, set[int]]:
    """Each requested term with (when asked) all its descendants (Term.parent)."""
    from taxonomy.models import Term

    families = {term_id: {term_id} for term_id in ids}
    if include_children and ids:
        pairs = list(Term.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))
        children: dict[int, list[int]] = {}
        for child, parent in pairs:
            children.setdefault(parent, []).append(child)
        for term_id, family in families.items():
            stack = [term_id]
            while stack:
                for child in children.get(stack.pop(), []):
                    if child not in family:
                        family.add(child)
                        stack.append(child)
    return families


def _tax_clauses(params: dict[str, Any], post_type: str) -> list[Q]:
    from taxonomy.models import TermRelationship

    clauses = []
    for taxonomy in type_taxonomies(post_type):
        for exclude in (False, True):
            name = taxonomy.rest_base + ("_exclude" if exclude else "")
            value = params.get(name)
            if not value:
                continue
            include_children, operator = False, "OR"
            if isinstance(value, dict):
                terms = value.get("terms") or []
                include_children = bool(value.get("include_children")) and taxonomy.hierarchical
                operator = value.get("operator", "OR")
            else:
                terms = value
            terms = [int(term) for term in terms]
            if not terms:
                continue
            families = _term_family(terms, include_children)

            def tagged(ids: set[int], taxonomy_slug: str = taxonomy.slug) -> Q:
                return Q(
                    pk__in=TermRelationship.objects.filter(
                        term_id__in=ids, term__taxonomy=taxonomy_slug
                    ).values("post_id")
                )

            if exclude:
                every = set().union(*families.values())
                clauses.append(~tagged(every))
            elif operator == "AND":
                clause = Q()
                for family in families.values():
                    clause &= tagged(family)
                clauses.append(clause)
            else:
                clauses.append(tagged(set().union(*families.values())))
    return clauses


def check_orderby_has_its_argument(params: dict[str, Any]) -> None:
    """orderby=relevance needs a search, orderby=include an include (posts, media, revisions)."""
    orderby = params.get("orderby", "date")
    if orderby == "relevance" and not params.get("search"):
        raise WPError(
            "rest_no_search_term_defined",
            "You need to define a search term to order by relevance.",
            400,
        )
    if orderby == "include" and not params.get("include"):
        raise WPError(
            "rest_orderby_include_missing_include",
            "You need to define an include parameter to order by include.",
            400,
        )


def filter_posts(
    posts: QuerySet[Post], params: dict[str, Any], post_type: PostType, user: Any
) -> QuerySet[Post]:
    """get_items(): the argument checks WordPress makes there, then the query."""
    check_orderby_has_its_argument(params)
    posts = policies.visible_in_statuses(user, posts, post_type.slug, _statuses(params))
    posts = by_author_and_id(posts, params)
    slugs = [sanitize_title(slug) for slug in wp_schema.parse_list(params.get("slug") or [])]
    if slugs:
        posts = posts.filter(slug__in=slugs)
    for name, lookup in (
        ("after", "date__gt"),
        ("before", "date__lt"),
        ("modified_after", "modified__gt"),
        ("modified_before", "modified__lt"),
    ):
        if params.get(name):
            posts = posts.filter(**{lookup: parse_request_date(params[name], is_gmt=False)})
    if params.get("parent"):
        parents = [p for p in params["parent"] if p]
        condition = Q(parent_id__in=parents)
        if 0 in params["parent"]:
            condition |= Q(parent__isnull=True)
        posts = posts.filter(condition)
    if params.get("parent_exclude"):
        posts = posts.exclude(parent_id__in=params["parent_exclude"])
        if 0 in params["parent_exclude"]:
            posts = posts.exclude(parent__isnull=True)
    if params.get("menu_order") is not None and "menu_order" in params:
        posts = posts.filter(menu_order=params["menu_order"])
    if "sticky" in params and params["sticky"] is not None:
        posts = posts.filter(sticky=bool(params["sticky"]))
    clauses = _tax_clauses(params, post_type.slug)
    if clauses:
        combined = clauses[0]
        for clause in clauses[1:]:
            combined = (
                combined | clause if params.get("tax_relation") == "OR" else combined & clause
            )
        posts = posts.filter(combined)
    if params.get("search"):
        posts = _search(posts, params["search"], user, post_type.slug)
    return order_posts(posts, params, slugs)


def order_posts(posts: QuerySet[Post], params: dict[str, Any], slugs: list[str]) -> QuerySet:
    orderby = params.get("orderby", "date")
    descending = params.get("order", "desc") == "desc"
    sign = "-" if descending else ""
    if orderby == "include":
        ids = list(params["include"])
        return posts.order_by(
            Case(
                *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)],
                output_field=IntegerField(),
            )
        )
    if orderby == "include_slugs" and slugs:
        return posts.order_by(
            Case(
                *[When(slug=s, then=Value(i)) for i, s in enumerate(slugs)],
                default=Value(len(slugs)),
                output_field=IntegerField(),
            )
        )
    if orderby == "relevance":
        # WP_Query::parse_search_order(): the whole phrase in the title first, then every
        # term in the title, then any term in the title, then the phrase in the excerpt, then
        # in the content; newest first within each rank
        text = params["search"].strip()
        terms = [t.strip('"') for t in re.findall(r'"[^"]*"|\S+', text)]
        terms = [t for t in terms if t and not t.startswith("-")]
        ranks = [When(title__icontains=text, then=Value(1))]
        if 1 < len(terms) < 7:
            every, some = Q(), Q()
            for term in terms:
                every &= Q(title__icontains=term)
                some |= Q(title__icontains=term)
            ranks += [When(every, then=Value(2)), When(some, then=Value(3))]
        if len(terms) > 1:  # one term ranks by the title alone
            ranks += [
                When(excerpt__icontains=text, then=Value(4)),
                When(content__icontains=text, then=Value(5)),
            ]
        rank = Case(*ranks, default=Value(6), output_field=IntegerField())
        return posts.order_by(rank, "-date", "-id")
    field = {
        "author": "author_id",
        "date": "date",
        "id": "id",
        "modified": "modified",
        "parent": "parent_id",
        "slug": "slug",
        "title": "title",
        "menu_order": "menu_order",
        "include_slugs": "date",
    }.get(orderby, "date")
    if field == "id":
        return posts.order_by(f"{sign}id")
    # ties: MySQL walks its (type, status, date, ID) index for dates, so the ID follows the
    # date's direction; other columns are sorted from table order, ascending IDs
    tie = f"{sign}id" if field == "date" else "id"
    if field == "title":  # MySQL's case-insensitive collation, as WordPress sorts
        title = Lower("title")
        return posts.order_by(title.desc() if descending else title.asc(), tie)
    if field in ("parent_id", "author_id"):
        # WordPress stores "none" as 0, the smallest value; NULL sorts the same everywhere
        column = F(field)
        return posts.order_by(
            column.desc(nulls_last=True) if descending else column.asc(nulls_first=True), tie
        )
    return posts.order_by(f"{sign}{field}", tie)
