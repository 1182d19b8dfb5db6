"""The posts collection's query arguments (get_collection_params) and how each one filters
and orders the rows (get_items → WP_Query), for posts, pages and registered post types."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from content import policies
from content.formatting import sanitize_title
from content.models import Post
from content.queries.wp_query import PostQuery, query_posts, term_families
from wpapi import schema as wp_schema
from wpapi.dates import parse_request_date
from wpapi.errors import WPError, forbidden_status
from wpapi.params import id_list, row_ids
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
    status_arg["arg_options"] = {"validate": status_validator(post_type.slug, user, status_arg)}
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


def status_validator(post_type: str, user: Any, arg: dict[str, Any]):
    """sanitize_post_statuses(): statuses other than the argument's default need edit_posts
    (private: read_private_posts), else rest_forbidden_status (401/403); then the schema."""

    def validate(value: Any, name: str) -> None:
        # WordPress checks the permission first, then validates each permitted status.
        schema = {key: arg[key] for key in ("type", "items")}
        for status in wp_schema.parse_list(value):
            if status == arg["default"]:
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
def statuses_of(params: dict[str, Any], default: str = "publish") -> list[str]:
    """The `status` argument as WP_Query's post_status: "any" means every status that is not
    internal (exclude_from_search aside)."""
    statuses = wp_schema.parse_list(params.get("status", default))
    if "any" in statuses:
        return [slug for slug, status in post_statuses().items() if not status.internal] or [
            default
        ]
    return statuses or [default]


def tax_query(params: dict[str, Any], post_type: str) -> list[tuple[str, list[set[int]], str]]:
    """The taxonomy arguments (`categories`, `tags_exclude`, ...) as WP_Query's tax_query."""
    clauses = []
    for taxonomy in type_taxonomies(post_type):
        for exclude in (False, True):
            value = params.get(taxonomy.rest_base + ("_exclude" if exclude else ""))
            if not value:
                continue
            include_children, operator = False, "IN"
            if isinstance(value, dict):
                terms = value.get("terms") or []
                include_children = bool(value.get("include_children")) and taxonomy.hierarchical
                operator = "AND" if value.get("operator") == "AND" else "IN"
            else:
                terms = value
            terms = row_ids(id_list(terms))
            if not terms:
                if value and not exclude:  # only IDs no row can have: nothing matches
                    clauses.append((taxonomy.slug, [set()], "IN"))
                continue
            families = term_families(terms, include_children)
            clauses.append((taxonomy.slug, families, "NOT IN" if exclude else operator))
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


def _local_date(value: Any) -> Any:
    return parse_request_date(value, is_gmt=False) if value else None


def post_query(
    params: dict[str, Any], post_type: str, default_status: str = "publish"
) -> PostQuery:
    """prepare_items_query(): the collection arguments as WP_Query's variables."""
    check_orderby_has_its_argument(params)
    query = PostQuery(post_type=[post_type], post_status=statuses_of(params, default_status))
    for name, var in (
        ("include", "post__in"),
        ("exclude", "post__not_in"),
        ("author", "author__in"),
        ("author_exclude", "author__not_in"),
        ("parent", "post_parent__in"),
        ("parent_exclude", "post_parent__not_in"),
    ):
        if params.get(name):
            ids = id_list(params[name])
            wanted = row_ids(ids) + ([0] if 0 in ids and "parent" in name else [])
            # an ID no row can have still narrows the list: to nothing
            setattr(query, var, wanted or [-1])
    slugs = [sanitize_title(slug) for slug in wp_schema.parse_list(params.get("slug") or [])]
    query.post_name__in = [slug for slug in slugs if slug]
    query.after = _local_date(params.get("after"))
    query.before = _local_date(params.get("before"))
    query.modified_after = _local_date(params.get("modified_after"))
    query.modified_before = _local_date(params.get("modified_before"))
    if "menu_order" in params and params.get("menu_order") is not None:
        query.menu_order = params["menu_order"]
    if params.get("sticky") is not None and "sticky" in params:
        query.sticky = bool(params["sticky"])
    query.tax_query = tax_query(params, post_type)
    query.tax_relation = "OR" if params.get("tax_relation") == "OR" else "AND"
    query.s = params.get("search") or ""
    query.orderby = params.get("orderby", "date")
    query.order = params.get("order", "desc")
    return query


def filter_posts(
    posts: QuerySet[Post], params: dict[str, Any], post_type: PostType, user: Any
) -> QuerySet[Post]:
    """get_items(): the argument checks WordPress makes there, then the query."""
    return query_posts(user, post_query(params, post_type.slug), posts)
