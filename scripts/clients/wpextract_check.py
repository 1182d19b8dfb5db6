"""Crawl a server with wpextract (a third-party WordPress scraper from PyPI) and check the result.

wpextract walks ``/wp-json/wp/v2/<type>?page=N`` (10 a page) until a page is empty or the server
answers 400 with a code containing ``invalid_page_number``; posts, pages and media say so past the
end, while terms, users and comments answer ``[]`` as WordPress 6.1 does. Both must end the crawl,
having read every item the X-WP-Total header announced.

    python3 -m venv /tmp/wpextract-venv && /tmp/wpextract-venv/bin/pip install wpextract
    /tmp/wpextract-venv/bin/python scripts/clients/wpextract_check.py http://127.0.0.1:8000 \
        [--user admin --password-file FILE]

Prints one PASS/FAIL line per type (anonymously, then with the application password if given)
and exits 1 if any failed. Read-only.
"""

import argparse
import sys

import requests
from wpextract.download.requestsession import RequestSession
from wpextract.download.wpapi import WPApi

TYPES = {
    "users": WPApi.USER,
    "tags": WPApi.TAG,
    "categories": WPApi.CATEGORY,
    "posts": WPApi.POST,
    "pages": WPApi.PAGE,
    "comments": WPApi.COMMENT,
    "media": WPApi.MEDIA,
}


class CountingSession(RequestSession):
    """wpextract's own session, counting the requests so that a crawl that never ends shows."""

    def __init__(self, collection, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.collection = collection
        self.requests = 0

    def get(self, url, *args, **kwargs):
        if self.collection in url:  # not the /wp-json/ index it reads before posts
            self.requests += 1
        if self.requests > 500:
            raise RuntimeError("crawl does not terminate")
        return super().get(url, *args, **kwargs)


def crawl(base, auth, label):
    failures = 0
    for name, obj_type in TYPES.items():
        session = CountingSession(f"/wp/v2/{name}?", authorization=auth, max_retries=0)
        api = WPApi(base + "/", session=session)
        expected = requests.get(f"{base}/wp-json/wp/v2/{name}", auth=auth, timeout=30)
        total = int(expected.headers.get("X-WP-Total", -1))
        try:
            items, reported_total = api.get_obj_list(obj_type, None, None)
        except Exception as exc:  # noqa: BLE001 - any failure of the client is the finding
            print(f"FAIL wpextract {label} {name}: {type(exc).__name__}: {exc}")
            failures += 1
            continue
        ids = [item["id"] for item in items]
        problems = []
        if len(ids) != len(set(ids)):
            problems.append("duplicates")
        if len(ids) != total:
            problems.append(f"read {len(ids)} items, X-WP-Total says {total}")
        if reported_total != total:
            problems.append(f"wpextract saw total {reported_total}")
        pages = -(-total // 10)
        # one request per page, plus the one that found the end (empty page or 400)
        if session.requests != pages + 1 and not (total == 0 and session.requests == 1):
            problems.append(f"{session.requests} requests for {pages} pages")
        if problems:
            print(f"FAIL wpextract {label} {name}: {'; '.join(problems)}")
            failures += 1
        else:
            print(f"PASS wpextract {label} {name}: {len(ids)} items in {session.requests} requests")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password")
    parser.add_argument("--password-file")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    password = args.password
    if args.password_file:
        with open(args.password_file, encoding="utf-8") as f:
            password = f.read().strip()
    failures = crawl(base, None, "anonymous")
    if password:
        failures += crawl(base, (args.user, password), "authenticated")
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
