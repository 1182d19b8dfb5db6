#!/usr/bin/env python3
"""Compare, route by route, what a WordPress site and the wpapi that imported it answer.

For posts, pages, media, categories, tags, users and comments: every object the WordPress
site has (listed with context=edit, so drafts, spam and users without posts count too) is asked
for with context=view, context=embed and _embed anonymously, and with context=edit
authenticated; the first page of each collection too. Status codes and JSON bodies are compared
after the wpapi's base URL is written as the WordPress site's (links are computed from the host
name). The output lists, per route, how many answers are identical and, for the others, which
JSON paths differ, with an example.

    python scripts/compare_wordpress.py --wp http://127.0.0.1:8081 --wpapi http://127.0.0.1:8700 \
        --user admin --password "$(cat ../shared/wordpress/.app-password)"

With --serve DATABASE_URL the script serves that database itself on --wpapi's port (gunicorn,
with scripts/compare/reference_settings.py: the reference site's registered meta), and stops
it at the end. The imported application passwords let the same credentials work on both sides.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROUTES = ("posts", "pages", "media", "categories", "tags", "users", "comments")
#: how to list everything a route holds on the WordPress side (authenticated)
LISTINGS = {
    "posts": [{"status": "publish,future,draft,pending,private,trash"}],
    "pages": [{"status": "publish,future,draft,pending,private,trash"}],
    "media": [{"status": "inherit,private,trash"}],
    "categories": [{"hide_empty": "false"}],
    "tags": [{"hide_empty": "false"}],
    "users": [{}],
    "comments": [{"status": s} for s in ("approve", "hold", "spam", "trash")],
}


class Client:
    def __init__(self, base: str, user: str = "", password: str = "") -> None:
        self.base = base.rstrip("/")
        self.auth = (
            "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else ""
        )

    def get(self, route: str, params: dict[str, str], auth: bool) -> tuple[int, Any, dict]:
        query = urllib.parse.urlencode(params)
        url = f"{self.base}/wp-json{route}" + (f"?{query}" if query else "")
        request = urllib.request.Request(url)
        if auth and self.auth:
            request.add_header("Authorization", self.auth)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, body, headers = answer.status, answer.read(), dict(answer.headers)
        except urllib.error.HTTPError as error:
            status, body, headers = error.code, error.read(), dict(error.headers)
        try:
            data = json.loads(body)
        except ValueError:
            data = {"<not json>": body[:200].decode(errors="replace")}
        return status, data, {k.lower(): v for k, v in headers.items()}


def replace_base(value: Any, old: str, new: str) -> Any:
    """Every string with the wpapi's base URL written with the WordPress site's."""
    if isinstance(value, str):
        return value.replace(old, new).replace(old.replace("/", "\\/"), new.replace("/", "\\/"))
    if isinstance(value, list):
        return [replace_base(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: replace_base(item, old, new) for key, item in value.items()}
    return value


def differences(a: Any, b: Any, path: str = "$") -> list[tuple[str, Any, Any]]:
    """(path, WordPress's value, wpapi's value) for every place the two differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a:
                found.append((f"{path}.{key}", "<absent>", b[key]))
            elif key not in b:
                found.append((f"{path}.{key}", a[key], "<absent>"))
            else:
                found += differences(a[key], b[key], f"{path}.{key}")
        if not found and list(a) != list(b):
            found.append((f"{path}.<key order>", list(a), list(b)))
        return found
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [(f"{path}.<length>", len(a), len(b))]
        found = []
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            found += differences(x, y, f"{path}[{index}]")
        return found
    if a != b or type(a) is not type(b):
        return [(path, a, b)]
    return []


def pattern(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def short(value: Any, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def all_ids(wp: Client, route: str) -> list[int]:
    ids: list[int] = []
    for params in LISTINGS[route]:
        page = 1
        while True:
            query = {"context": "edit", "per_page": "100", "page": str(page), **params}
            status, data, headers = wp.get(f"/wp/v2/{route}", query, auth=True)
            if status != 200 or not isinstance(data, list):
                break
            ids += [item["id"] for item in data if isinstance(item, dict) and "id" in item]
            if page >= int(headers.get("x-wp-totalpages", "1") or 1):
                break
            page += 1
    return sorted(set(ids))


def requests_for(route: str, ids: list[int]) -> list[tuple[str, dict[str, str], bool]]:
    """(route, query, authenticated) for every answer compared."""
    asked: list[tuple[str, dict[str, str], bool]] = [
        (f"/wp/v2/{route}", {"context": "view", "per_page": "100"}, False),
        (f"/wp/v2/{route}", {"context": "view", "per_page": "100", "_embed": "1"}, False),
        (f"/wp/v2/{route}", {"context": "embed", "per_page": "100"}, False),
        (f"/wp/v2/{route}", {"context": "edit", "per_page": "100"}, True),
    ]
    for pk in ids:
        item = f"/wp/v2/{route}/{pk}"
        asked += [
            (item, {"context": "view"}, False),
            (item, {"context": "embed"}, False),
            (item, {"_embed": "1"}, False),
            (item, {"context": "edit"}, True),
        ]
    return asked


def compare(args: argparse.Namespace) -> dict[str, Any]:
    wp = Client(args.wp, args.user, args.password)
    ours = Client(args.wpapi, args.user, args.wpapi_password or args.password)
    results: dict[str, Any] = {}
    for route in args.routes:
        ids = all_ids(wp, route)
        identical, total = 0, 0
        paths: dict[str, dict[str, Any]] = defaultdict(lambda: {"count": 0, "example": None})
        for path, params, auth in requests_for(route, ids):
            total += 1
            status_a, body_a, headers_a = wp.get(path, params, auth)
            status_b, body_b, headers_b = ours.get(path, params, auth)
            body_b = replace_base(body_b, ours.base, wp.base)
            found = differences(body_a, body_b)
            if status_a != status_b:
                found.insert(0, ("<status>", status_a, status_b))
            for header in ("x-wp-total", "x-wp-totalpages"):
                if headers_a.get(header) != headers_b.get(header):
                    found.append((f"<{header}>", headers_a.get(header), headers_b.get(header)))
            if not found:
                identical += 1
                continue
            ask = path + "?" + urllib.parse.urlencode(params) + (" (auth)" if auth else "")
            for where, a, b in found:
                entry = paths[pattern(where)]
                entry["count"] += 1
                if entry["example"] is None:
                    entry["example"] = {"request": ask, "wordpress": short(a), "wpapi": short(b)}
        results[route] = {"answers": total, "identical": identical, "differences": dict(paths)}
        print(f"{route}: {identical}/{total} identical ({len(ids)} objects)", flush=True)
        for where, entry in sorted(paths.items(), key=lambda item: -item[1]["count"]):
            example = entry["example"]
            print(f"    {where}: {entry['count']} answers, e.g. {example['request']}")
            print(f"        WordPress: {example['wordpress']}")
            print(f"        wpapi:     {example['wpapi']}")
    answers = sum(r["answers"] for r in results.values())
    same = sum(r["identical"] for r in results.values())
    print(f"total: {same}/{answers} answers identical")
    return results


def serve(database_url: str, address: str, media_root: str | None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "reference_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts" / "compare"), str(ROOT)]),
        "DEBUG": "1",
        "WP_RESPONSE_CACHE_SECONDS": "0",
    }
    if media_root:
        env["MEDIA_ROOT"] = media_root
    python = ROOT / ".venv" / "bin" / "python"
    server = subprocess.Popen(
        [str(python if python.exists() else sys.executable), "-m", "gunicorn", "wpapi.wsgi"]
        + ["-b", address, "-w", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://{address}/wp-json/", timeout=2).read()
            return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"wpapi did not start on {address}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wp", default="http://127.0.0.1:8081", help="the WordPress site")
    parser.add_argument("--wpapi", default="http://127.0.0.1:8700", help="the wpapi")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", required=True, help="an application password")
    parser.add_argument("--wpapi-password", help="another one for wpapi (default: the same)")
    parser.add_argument("--routes", nargs="*", default=list(ROUTES), choices=ROUTES)
    parser.add_argument("--serve", metavar="DATABASE_URL", help="serve this database as wpapi")
    parser.add_argument("--media-root", help="MEDIA_ROOT for --serve")
    parser.add_argument("--json", metavar="FILE", help="write the detailed results here")
    args = parser.parse_args()
    server = None
    if args.serve:
        server = serve(args.serve, urllib.parse.urlsplit(args.wpapi).netloc, args.media_root)
    try:
        results = compare(args)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
