"""Fixtures for the users tests: the reference site's users and application passwords."""

import pytest

from tests.factories import PostFactory, UserFactory
from users.services import application_password_create

USERS_URL = "/wp-json/wp/v2/users"


@pytest.fixture
def app_password():
    """app_password(user, name="test") -> (ApplicationPassword, plain password)."""

    def make(user, name="test app"):
        return application_password_create(user=user, name=name)

    return make


@pytest.fixture
def published_author(db):
    """An author with one published post: visible to anyone in /users."""
    user = UserFactory(role="author", display_name="Published Author")
    PostFactory(author=user, status="publish")
    return user


@pytest.fixture
def unpublished_author(db):
    """An author whose only post is a draft: hidden from callers without list_users."""
    user = UserFactory(role="author", display_name="Draft Author")
    PostFactory(author=user, status="draft")
    return user
