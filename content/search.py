"""`/wp/v2/search`: one search over posts of every public type, terms, or post formats
(WP_REST_Search_Controller with its post, term and post-format handlers).

Results point at the real resources (`_links.self` is embeddable), so `?_embed` brings the full
objects. Posts are found by the same WP_Query as every posts collection (content.queries).
"""

from __future__ import annotations

import html
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from content.formatting import render_title
from content.models import Post
from content.permalinks import load_ancestors, post_permalink
from content.queries import PostQuery, query_posts, stored_ids
from taxonomy.models import Term
from taxonomy.serializers import term_serializer_for
from wpapi.links import rest_url, site_url
from wpapi.params import id_list
from wpapi.registry import post_types, taxonomies
from wpapi.routing import router
from wpapi.schema import parse_list
from wpapi.serializers import WPSerializer
from wpapi.viewsets import EXCLUDE_ARG, INCLUDE_ARG, PAGE_ARG, PER_PAGE_ARG, SEARCH_ARG, WPViewSet

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


class SearchViewSet(WPViewSet):
    serializer_class = SearchResultSerializer

    def search_args(self) -> dict[str, dict[str, Any]]:
        subtypes = [*post_subtypes(), *term_subtypes(), "any"]
        return {
            "context": {
                "description": "Scope under which the request is made; determines "
                "fields present in response.",
                "type": "string",
                "enum": ["view", "embed"],
                "default": "view",
            },
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
            },
            "exclude": EXCLUDE_ARG,
            "include": INCLUDE_ARG,
        }

    def args_for(self, action: str) -> dict[str, dict[str, Any]]:
        return self.search_args()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        handler = {
            "post": self.search_posts,
            "term": self.search_terms,
            "post-format": self.search_formats,
        }[self.params["type"]]
        wanted = self.subtypes(handler)
        total, results = handler(wanted)
        per_page, page = self.params["per_page"], self.params["page"]
        max_pages = -(-total // per_page) if total else 0  # past the end: [], as WordPress
        return self.page_response(results, total, max_pages, page)

    def subtypes(self, handler: Any) -> list[str]:
        known = {
            self.search_posts: post_subtypes,
            self.search_terms: term_subtypes,
            self.search_formats: lambda: list(POST_FORMATS),
        }[handler]()
        # the default ("any") arrives unsanitised, as a string
        requested = parse_list(self.params.get("subtype") or "any")
        if "any" in requested:
            return known
        return [name for name in requested if name in known]

    def window(self) -> slice:
        start = (self.params["page"] - 1) * self.params["per_page"]
        return slice(start, start + self.params["per_page"])

    # --- handlers ----------------------------------------------------------------------------
    def search_posts(self, subtypes: list[str]) -> tuple[int, list[dict[str, Any]]]:
        """WP_REST_Post_Search_Handler: WP_Query over published posts of the subtypes, ranked
        by relevance when there is a search, newest first."""
        query = PostQuery(
            post_type=subtypes,
            s=(self.params.get("search") or "").strip(),
            orderby="relevance",
        )
        include, exclude = self.params.get("include"), self.params.get("exclude")
        query.post__in = (stored_ids(id_list(include)) or [-1]) if include else []
        query.post__not_in = stored_ids(id_list(exclude)) if exclude else []
        if not query.s:
            query.orderby = "date"
        posts = query_posts(self.request.user, query)
        total = posts.count()
        rows = list(
            posts.only("id", "type", "title", "slug", "status", "password", "parent_id", "date")[
                self.window()
            ]
        )
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
                    "_links": {
                        "self": [
                            {
                                "embeddable": True,
                                "href": rest_url(
                                    self.request, f"/wp/v2/{kind.rest_base or post.type}/{post.pk}"
                                ),
                            }
                        ],
                        "about": [{"href": rest_url(self.request, f"/wp/v2/types/{post.type}")}],
                    },
                }
            )
        return total, results

    def search_terms(self, subtypes: list[str]) -> tuple[int, list[dict[str, Any]]]:
        terms: QuerySet[Term] = Term.objects.filter(taxonomy__in=subtypes)
        terms = self._include_exclude(terms)
        text = (self.params.get("search") or "").strip()
        if text:
            terms = terms.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        terms = terms.order_by("name", "id")
        total = terms.count()
        rows = list(terms[self.window()])
        registry = taxonomies()
        tree = (
            {
                pk: (parent_id, slug)
                for pk, parent_id, slug in Term.objects.filter(
                    pk__in={t.parent_id for t in rows if t.parent_id} or [0]
                ).values_list("id", "parent_id", "slug")
            }
            if any(t.parent_id for t in rows)
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
                    "_links": {
                        "self": [
                            {
                                "embeddable": True,
                                "href": rest_url(
                                    self.request, f"/wp/v2/{taxonomy.rest_base}/{term.pk}"
                                ),
                            }
                        ],
                        "about": [
                            {"href": rest_url(self.request, f"/wp/v2/taxonomies/{term.taxonomy}")}
                        ],
                    },
                }
            )
        return total, results

    def search_formats(self, subtypes: list[str]) -> tuple[int, list[dict[str, Any]]]:
        used = set(
            Post.objects.filter(type="post", status="publish", format__in=subtypes)
            .values_list("format", flat=True)
            .distinct()
        )
        text = (self.params.get("search") or "").strip().lower()
        names = [
            slug
            for slug in POST_FORMATS
            if slug in used and (not text or text in POST_FORMATS[slug].lower())
        ]
        page = names[self.window()]
        home = rest_url(self.request, "/").removesuffix("/wp-json/")
        results = [
            {
                "id": slug,
                "title": POST_FORMATS[slug],
                "url": f"{home}/type/{slug}/",
                "type": "post-format",
                "_links": {},
            }
            for slug in page
        ]
        return len(names), results

    def _include_exclude(self, queryset: QuerySet) -> QuerySet:
        if self.params.get("include"):
            queryset = queryset.filter(pk__in=self.params["include"])
        if self.params.get("exclude"):
            queryset = queryset.exclude(pk__in=self.params["exclude"])
        return queryset


def register_search_route() -> None:
    router.add("/wp/v2/search", SearchViewSet, {"GET": "list"})
