"""Fixtures shared by every test: an API client and a user per WordPress role."""

import os

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
    # the test client speaks plain HTTP: production's HTTPS settings (on with DEBUG off) are off
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # no oEmbed discovery (it would look names up in DNS); the oEmbed tests turn it on
    settings.WP_OEMBED_DISCOVER = False


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


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


def pytest_collection_modifyitems(config, items):
    """The schemathesis run (marker `fuzz`) takes minutes: in CI, with WPAPI_FUZZ=1, or with
    `-m fuzz`."""
    if os.environ.get("CI") or os.environ.get("WPAPI_FUZZ") or "fuzz" in config.getoption("-m"):
        return
    skip = pytest.mark.skip(reason="schemathesis run: set WPAPI_FUZZ=1 or select it with -m fuzz")
    for item in items:
        if "fuzz" in item.keywords:
            item.add_marker(skip)
