"""Fixtures for the posts and pages tests."""

from datetime import UTC, datetime

import pytest

from tests.factories import PostFactory, TagFactory, TermFactory

POSTS = "/wp-json/wp/v2/posts"
PAGES = "/wp-json/wp/v2/pages"
SITE = "http://testserver"
T0 = datetime(2024, 1, 1, 10, 0, tzinfo=UTC)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:400]
    return [item["id"] for item in response.json()]


@pytest.fixture
def uncategorized(db):
    from taxonomy.services import default_category

    return default_category()


@pytest.fixture
def cats(db):
    """Categories News, Tech > PHP > Symfony."""
    news = TermFactory(name="News", slug="news")
    tech = TermFactory(name="Tech", slug="tech")
    php = TermFactory(name="PHP", slug="php", parent=tech)
    symfony = TermFactory(name="Symfony", slug="symfony", parent=php)
    return {"news": news, "tech": tech, "php": php, "symfony": symfony}


@pytest.fixture
def tags(db):
    return {name: TagFactory(name=name.title(), slug=name) for name in ("alpha", "beta")}


@pytest.fixture
def make_post(db):
    def make(**fields):
        fields.setdefault("date", T0)
        fields.setdefault("modified", fields["date"])
        return PostFactory(**fields)

    return make
