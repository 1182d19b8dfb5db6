"""Scheduled posts go live on their date, as WordPress's cron publishes them."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from content import scheduling
from content.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_due_scheduled_post_is_published_on_a_later_request(api_client, monkeypatch, settings):
    settings.WP_PUBLISH_SCHEDULED_ON_REQUEST = True
    post = PostFactory(status="future", date=timezone.now() + timedelta(hours=1))
    assert post.pk not in [p["id"] for p in api_client.get("/wp-json/wp/v2/posts").json()]
    Post.objects.filter(pk=post.pk).update(date=timezone.now() - timedelta(seconds=1))
    monkeypatch.setattr(scheduling, "_last_check", 0.0)
    ids = [p["id"] for p in api_client.get("/wp-json/wp/v2/posts").json()]
    assert post.pk in ids
    assert Post.objects.get(pk=post.pk).status == "publish"


def test_posts_not_yet_due_stay_scheduled():
    post = PostFactory(status="future", date=timezone.now() + timedelta(days=1))
    assert scheduling.publish_due_posts() == 0
    assert Post.objects.get(pk=post.pk).status == "future"


def test_management_command(capsys):
    PostFactory(status="future", date=timezone.now() - timedelta(minutes=5))
    call_command("publish_scheduled")
    assert "Published 1 scheduled post(s)." in capsys.readouterr().out
