"""Fixtures shared by every test: an API client and a user per WordPress role."""

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

ROLES = ["administrator", "editor", "author", "contributor", "subscriber"]


@pytest.fixture(autouse=True)
def _fast_hashing_and_site(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WP_SITE_URL = ""
    settings.WP_TRUSTED_PROXIES = ["127.0.0.1"]
    # the on-request publishing of scheduled posts would add a query at random moments
    settings.WP_PUBLISH_SCHEDULED_ON_REQUEST = False
    # no oEmbed discovery (it would look names up in DNS); the oEmbed tests turn it on
    settings.WP_OEMBED_DISCOVER = False


@pytest.fixture(autouse=True)
def _clear_cache(monkeypatch):
    from django.core.cache import cache

    from wpapi import site

    cache.clear()
    # tests change settings between requests: no in-process memo of the site options
    monkeypatch.setattr(site, "LOCAL_SECONDS", 0)
    site.forget_options()


@pytest.fixture
def api_client(db) -> APIClient:
    return APIClient()


@pytest.fixture
def user_with_role(db):
    """user_with_role("editor") -> a new user holding that role."""

    def make(role: str, **fields):
        return UserFactory(role=role, **fields)

    return make


@pytest.fixture
def admin_user(user_with_role):
    return user_with_role("administrator")


@pytest.fixture
def editor(user_with_role):
    return user_with_role("editor")


@pytest.fixture
def author(user_with_role):
    return user_with_role("author")


@pytest.fixture
def contributor(user_with_role):
    return user_with_role("contributor")


@pytest.fixture
def subscriber(user_with_role):
    return user_with_role("subscriber")
