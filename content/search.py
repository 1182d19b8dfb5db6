"""`/wp/v2/search`: one search over posts of every public type, terms, or post formats
(WP_REST_Search_Controller with its post, term and post-format handlers).

Results point at the real resources (`_links.self` is embeddable), so `?_embed` brings the full
objects. Posts are found by the same WP_Query as every posts collection (content.queries).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from content.formatting import render_title
from content.models import Post
from content.permalinks import load_ancestors, post_permalink
from content.queries import PostQuery, posts_anyone_reads, query_posts
from taxonomy.models import Term
from taxonomy.serializers import term_serializer_for
from wpapi.formatting import slug_list
from wpapi.links import rest_url, site_url
from wpapi.lookups import CollationKey
from wpapi.params import id_list, row_ids
from wpapi.registry import post_types, taxonomies
from wpapi.routing import router
from wpapi.schema import parse_list, validate
from wpapi.serializers import WPSerializer
from wpapi.viewsets import (
    CONTEXT_ARG,
    EXCLUDE_ARG,
    INCLUDE_ARG,
    PAGE_ARG,
    PER_PAGE_ARG,
    SEARCH_ARG,
    PageWindow,
    WPViewSet,
)

POST_FORMATS = {
    "aside": "Aside",
    "chat": "Chat",
    "gallery": "Gallery",
    "link": "Link",
    "image": "Image",
    "quote": "Quote",
    "status": "Status",
    "video": "Video",
    "audio": "Audio",
}


def post_subtypes() -> list[str]:
    """Post types the search covers: shown in REST, viewable, not attachments."""
    return [
        slug
        for slug, kind in post_types().items()
        if kind.show_in_rest and kind.viewable and slug != "attachment"
    ]


def term_subtypes() -> list[str]:
    return [slug for slug, tax in taxonomies().items() if tax.show_in_rest and tax.public]


class SearchResultSerializer(WPSerializer):
    schema = {
        "title": "search-result",
        "type": "object",
        "properties": {
            "id": {
                "description": "Unique identifier for the object.",
                "type": ["integer", "string"],
                "context": ["view", "embed"],
                "readonly": True,
            },
            "title": {
                "description": "The title for the object.",
                "type": "string",
                "context": ["view", "embed"],
                "readonly": True,
            },
            "url": {
                "description": "URL to the object.",
                "type": "string",
                "format": "uri",
                "context": ["view", "embed"],
                "readonly": True,
            },
            "type": {
                "description": "Object type.",
                "type": "string",
                "enum": ["post", "term", "post-format"],
                "context": ["view", "embed"],
                "readonly": True,
            },
            "subtype": {
                "description": "Object subtype.",
                "type": "string",
                "enum": ["post", "page", "category", "post_tag"],
                "context": ["view", "embed"],
                "readonly": True,
            },
        },
    }

    def to_representation(self, result: dict[str, Any]) -> dict[str, Any]:
        # post formats have no subtype, as WordPress answers them
        return {
            key: result[key] for key in ("id", "title", "url", "type", "subtype") if key in result
        }

    def links(self, result: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        request = self.context["request"]
        links = dict(result["_links"])
        links["collection"] = [{"href": rest_url(request, "/wp/v2/search")}]
        return links


def _sanitize_subtypes(value: Any, arg: dict[str, Any]) -> list[str]:
    """sanitize_subtypes(): a slug list, checked against the schema; "any" stands alone. (Which
    subtypes the type's handler knows is left to subtypes().)"""
    subtypes = slug_list(value)
    validate(subtypes, arg, "subtype")
    return ["any"] if "any" in subtypes else subtypes


class SearchViewSet(WPViewSet):
    serializer_class = SearchResultSerializer
    prev_page_within_pages = False  # get_items(): prev is always the page before

    def search_args(self) -> dict[str, dict[str, Any]]:
        subtypes = [*post_subtypes(), *term_subtypes(), "any"]
        return {
            "context": {**CONTEXT_ARG, "enum": ["view", "embed"]},
            "page": PAGE_ARG,
            "per_page": PER_PAGE_ARG,
            "search": SEARCH_ARG,
            "type": {
                "default": "post",
                "description": "Limit results to items of an object type.",
                "type": "string",
                "enum": ["post", "term", "post-format"],
            },
            "subtype": {
                "default": "any",
                "description": "Limit results to items of one or more object subtypes.",
                "type": "array",
                "items": {"enum": subtypes, "type": "string"},
                "arg_options": {"sanitize": _sanitize_subtypes},
            },
            "exclude": EXCLUDE_ARG,
            "include": INCLUDE_ARG,
        }

    def args_for(self, action: str) -> dict[str, dict[str, Any]]:
        return self.search_args()

    # --- the collection: WP_REST_Search_Controller::get_items() with one handler per type ------
    invalid_page_code = "rest_search_invalid_page_number"

    def handler(self) -> str:
        return self.params["type"]

    def filter_queryset(self, queryset: Any) -> QuerySet | list[str]:
        subtypes = self.subtypes()
        return {
            "post": self.posts_found,
            "term": self.terms_found,
            "post-format": self.formats_found,
        }[self.handler()](subtypes)

    def get_queryset(self) -> None:
        return None

    def recount_empty_page(self, window: PageWindow) -> bool:
        # the post handler's WP_Query knows found_posts only when the page has rows; the term
        # handler counts apart
        return self.handler() != "post"

    def serialize(self, items: Iterable[Any]) -> list[dict[str, Any]]:
        rows = list(items)
        results = {
            "post": self.post_results,
            "term": self.term_results,
            "post-format": self.format_results,
        }[self.handler()](rows)
        return super().serialize(results)

    def subtypes(self) -> list[str]:
        handler = self.handler()
        if handler == "post-format":
            return list(POST_FORMATS)  # its handler reads no subtype
        known = list({"post": post_subtypes, "term": term_subtypes}[handler]())
        # sanitize_subtypes() made it a list (the default "any" too)
        requested = parse_list(self.params.get("subtype", "any"))
        if "any" in requested:
            return known
        wanted = [name for name in requested if name in known]
        if wanted:
            return wanted
        # none of the handler's: WP_Query without a post type reads posts; get_terms() without
        # a taxonomy reads every one
        return ["post"] if handler == "post" else known

    def search_text(self) -> str:
        """The `search` argument as the handlers read it: `! empty()`, so "0" is no search."""
        text = str(self.params.get("search") or "").strip()
        return "" if text == "0" else text

    # --- posts -------------------------------------------------------------------------------
    def posts_found(self, subtypes: list[str]) -> QuerySet[Post]:
        """WP_REST_Post_Search_Handler: WP_Query over published posts of the subtypes, ranked
        by relevance when there is a search, newest first."""
        query = PostQuery(post_type=subtypes, s=self.search_text())
        query.orderby = "relevance" if query.s else "date"
        include, exclude = self.params.get("include"), self.params.get("exclude")
        query.post__in = (row_ids(id_list(include)) or [-1]) if include else []
        query.post__not_in = row_ids(id_list(exclude)) if exclude else []
        return query_posts(self.request.user, query).only(
            "id", "type", "title", "slug", "status", "password", "parent_id", "date"
        )

    def post_results(self, rows: list[Post]) -> list[dict[str, Any]]:
        ancestors = load_ancestors(rows)
        home = site_url(self.request)
        registry = post_types()
        results = []
        for post in rows:
            kind = registry[post.type]
            results.append(
                {
                    "id": post.pk,
                    # get_the_title() with protected_title_format "%s": no "Protected:" here
                    "title": render_title(post.title) if "title" in kind.supports else "",
                    "url": post_permalink(home, post, ancestors),
                    "type": "post",
                    "subtype": post.type,
                    "_links": self.result_links(
                        f"/wp/v2/{kind.rest_base or post.type}/{post.pk}",
                        f"/wp/v2/types/{post.type}",
                    ),
                }
            )
        return results

    def result_links(self, item: str, about: str) -> dict[str, list[dict[str, Any]]]:
        return {
            "self": [{"embeddable": True, "href": rest_url(self.request, item)}],
            "about": [{"href": rest_url(self.request, about)}],
        }

    # --- terms -------------------------------------------------------------------------------
    def terms_found(self, subtypes: list[str]) -> QuerySet[Term]:
        """WP_REST_Term_Search_Handler: get_terms() over the taxonomies, by name."""
        terms = Term.objects.filter(taxonomy__in=subtypes)
        include, exclude = self.params.get("include"), self.params.get("exclude")
        if include:
            terms = terms.filter(pk__in=row_ids(id_list(include)))
        if exclude:
            terms = terms.exclude(pk__in=row_ids(id_list(exclude)))
        text = self.search_text()
        if text:
            terms = terms.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        return terms.order_by(CollationKey("name"), "id")  # get_terms(): by name, as MySQL sorts

    def term_results(self, rows: list[Term]) -> list[dict[str, Any]]:
        registry = taxonomies()
        parents = {term.parent_id for term in rows if term.parent_id}
        tree = (
            {
                pk: (parent_id, slug)
                for pk, parent_id, slug in Term.objects.filter(pk__in=parents).values_list(
                    "id", "parent_id", "slug"
                )
            }
            if parents
            else {}
        )
        results = []
        for term in rows:
            taxonomy = registry[term.taxonomy]
            serializer = term_serializer_for(taxonomy)(
                context={"request": self.request, "term_tree": tree}
            )
            results.append(
                {
                    "id": term.pk,
                    "title": html.unescape(term.name),
                    # WordPress 6.1 answers a term's taxonomy as its type, with no subtype
                    "url": serializer.term_link(term),
                    "type": term.taxonomy,
                    "_links": self.result_links(
                        f"/wp/v2/{taxonomy.rest_base}/{term.pk}",
                        f"/wp/v2/taxonomies/{term.taxonomy}",
                    ),
                }
            )
        return results

    # --- post formats --------------------------------------------------------------------------
    def formats_found(self, subtypes: list[str]) -> list[str]:
        """WP_REST_Post_Format_Search_Handler: the formats in use, by name."""
        used = set(
            posts_anyone_reads(["post"])
            .filter(format__in=subtypes)
            .values_list("format", flat=True)
            .distinct()
        )
        text = self.search_text().lower()
        return [
            slug
            for slug in POST_FORMATS
            if slug in used and (not text or text in slug or text in POST_FORMATS[slug].lower())
        ]

    def format_results(self, rows: list[str]) -> list[dict[str, Any]]:
        home = rest_url(self.request, "/").removesuffix("/wp-json/")
        return [
            {
                "id": slug,
                "title": POST_FORMATS[slug],
                "url": f"{home}/type/{slug}/",
                "type": "post-format",
                "_links": {},
            }
            for slug in rows
        ]


def register_search_route() -> None:
    router.add("/wp/v2/search", SearchViewSet, {"GET": "list"})
