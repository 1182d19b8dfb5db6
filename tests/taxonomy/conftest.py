"""Fixtures for the taxonomy tests: the demo category tree and a project taxonomy with routes."""

import pytest

from taxonomy.models import Term
from tests.factories import TagFactory, TermFactory


@pytest.fixture
def uncategorized(db) -> Term:
    return Term.objects.get(taxonomy="category", slug="uncategorized")


@pytest.fixture
def tree(db) -> dict[str, Term]:
    """News; Tech > PHP, Python; Empty Category (as on the reference site)."""
    news = TermFactory(name="News", slug="news", description="Announcements and news.")
    tech = TermFactory(name="Tech", slug="tech", description="Technology posts.")
    php = TermFactory(name="PHP", slug="php", parent=tech, description="Child of Tech.")
    python = TermFactory(name="Python", slug="python", parent=tech, description="Child of Tech.")
    empty = TermFactory(name="Empty Category", slug="empty-category", description="Has no posts.")
    return {"news": news, "tech": tech, "php": php, "python": python, "empty": empty}


@pytest.fixture
def tags(db) -> dict[str, Term]:
    return {
        slug: TagFactory(name=slug.title(), slug=slug, description=f"Tag {slug}.")
        for slug in ("alpha", "beta", "gamma", "delta", "epsilon")
    }


@pytest.fixture
def genre_taxonomy(settings):
    """A project taxonomy registered in settings, with its routes added for the test."""
    from taxonomy.urls import register_term_routes
    from wpapi.registry import get_taxonomy
    from wpapi.routing import router

    settings.WP_TAXONOMIES = {
        "genre": {
            "name": "Genres",
            "singular_name": "Genre",
            "rest_base": "genres",
            "hierarchical": True,
            "object_types": ["post"],
        }
    }
    routes = register_term_routes(get_taxonomy("genre"))
    yield get_taxonomy("genre")
    for route in routes:
        router.routes.remove(route)


@pytest.fixture
def ref_color_meta(settings):
    settings.WP_TERM_META = {
        "ref_color": {
            "type": "string",
            "description": "Reference category colour.",
            "default": "",
            "single": True,
            "taxonomy": "category",
        }
    }
