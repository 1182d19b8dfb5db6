#!/usr/bin/env python3
"""Concurrent writers against a running site: prints figures, asserts nothing.

    python3 scripts/concurrent_writes.py --base http://127.0.0.1:8000 --user admin \\
        --password 'xxxx xxxx xxxx xxxx xxxx xxxx' [--clients 16] [--rounds 10]

`--clients` threads write at once, `--rounds` times each, in four workloads: new posts,
comments on one post, tags of the same names, and updates of one post. Prints every status
seen, the 5xx answers, writes acknowledged (201/200) whose object cannot be read back, and the
tags that were created twice. Works against WordPress too (the same application password auth).
"""

import argparse
import base64
import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from typing import Any


class Client:
    def __init__(self, base: str, user: str, password: str) -> None:
        self.base = base.rstrip("/") + "/wp-json"
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers=self.headers
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw[:200]


def run_workload(
    client: Client, clients: int, rounds: int, write: Any
) -> list[tuple[int, Any, Any]]:
    """`clients` threads each call write(thread, round) `rounds` times, all released at once."""
    results: list[tuple[int, Any, Any]] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def worker(thread: int) -> None:
        start.wait()
        for round_ in range(rounds):
            status, body, sent = write(thread, round_)
            with lock:
                results.append((status, body, sent))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True, help="an application password")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    client = Client(args.base, args.user, args.password)
    stamp = str(int(time.time()))

    status, target = client.call("POST", "/wp/v2/posts", {"title": "Target", "status": "publish"})
    assert status == 201, (status, target)
    post_id = target["id"]

    def new_post(thread: int, round_: int) -> tuple[int, Any, Any]:
        title = f"cw {stamp} post {thread}-{round_}"
        status, body = client.call("POST", "/wp/v2/posts", {"title": title, "status": "publish"})
        return status, body, title

    def comment(thread: int, round_: int) -> tuple[int, Any, Any]:
        text = f"cw {stamp} comment {thread}-{round_}"
        status, body = client.call("POST", "/wp/v2/comments", {"post": post_id, "content": text})
        return status, body, text

    def tag(thread: int, round_: int) -> tuple[int, Any, Any]:
        name = f"cw {stamp} tag {round_}"
        status, body = client.call("POST", "/wp/v2/tags", {"name": name})
        return status, body, name

    def update(thread: int, round_: int) -> tuple[int, Any, Any]:
        title = f"cw {stamp} update {thread}-{round_}"
        status, body = client.call("POST", f"/wp/v2/posts/{post_id}", {"title": title})
        return status, body, title

    workloads = {"posts": new_post, "comments": comment, "tags": tag, "updates": update}
    totals: Counter[int] = Counter()
    began = time.monotonic()
    for name, write in workloads.items():
        t0 = time.monotonic()
        results = run_workload(client, args.clients, args.rounds, write)
        seconds = time.monotonic() - t0
        statuses = Counter(status for status, _, _ in results)
        totals.update(statuses)
        errors = Counter(
            body.get("code") if isinstance(body, dict) else str(body)[:60]
            for status, body, _ in results
            if status >= 500
        )
        lost = 0
        for status, body, _ in results:
            if status == 201 and isinstance(body, dict):
                base = {"posts": "/wp/v2/posts", "comments": "/wp/v2/comments"}.get(name)
                base = base or "/wp/v2/tags"
                if client.call("GET", f"{base}/{body['id']}?context=edit")[0] != 200:
                    lost += 1
        extra = ""
        if name == "tags":
            created = Counter(sent for status, _, sent in results if status == 201)
            extra = f", names created twice: {sum(1 for n in created.values() if n > 1)}"
        if name == "updates":
            final = client.call("GET", f"/wp/v2/posts/{post_id}?context=edit")[1]
            sent = {title for status, _, title in results if status == 200}
            kept = isinstance(final, dict) and final.get("title", {}).get("raw") in sent
            extra = f", final title among the acknowledged: {kept}"
        print(
            f"{name:9} {len(results)} writes in {seconds:.1f}s: {dict(sorted(statuses.items()))}"
            f", 5xx: {sum(n for s, n in statuses.items() if s >= 500)} {dict(errors)}"
            f", acknowledged but missing: {lost}{extra}"
        )
    print(
        f"all       {sum(totals.values())} writes in {time.monotonic() - began:.1f}s, "
        f"5xx: {sum(n for s, n in totals.items() if s >= 500)}"
    )


if __name__ == "__main__":
    main()
