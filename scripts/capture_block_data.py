"""Capture the block types and core block patterns a WordPress 6.1 site reports, as data.

    python scripts/capture_block_data.py http://127.0.0.1:8081 admin APP_PASSWORD [DUMP_DIR]

Writes content/blocks/data/block-types.json (GET /wp/v2/block-types, without `_links`, with the
item schema from OPTIONS) and block-patterns.json (the `core/` patterns and the pattern
categories). wpapi answers /wp/v2/block-types and /wp/v2/block-patterns/* from these files.
"""

from __future__ import annotations

import base64
import json
import sys
import urllib.request
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "content" / "blocks" / "data"


def fetch(base: str, auth: str, route: str, method: str = "GET") -> object:
    request = urllib.request.Request(
        f"{base}/wp-json{route}", method=method, headers={"Authorization": auth}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a given URL
        return json.loads(response.read())


def main() -> None:
    base, login, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    auth = "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()
    block_types = fetch(base, auth, "/wp/v2/block-types")
    for item in block_types:
        item.pop("_links", None)
    schema = fetch(base, auth, "/wp/v2/block-types", "OPTIONS")["schema"]
    (DATA / "block-types.json").write_text(
        json.dumps(
            {
                "source": "GET /wp-json/wp/v2/block-types of a WordPress 6.1.9 site "
                "(scripts/capture_block_data.py)",
                "schema": schema,
                "block_types": block_types,
            },
            ensure_ascii=False,
            indent=0,
        )
    )
    patterns = fetch(base, auth, "/wp/v2/block-patterns/patterns")
    categories = fetch(base, auth, "/wp/v2/block-patterns/categories")
    (DATA / "block-patterns.json").write_text(
        json.dumps(
            {
                "source": "GET /wp-json/wp/v2/block-patterns/* of a WordPress 6.1.9 site, "
                "core patterns only (scripts/capture_block_data.py)",
                "patterns_schema": fetch(base, auth, "/wp/v2/block-patterns/patterns", "OPTIONS")[
                    "schema"
                ],
                "categories_schema": fetch(
                    base, auth, "/wp/v2/block-patterns/categories", "OPTIONS"
                )["schema"],
                "categories": categories,
                "patterns": [p for p in patterns if p["name"].startswith("core/")],
            },
            ensure_ascii=False,
            indent=0,
        )
    )
    print(f"{len(block_types)} block types written to {DATA}")


if __name__ == "__main__":
    main()
