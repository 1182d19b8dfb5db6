#!/usr/bin/env python3
"""Throughput and query-count benchmark: prints figures, asserts nothing.

    .venv/bin/python scripts/bench.py [--posts 200] [--seconds 10] [--concurrency 8] [--workers 2]

Seeds a scratch SQLite database (or uses DATABASE_URL), serves it with gunicorn on a loopback
port, and for each URL below fires requests from a bounded number of client threads for a
bounded time, then prints requests per second, latency percentiles and the SQL query count of
one request. Compare with real WordPress (about 100 post-list requests a second on 2 cores).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
URLS = [
    "/wp-json/wp/v2/posts",
    "/wp-json/wp/v2/posts?per_page=100",
    "/wp-json/wp/v2/posts?_embed",
    "/wp-json/wp/v2/posts/{post_id}",
    "/wp-json/wp/v2/pages",
    "/wp-json/wp/v2/categories",
    "/wp-json/wp/v2/tags",
    "/wp-json/wp/v2/users",
    "/wp-json/wp/v2/comments",
    "/wp-json/",
]


def prepare(env: dict[str, str], posts: int) -> None:
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    code = f"""
from content.models import Post
from users.models import User
author = User.objects.order_by("id").first()
have = Post.objects.filter(type="post", status="publish").count()
Post.objects.bulk_create([
    Post(type="post", status="publish", title=f"Bench post {{i}}", slug=f"bench-post-{{i}}",
         content="<p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>", author=author)
    for i in range(max(0, {posts} - have))
])
"""
    subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True
    )


def count_queries(env: dict[str, str], path: str) -> str:
    code = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
client.get({path!r})
with CaptureQueriesContext(connection) as ctx:
    status = client.get({path!r}).status_code
print(status, len(ctx.captured_queries))
"""
    # queries of an uncached answer: the response cache would hide them
    env = {**env, "WP_RESPONSE_CACHE_SECONDS": "0"}
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().replace(" ", "/") or "?"


def hammer(url: str, seconds: float, concurrency: int) -> tuple[int, int, list[float]]:
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker() -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    ok = response.status < 400
            except Exception:  # noqa: BLE001 - counted, the benchmark goes on
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors += 0 if ok else 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), errors, latencies


def wrk(url: str, seconds: float, concurrency: int) -> tuple[float, str]:
    """wrk (a C load generator) leaves the CPU to the server; used when installed."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{int(seconds)}s", "--latency", url],
        capture_output=True,
        text=True,
    )
    rate, p50 = 0.0, "?"
    for line in result.stdout.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(parts[1])
        elif parts[:1] == ["50%"]:
            p50 = parts[1]
    return rate, p50


def rss_of_tree(pid: int) -> int:
    """Resident memory (KiB) of a process and its children, from /proc (Linux)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument(
        "--threads", type=int, default=4, help="gthread threads per worker (keep-alive connections)"
    )
    parser.add_argument("--only", default="", help="run only URLs containing this text")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="wpapi-bench-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + os.urandom(8).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "WPAPI_VAR_DIR": scratch,
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP to loopback
        "REQUEST_LOG_LEVEL": "WARNING",  # a log line per request would be measured too
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    prepare(env, args.posts)
    post_id = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from content.models import Post; print(Post.objects.filter(type='post',"
            " status='publish').values_list('id', flat=True).first())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()

    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "wpapi.wsgi",
            "-w",
            str(args.workers),
            "-k",
            "gthread",
            "--threads",
            str(args.threads),
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/wp-json/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"{'request':45} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
            f"{'status/queries':>15}"
        )
        for template in URLS:
            path = template.format(post_id=post_id)
            if args.only not in path:
                continue
            hammer(base + path, 1, 2)  # warm up
            queries = count_queries(env, path)
            if shutil.which("wrk"):
                rate, p50_text = wrk(base + path, args.seconds, args.concurrency)
                print(
                    f"{path:45} {rate:8.0f} {p50_text:>8} {'(wrk)':>8} {'':>7} {queries:>15}",
                    flush=True,
                )
                continue
            total, errors, latencies = hammer(base + path, args.seconds, args.concurrency)
            latencies.sort()
            p50 = statistics.median(latencies) * 1000 if latencies else 0
            p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0
            print(
                f"{path:45} {total / args.seconds:8.0f} {p50:8.1f} {p95:8.1f} {errors:7d} "
                f"{queries:>15}",
                flush=True,
            )
        print(
            f"memory: {rss_of_tree(server.pid) / 1024:.0f} MiB resident in the gunicorn "
            f"master and its {args.workers} workers"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
