"""The Django admin saves terms through the taxonomy services (WordPress's rules apply there)."""

import pytest
from django.test import Client

from taxonomy.models import Term
from tests.factories import TermFactory, UserFactory


@pytest.fixture
def admin_client_(db) -> Client:
    user = UserFactory(role="administrator", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def test_admin_add_sanitizes_and_uniquifies(admin_client_):
    TermFactory(name="News", slug="news")
    response = admin_client_.post(
        "/admin/taxonomy/term/add/",
        {
            "taxonomy": "category",
            "name": "Fresh <b>News</b>",
            "slug": "News!",
            "description": "",
            "parent": "",
            "meta_entries-TOTAL_FORMS": "0",
            "meta_entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    term = Term.objects.get(name="Fresh News")
    assert term.slug == "news-2"


def test_admin_list_shows_counts(admin_client_):
    TermFactory(name="Listed")
    response = admin_client_.get("/admin/taxonomy/term/")
    assert response.status_code == 200
    assert b"Listed" in response.content


def test_admin_cannot_delete_the_default_category(admin_client_):
    default = Term.objects.get(slug="uncategorized")
    response = admin_client_.post(f"/admin/taxonomy/term/{default.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Term.objects.filter(pk=default.pk).exists()
