"""The demo site's comments (seed_demo) exercise every kind of comment."""

from io import StringIO

from django.core.management import call_command

from comments.models import Comment


def test_seed_demo_builds_a_thread_with_every_status(api_client, db):
    call_command("seed_demo", stdout=StringIO())
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {"1", "0", "spam", "trash"}
    assert Comment.objects.filter(type="pingback").exists()
    assert Comment.objects.filter(user__isnull=False).exists()
    deep = Comment.objects.filter(parent__parent__isnull=False).first()
    assert deep is not None
    assert Comment.objects.values("post").distinct().count() > 2
    body = api_client.get("/wp-json/wp/v2/comments?per_page=100").json()
    assert {item["status"] for item in body} == {"approved"}
    thread = deep.post
    thread.refresh_from_db()
    assert thread.comment_count == Comment.objects.filter(post=thread, status="1").count()
