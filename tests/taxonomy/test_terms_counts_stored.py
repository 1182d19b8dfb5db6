"""Term counts are stored, as WordPress stores term_taxonomy.count, and kept right by every write
path; `manage.py recount` stores them again and reports the drift it found."""

from io import StringIO

import pytest
from django.core.management import call_command

from taxonomy.models import Term
from tests.factories import PostFactory, TermFactory

pytestmark = pytest.mark.django_db
POSTS = "/wp-json/wp/v2/posts"


def stored(term):
    return Term.objects.get(pk=term.pk).count


def test_rest_writes_keep_counts(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    news, tech = TermFactory(), TermFactory()
    made = api_client.post(
        POSTS, {"title": "x", "status": "publish", "categories": [news.pk]}, format="json"
    ).json()
    assert (stored(news), stored(tech)) == (1, 0)
    api_client.post(f"{POSTS}/{made['id']}", {"categories": [tech.pk]}, format="json")
    assert (stored(news), stored(tech)) == (0, 1)
    api_client.delete(f"{POSTS}/{made['id']}")  # trash
    assert stored(tech) == 0
    api_client.post(f"{POSTS}/{made['id']}", {"status": "publish"}, format="json")
    assert stored(tech) == 1
    api_client.delete(f"{POSTS}/{made['id']}", {"force": "true"})
    assert stored(tech) == 0


def test_attachments_count_through_their_published_parent(settings):
    settings.WP_TAXONOMIES = {
        "album": {"name": "Albums", "object_types": ["attachment"], "rest_base": "albums"}
    }
    album = TermFactory(taxonomy="album")
    parent = PostFactory(status="draft")
    PostFactory(type="attachment", status="inherit", parent=parent, terms=[album])
    PostFactory(type="attachment", status="inherit", parent=None, terms=[album])
    assert stored(album) == 0  # _update_post_term_count: a parent, and a published one
    parent.status = "publish"
    parent.save()
    call_command("recount", stdout=StringIO())  # a parent's transition recounts its own terms
    assert stored(album) == 1


def test_recount_stores_counts_again_and_reports_the_drift(api_client):
    term = TermFactory()
    PostFactory(terms=[term])
    Term.objects.filter(pk=term.pk).update(count=7)
    out = StringIO()
    call_command("recount", stdout=out)
    assert "term counts corrected: 1" in out.getvalue()
    body = api_client.get("/wp-json/wp/v2/categories", {"include": term.pk}).json()
    assert body[0]["count"] == 1
    out = StringIO()
    call_command("recount", stdout=out)
    assert "term counts corrected: 0" in out.getvalue()


def test_creating_posts_adds_to_the_counts_it_should(api_client, admin_user):
    """A new post adds one to each of its terms' stored counts when it is published (drafts,
    future and private posts count nowhere); the default category counts a post given no
    category, and `categories: []` leaves the post in none. After all of it a recount finds
    nothing to correct."""
    from taxonomy.services import default_category

    api_client.force_authenticate(admin_user)
    news, tag = TermFactory(), TermFactory(taxonomy="post_tag")
    uncategorized = default_category()
    before = stored(uncategorized)
    for status in ("publish", "draft", "private", "pending"):
        made = api_client.post(
            POSTS,
            {"title": status, "status": status, "categories": [news.pk], "tags": [tag.pk]},
            format="json",
        )
        assert made.status_code == 201, made.content
    assert (stored(news), stored(tag)) == (1, 1)
    future = api_client.post(
        POSTS, {"title": "later", "status": "publish", "date": "2999-01-01T00:00:00"}
    ).json()
    assert future["status"] == "future"
    assert stored(uncategorized) == before
    plain = api_client.post(POSTS, {"title": "plain", "status": "publish"}, format="json").json()
    assert plain["categories"] == [uncategorized.pk]
    assert stored(uncategorized) == before + 1
    bare = api_client.post(
        POSTS, {"title": "bare", "status": "publish", "categories": []}, format="json"
    ).json()
    assert bare["categories"] == []
    assert stored(uncategorized) == before + 1
    twice = api_client.post(
        POSTS, {"title": "twice", "status": "publish", "tags": [tag.pk, tag.pk]}, format="json"
    ).json()
    assert twice["tags"] == [tag.pk]
    assert stored(tag) == 2
    out = StringIO()
    call_command("recount", stdout=out)
    assert "term counts corrected: 0" in out.getvalue()
