"""The terms collection's query arguments (WP_REST_Terms_Controller::get_collection_params) and
how they narrow and order the terms (WP_Term_Query)."""

from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from taxonomy.models import Term, TermRelationship
from wpapi.formatting import sanitize_title
from wpapi.lookups import CollationKey
from wpapi.params import id_list, is_row_id, row_ids
from wpapi.registry import Taxonomy
from wpapi.viewsets import EXCLUDE_ARG, INCLUDE_ARG, OFFSET_ARG, collection_params, order_arg

ORDERBY = ["id", "include", "name", "slug", "include_slugs", "term_group", "description", "count"]


def term_collection_args(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    args: dict[str, dict[str, Any]] = {
        "exclude": EXCLUDE_ARG,
        "include": INCLUDE_ARG,
    }
    if not taxonomy.hierarchical:
        args["offset"] = OFFSET_ARG
    args["order"] = order_arg("asc")
    args["orderby"] = {
        "description": "Sort collection by term attribute.",
        "type": "string",
        "default": "name",
        "enum": list(ORDERBY),
    }
    args["hide_empty"] = {
        "description": "Whether to hide terms not assigned to any posts.",
        "type": "boolean",
        "default": False,
    }
    if taxonomy.hierarchical:
        args["parent"] = {
            "description": "Limit result set to terms assigned to a specific parent.",
            "type": "integer",
        }
    args["post"] = {
        "description": "Limit result set to terms assigned to a specific post.",
        "type": "integer",
        "default": None,
    }
    args["slug"] = {
        "description": "Limit result set to terms with one or more specific slugs.",
        "type": "array",
        "items": {"type": "string"},
    }
    return collection_params(**args)


def non_empty_ids(taxonomy: Taxonomy, terms: QuerySet[Term]) -> set[int]:
    """hide_empty for a hierarchical taxonomy keeps an empty term whose descendants have posts
    (get_terms with hierarchical=true); one query over the taxonomy's (id, parent, count)."""
    rows = list(terms.values_list("id", "parent_id", "count"))
    keep = set()
    parents = {term_id: parent_id for term_id, parent_id, _ in rows}
    for term_id, _, count in rows:
        if not count:
            continue
        current: int | None = term_id
        seen: set[int] = set()
        while current and current not in seen:
            keep.add(current)
            seen.add(current)
            current = parents.get(current)
    return keep


def filter_terms(
    terms: QuerySet[Term],
    params: dict[str, Any],
    taxonomy: Taxonomy,
    all_terms: QuerySet[Term] | None = None,
) -> QuerySet[Term]:
    """Apply the collection arguments, in WP_Term_Query's way."""
    include = row_ids(params.get("include"))
    if params.get("include"):
        # the IDs are implode()d and tested with empty(): "0" alone adds no clause (and
        # still turns exclude off)
        if id_list(params["include"]) != [0]:
            terms = terms.filter(pk__in=include)
    else:
        exclude = row_ids(params.get("exclude"))  # ignored with include, as in WordPress
        if exclude:
            terms = terms.exclude(pk__in=exclude)
    slugs = [sanitize_title(slug) for slug in params.get("slug") or [] if str(slug) != ""]
    if slugs:
        terms = terms.filter(slug__in=slugs)
    search = (params.get("search") or "").replace("\x00", "")
    if search:
        terms = terms.filter(Q(name__icontains=search) | Q(slug__icontains=search))
    if taxonomy.hierarchical and params.get("parent") is not None:
        parent = params["parent"]
        if parent == 0:
            terms = terms.filter(parent__isnull=True)
        else:
            terms = terms.filter(parent_id=parent) if is_row_id(parent) else terms.none()
    post = params.get("post")
    if post and not is_row_id(post):
        terms = terms.none()
    elif post:
        terms = terms.filter(pk__in=TermRelationship.objects.filter(post_id=post).values("term_id"))
    if params.get("hide_empty"):
        if taxonomy.hierarchical and all_terms is not None:
            terms = terms.filter(Q(count__gt=0) | Q(pk__in=non_empty_ids(taxonomy, all_terms)))
        else:
            terms = terms.filter(count__gt=0)
    return order_terms(terms, params, include, slugs)


def order_terms(
    terms: QuerySet[Term], params: dict[str, Any], include: list[int], slugs: list[str]
) -> QuerySet[Term]:
    """WP_Term_Query::parse_orderby(); ties fall back to the term ID, ascending."""
    orderby = params.get("orderby") or "name"
    descending = params.get("order") == "desc"
    key: Any
    if orderby == "id":
        key = "id"
    elif orderby == "slug":
        key = "slug"
    elif orderby == "term_group":
        key = "term_group"
    elif orderby == "count":
        key = "count"
    elif orderby == "description":
        key = CollationKey("description")
    elif orderby == "include" and include:
        key = Case(
            *[When(pk=pk, then=Value(index)) for index, pk in enumerate(include)],
            default=Value(len(include)),
            output_field=IntegerField(),
        )
    elif orderby == "include_slugs" and slugs:
        key = Case(
            *[When(slug=slug, then=Value(index)) for index, slug in enumerate(slugs)],
            default=Value(len(slugs)),
            output_field=IntegerField(),
        )
    else:
        key = CollationKey("name")
    if isinstance(key, str):
        ordered = terms.order_by(f"-{key}" if descending else key)
    else:
        ordered = terms.order_by(key.desc() if descending else key.asc())
    return ordered.order_by(*ordered.query.order_by, "id")
