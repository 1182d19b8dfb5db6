"""`manage.py seed_bench`: the benchmark's copy of the reference site keeps seed.php's
distribution (posts, comments, terms per post, specials) and its stored counts right."""

import io

import pytest
from django.core.management import CommandError, call_command

from comments.models import Comment
from content.models import Post, PostMeta
from wpapi.management.commands.seed_bench import refresh_derived_data

POSTS = "/wp-json/wp/v2/posts"
N = 13


@pytest.fixture
def seeded(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_bench", posts=N, batch=5, stdout=io.StringIO())


def by_slug(api_client, number: int) -> dict:
    found = api_client.get(POSTS, {"slug": f"reference-post-{number}"}).json()
    assert len(found) == 1
    return found[0]


def test_published_posts_are_n_plus_the_reference_extras(api_client, seeded):
    response = api_client.get(POSTS, {"per_page": 100})
    # N posts, WordPress's "Hello world!", the password-protected and the unicode post
    assert response["X-WP-Total"] == str(N + 3)
    dates = [post["date_gmt"] for post in response.json() if post["slug"].startswith("reference")]
    assert dates[-1] == "2024-01-01T10:00:00"  # hourly from 10:00 UTC, newest first
    assert dates[0] == f"2024-01-01T{9 + N}:00:00"
    assert Post.objects.filter(type="post").exclude(status="publish").count() == 5


def test_every_third_post_has_one_comment_and_post_3_the_thread(api_client, seeded):
    for number in range(4, N + 1):
        post = by_slug(api_client, number)
        comments = api_client.get("/wp-json/wp/v2/comments", {"post": post["id"]}).json()
        assert len(comments) == (1 if number % 3 == 0 else 0), number
    thread = Post.objects.get(slug="reference-post-3")
    statuses = sorted(Comment.objects.filter(post=thread).values_list("status", flat=True))
    assert statuses == ["0", "1", "1", "1", "1", "1", "spam", "trash"]
    deepest = Comment.objects.get(post=thread, content="Nested reply, depth 3.")
    assert deepest.parent.parent.parent is None


def test_terms_per_post_follow_seed_php(api_client, seeded):
    categories = {c["slug"]: c["id"] for c in api_client.get("/wp-json/wp/v2/categories").json()}
    tags = {t["slug"]: t["id"] for t in api_client.get("/wp-json/wp/v2/tags").json()}
    expected_categories = [["uncategorized"], ["news"], ["tech", "php"], ["python"]]
    for number in range(1, N + 1):
        post = by_slug(api_client, number)
        wanted = {categories[slug] for slug in expected_categories[number % 4]}
        assert set(post["categories"]) == wanted, number
        bits = ["alpha", "beta", "gamma", "delta", "epsilon"]
        wanted_tags = {tags[slug] for bit, slug in enumerate(bits) if number & (1 << bit)}
        assert set(post["tags"]) == wanted_tags, number


def test_specials_formats_excerpts_meta_and_media(api_client, seeded):
    first, third = by_slug(api_client, 1), by_slug(api_client, 3)
    assert first["sticky"] is True
    assert third["title"]["rendered"] == "Reference post 3: Minim ex proident sunt"  # seed.php's
    assert third["format"] == "aside"
    assert third["excerpt"]["rendered"] == "<p>Hand-written excerpt for post 3.</p>\n"
    assert "<!--more-->" in Post.objects.get(slug="reference-post-7").content
    assert third["featured_media"]
    assert len(api_client.get("/wp-json/wp/v2/media").json()) == 3
    about = api_client.get("/wp-json/wp/v2/pages", {"slug": "about"}).json()[0]
    children = api_client.get("/wp-json/wp/v2/pages", {"parent": about["id"]}).json()
    assert sorted(page["slug"] for page in children) == ["history", "team"]
    keys = PostMeta.objects.filter(post__slug="reference-post-12").values_list("key", flat=True)
    assert sorted(keys) == [
        "_ref_internal",
        "ref_hidden",
        "ref_keywords",
        "ref_keywords",
        "ref_rating",
    ]


def test_stored_comment_counts_are_the_approved_comments(seeded):
    for post in Post.objects.all():
        approved = Comment.objects.filter(post=post, status=Comment.Status.APPROVED).count()
        assert post.comment_count == approved, post.slug
    Post.objects.update(comment_count=99)
    refresh_derived_data()
    assert Post.objects.get(slug="reference-post-3").comment_count == 5
    assert Post.objects.get(slug="reference-post-4").comment_count == 0


def test_a_database_with_content_is_refused(seeded):
    with pytest.raises(CommandError):
        call_command("seed_bench", posts=5, stdout=io.StringIO())
