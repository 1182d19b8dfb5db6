"""Concurrent writers against a real server process: 16 clients at once create posts, comment on
one post, create tags of the same names and update one post. No answer is a 5xx and every write
acknowledged is there afterwards, on SQLite (a database file, as `python3 run.py` uses) and on
PostgreSQL alike.

The server is gunicorn with two processes of eight threads, so writers meet both inside one
process and across processes; it listens on a Unix socket (no port to collide with) and reads
the test database: a copy of it in a file on SQLite, the test database itself on PostgreSQL.
"""

import base64
import http.client
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import PostFactory
from users.services import application_password_create

CLIENTS = 16
ROUNDS = 2
ROOT = Path(__file__).resolve().parents[2]


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str) -> None:
        super().__init__("localhost", timeout=60)
        self.socket_path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class Client:
    def __init__(self, socket_path: str, login: str, password: str) -> None:
        self.socket_path = socket_path
        token = base64.b64encode(f"{login}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        conn = UnixHTTPConnection(self.socket_path)
        try:
            data = None if body is None else json.dumps(body)
            conn.request(method, "/wp-json" + path, body=data, headers=self.headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, raw[:300]


def database_url(tmp_path: Path) -> str:
    """The test database, where a server process can open it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # the test database lives in memory: the server gets a copy of it in a file
        copy = tmp_path / "wpapi.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    user, password = settings["USER"], settings["PASSWORD"]
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{credentials}{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@pytest.fixture
def server(tmp_path):
    """Start the server on the test database; yields its socket path."""

    def start() -> str:
        socket_path = str(tmp_path / "wpapi.sock")
        env = {
            **os.environ,
            "DATABASE_URL": database_url(tmp_path),
            "DJANGO_SETTINGS_MODULE": "tests.live_settings",
            "SECRET_KEY": "concurrent-writes-test",
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",  # plain HTTP on a Unix socket
            "WPAPI_VAR_DIR": str(tmp_path / "var"),
            "MEDIA_ROOT": str(tmp_path / "uploads"),
        }
        env.pop("REDIS_URL", None)
        command = [sys.executable, "-m", "gunicorn", "wpapi.wsgi", "-k", "gthread"]
        command += ["-w", "2", "--threads", str(CLIENTS // 2), "-b", f"unix:{socket_path}"]
        log = (tmp_path / "server.log").open("wb")
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Client(socket_path, "", "").call("GET", "/")[0] == 200:
                    return socket_path
            except OSError:
                pass
            if processes[-1].poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError((tmp_path / "server.log").read_text()[-3000:])

    processes: list[subprocess.Popen] = []
    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def at_once(write: Any) -> list[tuple[int, Any, str]]:
    """CLIENTS threads, released together, each calling write(thread, round) ROUNDS times."""
    results: list[tuple[int, Any, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def worker(thread: int) -> None:
        start.wait()
        for round_ in range(ROUNDS):
            outcome = write(thread, round_)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def no_server_errors(results: list[tuple[int, Any, str]]) -> None:
    failed = [(status, body) for status, body, _sent in results if status >= 500]
    assert not failed, failed[:3]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_queue_and_nothing_is_lost(server, admin_user, record_property):
    target = PostFactory(author=admin_user, title="Target")
    _password, plain = application_password_create(user=admin_user, name="writers")
    client = Client(server(), admin_user.username, plain)

    def new_post(thread: int, round_: int) -> tuple[int, Any, str]:
        title = f"Concurrent post {thread}-{round_}"
        status, body = client.call("POST", "/wp/v2/posts", {"title": title, "status": "publish"})
        return status, body, title

    posts = at_once(new_post)
    no_server_errors(posts)
    assert {status for status, _body, _title in posts} == {201}
    for _status, body, title in posts:
        status, stored = client.call("GET", f"/wp/v2/posts/{body['id']}?context=edit")
        assert (status, stored["title"]["raw"]) == (200, title)

    def same_title(thread: int, round_: int) -> tuple[int, Any, str]:
        # a third ask for a slug another writer's suffix may hand out (one-title-for-all-2)
        title = "One title for all" + (f" {round_ + 2}" if thread % 3 == 0 else "")
        status, body = client.call("POST", "/wp/v2/posts", {"title": title, "status": "publish"})
        return status, body, title

    twins = at_once(same_title)
    no_server_errors(twins)
    slugs = Counter(body["slug"] for _status, body, _title in twins)
    # wp_unique_post_slug() under a lock: one-title-for-all, -2, -3, ... never twice
    assert max(slugs.values()) == 1, slugs.most_common(3)
    assert {"one-title-for-all", "one-title-for-all-2"} <= set(slugs)
    # each new post added one to the default category's stored count: nothing to correct
    out = io.StringIO()
    call_command("recount", stdout=out)
    assert "term counts corrected: 0" in out.getvalue()

    def comment(thread: int, round_: int) -> tuple[int, Any, str]:
        text = f"Comment {thread}-{round_}"
        status, body = client.call("POST", "/wp/v2/comments", {"post": target.pk, "content": text})
        return status, body, text

    comments = at_once(comment)
    no_server_errors(comments)
    assert {status for status, _body, _text in comments} == {201}
    status, listed = client.call("GET", f"/wp/v2/comments?post={target.pk}&per_page=100")
    assert status == 200
    assert {item["id"] for item in listed} == {body["id"] for _s, body, _t in comments}

    def tag(thread: int, round_: int) -> tuple[int, Any, str]:
        name = f"Shared tag {round_}"
        status, body = client.call("POST", "/wp/v2/tags", {"name": name})
        return status, body, name

    tags = at_once(tag)
    no_server_errors(tags)
    for status, body, _name in tags:
        assert status == 201 or (status, body["code"]) == (400, "term_exists"), body
    created = [body for status, body, _name in tags if status == 201]
    for body in created:
        assert client.call("GET", f"/wp/v2/tags/{body['id']}")[0] == 200
    for status, body, _name in tags:  # the term a refusal names exists
        if status == 400:
            assert client.call("GET", f"/wp/v2/tags/{body['data']['term_id']}")[0] == 200
    assert len(created) == len({body["name"] for body in created})  # one tag per name

    def update(thread: int, round_: int) -> tuple[int, Any, str]:
        title = f"Update {thread}-{round_}"
        status, body = client.call("POST", f"/wp/v2/posts/{target.pk}", {"title": title})
        return status, body, title

    updates = at_once(update)
    no_server_errors(updates)
    assert {status for status, _body, _title in updates} == {200}
    status, final = client.call("GET", f"/wp/v2/posts/{target.pk}?context=edit")
    assert final["title"]["raw"] in {title for _status, _body, title in updates}
    status, revisions = client.call(
        "GET", f"/wp/v2/posts/{target.pk}/revisions?context=edit&per_page=100"
    )
    assert status == 200
    assert sorted(r["title"]["raw"] for r in revisions) == sorted(t for _s, _b, t in updates)


@pytest.mark.parametrize(
    "path",
    ["/wp-json/wp/v2/posts?_embed", "/wp-json/wp/v2/posts/{post}", "/wp-json/wp/v2/comments"],
)
def test_reads_open_no_transaction(api_client, settings, path):
    """On SQLite every transaction takes the write lock when it begins (BEGIN IMMEDIATE): a read
    inside one would queue behind the writers. Reads, scheduled posts' check included, open none
    (inside a test's transaction a block shows as a SAVEPOINT)."""
    from django.test.utils import CaptureQueriesContext

    from content import scheduling

    settings.WP_PUBLISH_SCHEDULED_ON_REQUEST = True
    scheduling._last_check = 0.0  # the check runs on this request
    post = PostFactory()
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(path.format(post=post.pk))
    assert response.status_code == 200
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert not {"SAVEPOINT", "BEGIN"} & set(statements), statements
