"""Terms in Django admin: a screen per taxonomy, a tree with counts for categories, saves
through the taxonomy services after the REST API's checks, per role."""

import pytest

from taxonomy.models import Term
from tests.factories import PostFactory, TagFactory, TermFactory

CATEGORIES = "/admin/wp/category/"
TAGS = "/admin/wp/post_tag/"


def term_form(**fields):
    return {"name": "", "slug": "", "parent": "0", "description": "", **fields}


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_add_sanitizes_and_uniquifies(editor_client):
    TermFactory(name="News", slug="news")
    response = editor_client.post(
        f"{CATEGORIES}add/", term_form(name="Fresh <b>News</b>", slug="News!")
    )
    assert response.status_code == 302, response.content[:2000]
    term = Term.objects.get(name="Fresh News")
    assert (term.taxonomy, term.slug) == ("category", "news-2")


def test_duplicate_name_is_refused_with_wordpress_message(editor_client):
    TermFactory(name="News", slug="news")
    response = editor_client.post(f"{CATEGORIES}add/", term_form(name="News"))
    assert response.status_code == 200
    assert "A term with the name provided already exists" in response.content.decode()


def test_categories_list_as_a_tree_with_counts(editor_client):
    parent = TermFactory(name="Zoo", slug="zoo")
    child = TermFactory(name="Animals", slug="animals", parent=parent)
    TermFactory(name="Books", slug="books")
    PostFactory(terms=[child])
    from taxonomy.services import update_term_counts

    update_term_counts()
    body = editor_client.get(CATEGORIES).content.decode()
    # the child right after its parent, indented; siblings by name
    assert body.index(">Books<") < body.index(">Zoo<") < body.index("— <strong>Animals")
    assert f'?categories={child.pk}">1</a>' in body


def test_tags_have_their_own_screen(editor_client):
    TagFactory(name="Travel")
    TermFactory(name="Science")
    body = editor_client.get(TAGS).content.decode()
    assert "Travel" in body
    assert "Science" not in body


def test_parent_change_and_no_loops(editor_client):
    top = TermFactory(name="Top", slug="top")
    below = TermFactory(name="Below", slug="below", parent=top)
    page = editor_client.get(f"{CATEGORIES}{top.pk}/change/").content.decode()
    assert f'value="{below.pk}"' not in page  # a term cannot go under its own child
    response = editor_client.post(
        f"{CATEGORIES}{below.pk}/change/",
        term_form(name="Below", slug="below", parent="0", description="Now on top"),
    )
    assert response.status_code == 302
    below.refresh_from_db()
    assert (below.parent_id, below.description) == (None, "Now on top")


def test_default_category_cannot_be_deleted(editor_client):
    default = Term.objects.get(slug="uncategorized")
    response = editor_client.post(f"{CATEGORIES}{default.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Term.objects.filter(pk=default.pk).exists()


def test_deleting_a_category_moves_its_posts_to_the_default(editor_client):
    doomed = TermFactory(name="Doomed")
    post = PostFactory(terms=[doomed])
    response = editor_client.post(f"{CATEGORIES}{doomed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert list(post.terms.values_list("slug", flat=True)) == ["uncategorized"]


@pytest.mark.parametrize("role", ["author", "contributor"])
def test_only_category_managers_open_the_term_screens(client, user_with_role, role):
    client.force_login(user_with_role(role))
    assert client.get(CATEGORIES).status_code == 403
    assert client.get(TAGS).status_code == 403
    assert client.post(f"{TAGS}add/", term_form(name="Mine")).status_code == 403
    assert not Term.objects.filter(name="Mine").exists()
