"""The project's WP_Query: who may see which posts (visibility), the query every collection of
posts goes through (wp_query), and the posts collections' arguments (arguments)."""

from content.queries.arguments import (
    POST_ORDERBY,
    check_orderby_has_its_argument,
    filter_posts,
    list_statuses,
    post_collection_args,
    post_query,
    status_validator,
    statuses_of,
    tax_query,
)
from content.queries.loaded import posts_by_id, remember_posts
from content.queries.visibility import (
    editable_q,
    posts_anyone_reads,
    readable_q,
    rest_post_types,
)
from content.queries.wp_query import (
    PostQuery,
    found_posts_recounted,
    order_posts,
    query_posts,
    relevance,
    search_q,
    search_terms,
    term_families,
)

__all__ = [
    "POST_ORDERBY",
    "PostQuery",
    "check_orderby_has_its_argument",
    "editable_q",
    "filter_posts",
    "found_posts_recounted",
    "list_statuses",
    "order_posts",
    "post_collection_args",
    "post_query",
    "posts_anyone_reads",
    "posts_by_id",
    "query_posts",
    "readable_q",
    "relevance",
    "remember_posts",
    "rest_post_types",
    "search_q",
    "search_terms",
    "status_validator",
    "statuses_of",
    "tax_query",
    "term_families",
]
