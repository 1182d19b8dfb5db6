"""The users collection's arguments and how they narrow and order the query (WP_User_Query as
the users controller drives it)."""

import re
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from content.queries import rest_post_types
from users.capabilities import AUTHOR_ROLES, ROLE_CAPABILITIES, user_can
from users.models import User
from users.policies import published_posts_condition
from wpapi.lookups import CollationKey
from wpapi.params import row_ids
from wpapi.viewsets import EXCLUDE_ARG, INCLUDE_ARG, OFFSET_ARG, collection_params

ORDERBY = ["id", "include", "name", "registered_date", "slug", "include_slugs", "email", "url"]
ORDER_COLUMNS = {
    "id": "pk",
    "name": "display_name",
    "registered_date": "date_joined",
    "slug": "nicename",
    "email": "email",
    "url": "url",
}


def user_collection_args() -> dict[str, dict[str, Any]]:
    types = rest_post_types()
    return collection_params(
        exclude=EXCLUDE_ARG,
        include=INCLUDE_ARG,
        offset=OFFSET_ARG,
        order={
            "default": "asc",
            "description": "Order sort attribute ascending or descending.",
            "enum": ["asc", "desc"],
            "type": "string",
        },
        orderby={
            "default": "name",
            "description": "Sort collection by user attribute.",
            "enum": ORDERBY,
            "type": "string",
        },
        slug={
            "description": "Limit result set to users with one or more specific slugs.",
            "type": "array",
            "items": {"type": "string"},
        },
        roles={
            "description": "Limit result set to users matching at least one specific role "
            "provided. Accepts csv list or single role.",
            "type": "array",
            "items": {"type": "string"},
        },
        capabilities={
            "description": "Limit result set to users matching at least one specific "
            "capability provided. Accepts csv list or single "
            "capability.",
            "type": "array",
            "items": {"type": "string"},
        },
        who={
            "description": "Limit result set to users who are considered authors.",
            "type": "string",
            "enum": ["authors"],
        },
        has_published_posts={
            "description": "Limit result set to users who have published posts.",
            "type": ["boolean", "array"],
            "items": {"type": "string", "enum": {slug: slug for slug in types}},
        },
    )


def filter_users(users: QuerySet[User], params: dict[str, Any], viewer: Any) -> QuerySet[User]:
    """Apply the collection arguments, as get_items() maps them onto WP_User_Query."""
    can_list = user_can(viewer, "list_users")
    if params.get("include"):
        users = users.filter(pk__in=_ids(params["include"]))
    if params.get("exclude"):
        users = users.exclude(pk__in=_ids(params["exclude"]))
    if params.get("slug"):
        users = users.filter(nicename__in=_texts(params["slug"]))
    if params.get("roles"):
        users = users.filter(holding_roles(_texts(params["roles"])))
    if params.get("capabilities"):
        wanted = set(params["capabilities"])
        roles = [
            role for role, caps in ROLE_CAPABILITIES.items() if role in wanted or caps & wanted
        ]
        users = users.filter(holding_roles(roles))
    published_types: list[str] | None = None
    if params.get("who") == "authors":
        users = users.filter(holding_roles(list(AUTHOR_ROLES)))
    elif not can_list:
        published_types = rest_post_types()
    requested = params.get("has_published_posts")
    if requested:
        published_types = rest_post_types() if requested is True else list(requested)
    if published_types is not None:
        users = users.filter(published_posts_condition(published_types))
    search = (params.get("search") or "").strip()
    if search:
        users = users.filter(search_condition(search, can_list))
    return order_users(users, params)


def holding_roles(roles: list[str]) -> Q:
    """Users holding at least one of `roles` (role__in), whichever of their roles it is."""
    condition = Q(role__in=roles)
    for role in roles:
        if role and "," not in role:
            condition |= Q(extra_roles__contains=f",{role},")
    if "administrator" in roles:
        condition |= Q(is_superuser=True)
    return condition


def _texts(values: list[str]) -> list[str]:
    """Values that can match a stored one (nothing stored holds a NUL character)."""
    return [value for value in values if "\x00" not in value]


def _ids(values: list[int]) -> list[int]:
    """IDs a database column can hold; larger ones match no user, as in WordPress."""
    return row_ids(values)


def search_condition(search: str, can_list: bool) -> Q:
    """WP_User_Query's search: `*term*` over columns chosen from the term's look."""
    term = search.strip("*")
    if "\x00" in term:
        return Q(pk__in=[])  # no stored text holds a NUL character
    if not can_list:
        columns = ["ID", "username", "nicename", "display_name"]
    elif "@" in term:
        columns = ["email"]
    elif re.fullmatch(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*", term):
        columns = ["username", "ID"]
    elif re.match(r"^https?://", term):
        columns = ["url"]
    else:
        columns = ["username", "url", "email", "nicename", "display_name"]
    condition = Q()
    for column in columns:
        if column == "ID":
            if term.isdigit():
                condition |= Q(pk=int(term))
        else:
            condition |= Q(**{f"{column}__icontains": term})
    return condition if condition else Q(pk__in=[])


def order_users(users: QuerySet[User], params: dict[str, Any]) -> QuerySet[User]:
    orderby = params.get("orderby", "name")
    descending = params.get("order", "asc") == "desc"
    positions: list[Any] = []
    if orderby == "include" and params.get("include"):
        positions = [
            When(pk=pk, then=Value(index)) for index, pk in enumerate(_ids(params["include"]))
        ]
    elif orderby == "include_slugs" and params.get("slug"):
        positions = [
            When(nicename=slug, then=Value(index))
            for index, slug in enumerate(_texts(params["slug"]))
        ]
    if positions:
        users = users.annotate(_position=Case(*positions, output_field=IntegerField()))
        column = "_position"
    else:
        # include/include_slugs without their list fall back to the login, as WP_User_Query does
        column = ORDER_COLUMNS.get(orderby, "username")
    # MySQL's collations compare text case-insensitively; WordPress's order relies on that.
    key = F(column) if column in ("pk", "date_joined", "_position") else CollationKey(column)
    return users.order_by(key.desc() if descending else key.asc(), "pk")
