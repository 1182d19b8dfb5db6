"""Several gunicorn workers answer alike: what a write changes (site options, content, what is
rendered from them) is read afresh by every worker, without a shared cache (no Redis)."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.live import live_site

pytestmark = pytest.mark.live

READS = 30  # per check and round, six at a time so that every worker takes some


def _read_all(site, paths_and_checks):
    """Run every (path, admin, check) READS times, concurrently; return the failures."""
    jobs = [job for job in paths_and_checks for _ in range(READS)]

    def run(job):
        path, admin, check = job
        status, _headers, body = site.request("GET", path, admin=admin)
        return None if status == 200 and check(body) else (path, status, body)

    with ThreadPoolExecutor(max_workers=6) as pool:
        return [failure for failure in pool.map(run, jobs) if failure is not None]


def test_every_worker_answers_with_what_was_just_written(tmp_path):
    with live_site(tmp_path, workers=3) as site:
        status, _, post = site.request(
            "POST",
            "/wp-json/wp/v2/posts",
            {"title": "First", "content": "Hello :)", "status": "publish"},
            admin=True,
        )
        assert status == 201, post
        post_path = f"/wp-json/wp/v2/posts/{post['id']}"
        # every worker reads (and, were it to keep them, keeps) the old values first
        assert not _read_all(
            site,
            [("/wp-json/", False, lambda body: True), (post_path, False, lambda body: True)],
        )

        rounds = [
            ("Europe/Paris", "+01:00", False),
            ("Asia/Tokyo", "+09:00", True),
            ("America/Sao_Paulo", "-03:00", False),
        ]
        for number, (zone, _offset, smilies) in enumerate(rounds):
            title = f"Site {number}"
            status, _, saved = site.request(
                "POST",
                "/wp-json/wp/v2/settings",
                {"title": title, "timezone": zone, "use_smilies": smilies, "posts_per_page": 3},
                admin=True,
            )
            assert status == 200, saved
            assert saved["title"] == title
            post_title = f"Post {number}"
            status, _, updated = site.request("POST", post_path, {"title": post_title}, admin=True)
            assert status == 200, updated
            local_date = updated["date"]

            def settings_are_new(body, title=title, zone=zone, smilies=smilies):
                return (body["title"], body["timezone"], body["use_smilies"]) == (
                    title,
                    zone,
                    smilies,
                )

            def post_is_new(body, post_title=post_title, local_date=local_date, smilies=smilies):
                emoji = "\U0001f642" in body["content"]["rendered"]
                return (body["title"]["rendered"], body["date"], emoji) == (
                    post_title,
                    local_date,
                    smilies,
                )

            failures = _read_all(
                site,
                [
                    ("/wp-json/", False, lambda body, title=title: body["name"] == title),
                    ("/wp-json/wp/v2/settings", True, settings_are_new),
                    (post_path, False, post_is_new),
                ],
            )
            assert not failures, failures[:3]

        # the dates moved with the timezone, so the last round's check was not a vacuous one
        status, _, final = site.request("GET", post_path)
        assert final["date"] != final["date_gmt"]

        workers = {re.search(r"\[(\d+)\]", line).group(1) for line in site.log_lines()}
        assert len(workers) >= 2, "the reads were not spread over several workers"
