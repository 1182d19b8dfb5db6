"""Build tests/wordpress_scenario.py's site in a real WordPress 6.1 and save its answers.

    .venv/bin/python scripts/capture_wordpress_fixtures.py http://127.0.0.1:8086 admin APP_PASSWORD

The site is emptied first (posts, pages, media, comments, terms, users other than admin): use
a WordPress of your own, never a shared one. Then the scenario's users, terms, media, posts,
pages, comments and one draft per block or shortcode variant are created through the REST API,
and WordPress's answers are written to tests/fixtures/wordpress/: the rendered content of every
variant, the block renderer, oEmbed, feeds and sitemaps, and manifest.json with the IDs,
slugs, dates and media metadata WordPress gave the objects (the tests build the same site
with them).
"""

from __future__ import annotations

import base64
import io
import json
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import wordpress_scenario as scenario  # noqa: E402

OUT = scenario.FIXTURES


class WordPress:
    def __init__(self, base: str, login: str, password: str) -> None:
        self.base = base.rstrip("/")
        token = base64.b64encode(f"{login}:{password}".encode()).decode()
        self.auth = f"Basic {token}"

    def call(
        self,
        method: str,
        route: str,
        body: Any = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
    ) -> tuple[int, dict[str, str], bytes]:
        url = route if route.startswith("http") else f"{self.base}/wp-json{route}"
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        sent = {"Content-Type": "application/json", **(headers or {})}
        if auth:
            sent["Authorization"] = self.auth
        request = urllib.request.Request(url, data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def json(self, method: str, route: str, body: Any = None) -> Any:
        status, _, content = self.call(method, route, body)
        if status >= 400:
            raise RuntimeError(f"{method} {route}: {status} {content[:300]!r}")
        return json.loads(content)

    def page(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return self.call("GET", f"{self.base}{path}", auth=False)


def empty_site(wp: WordPress) -> None:
    for route in ("posts", "pages", "blocks"):
        for status in ("publish,future,draft,pending,private,trash",):
            while True:
                items = wp.json("GET", f"/wp/v2/{route}?status={status}&per_page=100&_fields=id")
                if not items:
                    break
                for item in items:
                    wp.json("DELETE", f"/wp/v2/{route}/{item['id']}?force=true")
    while items := wp.json("GET", "/wp/v2/media?per_page=100&_fields=id"):
        for item in items:
            wp.json("DELETE", f"/wp/v2/media/{item['id']}?force=true")
    while items := wp.json("GET", "/wp/v2/comments?status=all&per_page=100&_fields=id"):
        for item in items:
            wp.json("DELETE", f"/wp/v2/comments/{item['id']}?force=true")
    for taxonomy in ("categories", "tags"):
        for item in wp.json("GET", f"/wp/v2/{taxonomy}?per_page=100&hide_empty=false&_fields=id"):
            if taxonomy == "categories" and item["id"] == 1:
                continue
            wp.json("DELETE", f"/wp/v2/{taxonomy}/{item['id']}?force=true")
    for user in wp.json("GET", "/wp/v2/users?per_page=100&context=edit&_fields=id"):
        if user["id"] != 1:
            wp.json("DELETE", f"/wp/v2/users/{user['id']}?force=true&reassign=1")


def png(size: tuple[int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (30, 60, 160))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 40):
        draw.rectangle([x, 0, x + 19, size[1]], fill=(60, 120, 220))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build(wp: WordPress) -> dict[str, Any]:
    ids: dict[str, int] = {"admin": 1}
    manifest: dict[str, Any] = {"ids": ids, "slugs": {}, "media": {}, "users": {}, "modified": {}}
    settings = wp.json("GET", "/wp/v2/settings")
    manifest["site"] = {"title": settings["title"], "description": settings["description"]}
    admin = wp.json("GET", "/wp/v2/users/1?context=edit")
    manifest["users"]["admin"] = {"email": admin["email"], "url": admin["url"]}
    author = wp.json("POST", "/wp/v2/users", scenario.AUTHOR)
    ids["author"] = author["id"]
    for key, name, parent, description in scenario.CATEGORIES:
        slug = key if key != "empty" else "empty-category"
        body = {"name": name, "slug": slug, "description": description}
        if parent:
            body["parent"] = ids[parent]
        ids[key] = wp.json("POST", "/wp/v2/categories", body)["id"]
    for key, name in scenario.TAGS:
        ids[key] = wp.json("POST", "/wp/v2/tags", {"name": name, "slug": key.removeprefix("tag-")})[
            "id"
        ]
    for key, title, date, who, categories, tags, extra in scenario.POSTS:
        body = {
            "title": title,
            "status": "publish",
            "date_gmt": date,
            "author": ids[who],
            "categories": [ids[c] for c in categories],
            "tags": [ids[t] for t in tags],
            **{k: v for k, v in extra.items() if k != "featured_media"},
        }
        post = wp.json("POST", "/wp/v2/posts", body)
        ids[key] = post["id"]
        manifest["slugs"][key] = post["slug"]
    for key, file, size, alt, caption, parent in scenario.MEDIA:
        status, _, content = wp.call(
            "POST",
            "/wp/v2/media",
            raw=png(size),
            headers={
                "Content-Type": "image/png",
                "Content-Disposition": f'attachment; filename="{file}"',
            },
        )
        media = json.loads(content)
        update = {"alt_text": alt, "caption": caption}
        if parent:
            update["post"] = ids[parent]
        media = wp.json("POST", f"/wp/v2/media/{media['id']}?context=edit", update)
        ids[key] = media["id"]
        details = media["media_details"]
        for size_entry in details.get("sizes", {}).values():
            size_entry.pop("source_url", None)
        details.get("sizes", {}).pop("full", None)
        manifest["media"][key] = {
            "slug": media["slug"],
            "title": media["title"]["raw"],
            "date": media["date_gmt"],
            "media_details": details,
        }
    for key, *_rest, extra in scenario.POSTS:
        if "featured_media" in extra:
            wp.json(
                "POST", f"/wp/v2/posts/{ids[key]}", {"featured_media": ids[extra["featured_media"]]}
            )
    for key, title, parent, order in scenario.PAGES:
        body = {
            "title": title,
            "slug": key,
            "status": "publish",
            "menu_order": order,
            "date_gmt": "2024-01-05T10:00:00",
            "content": scenario.PARAGRAPH.format(f"The {title} page."),
        }
        if parent:
            body["parent"] = ids[parent]
        ids[key] = wp.json("POST", "/wp/v2/pages", body)["id"]
    for key, post_key, who, date, status, text in scenario.COMMENTS:
        body = {"post": ids[post_key], "content": text, "date_gmt": date, "status": status}
        if key in scenario.COMMENT_PARENTS:
            body["parent"] = ids[scenario.COMMENT_PARENTS[key]]
        if who == "author":
            body.update(author=ids["author"], author_name=scenario.AUTHOR["name"])
            body["author_email"] = scenario.AUTHOR["email"]
        else:
            body.update(author_name=who, author_email=f"{who.split()[0].lower()}@example.com")
        ids[key] = wp.json("POST", "/wp/v2/comments", body)["id"]
    for name, template in [*scenario.VARIANTS.items(), *scenario.EMBED_VARIANTS.items()]:
        body = {
            "title": f"Variant {name}",
            "status": "draft",
            "date_gmt": "2023-06-15T12:00:00",
            "content": scenario.variant_content(template, manifest, scenario.WP_SITE),
        }
        ids[f"variant:{name}"] = wp.json("POST", "/wp/v2/posts", body)["id"]
    for key, *_rest in scenario.POSTS:
        manifest["modified"][key] = wp.json("GET", f"/wp/v2/posts/{ids[key]}")["modified_gmt"]
    return manifest


def capture(wp: WordPress, manifest: dict[str, Any]) -> None:
    ids = manifest["ids"]
    render = OUT / "render"
    render.mkdir(parents=True, exist_ok=True)
    for name in [*scenario.VARIANTS, *scenario.EMBED_VARIANTS]:
        post = wp.json("GET", f"/wp/v2/posts/{ids[f'variant:{name}']}")
        (render / f"{name}.html").write_text(post["content"]["rendered"], encoding="utf-8")
    listed = ["search", "archives-dropdown", "mixed", "audio", "gallery-ids"]
    include = ",".join(str(ids[f"variant:{name}"]) for name in listed)
    page = wp.json(
        "GET",
        f"/wp/v2/posts?status=draft&include={include}&orderby=include&_fields=id,content",
    )
    manifest["list"] = {"variants": listed}
    (render / "list.json").write_text(
        json.dumps([item["content"]["rendered"] for item in page], indent=1), encoding="utf-8"
    )
    answers: dict[str, Any] = {}
    for name, route in {
        "renderer-archives": "/wp/v2/block-renderer/core/archives?context=edit"
        "&attributes%5BshowPostCounts%5D=1",
        "renderer-latest-posts": "/wp/v2/block-renderer/core/latest-posts?context=edit"
        "&attributes%5BpostsToShow%5D=2",
    }.items():
        answers[name] = wp.json("GET", route)
    for name, (block, attributes) in scenario.SUPPORTS.items():
        answers[name] = wp.json(
            "POST", f"/wp/v2/block-renderer/{block}?context=edit", {"attributes": attributes}
        )
    (render / "block-renderer.json").write_text(json.dumps(answers, indent=1), encoding="utf-8")
    blocks = OUT / "blocks"
    blocks.mkdir(exist_ok=True)
    for name, route in {
        "block-type-archives.json": "/wp/v2/block-types/core/archives",
        "block-type-paragraph.json": "/wp/v2/block-types/core/paragraph?context=edit",
        "block-pattern-categories.json": "/wp/v2/block-patterns/categories",
    }.items():
        (blocks / name).write_text(json.dumps(wp.json("GET", route), indent=1), encoding="utf-8")
    for name, route in {
        "options-block-renderer.json": "/wp/v2/block-renderer/core/archives",
        "options-block-type-item.json": "/wp/v2/block-types/core/archives",
        "options-block-types.json": "/wp/v2/block-types",
        "options-block-patterns.json": "/wp/v2/block-patterns/patterns",
        "options-oembed-proxy.json": "/oembed/1.0/proxy",
        "options-oembed-embed.json": "/oembed/1.0/embed",
    }.items():
        _, _, content = wp.call("OPTIONS", route, auth=False)
        (blocks / name).write_text(json.dumps(json.loads(content), indent=1), encoding="utf-8")
    names = [item["name"] for item in wp.json("GET", "/wp/v2/block-types?_fields=name")]
    (blocks / "block-type-names.json").write_text(json.dumps(names, indent=1), encoding="utf-8")
    oembed = OUT / "oembed"
    oembed.mkdir(exist_ok=True)
    alpha = f"{scenario.WP_SITE}/{manifest['slugs']['alpha']}/"
    gamma = f"{scenario.WP_SITE}/{manifest['slugs']['gamma']}/"
    for name, query in {
        "alpha.json": f"url={quote(alpha, safe='')}",
        "alpha-300.json": f"url={quote(alpha, safe='')}&maxwidth=300",
        "alpha.xml": f"url={quote(alpha, safe='')}&format=xml",
        "gamma.json": f"url={quote(gamma, safe='')}",
        "team.json": f"url={quote(scenario.WP_SITE + '/about/team/', safe='')}",
        "attachment.json": f"url={quote(gamma + 'render-landscape/', safe='')}",
        "missing.json": f"url={quote(scenario.WP_SITE + '/nope/', safe='')}",
        "missing.xml": f"url={quote(scenario.WP_SITE + '/nope/', safe='')}&format=xml",
    }.items():
        _, _, content = wp.call("GET", f"/oembed/1.0/embed?{query}", auth=False)
        (oembed / name).write_bytes(content)
    _, _, page = wp.page(f"/{manifest['slugs']['alpha']}/")
    links = [line for line in page.decode().splitlines(keepends=True) if "+oembed" in line]
    (oembed / "alpha-discovery.html").write_text("".join(links), encoding="utf-8")
    feeds = OUT / "feeds"
    feeds.mkdir(exist_ok=True)
    types: dict[str, str] = {}
    for name, path in {
        "rss2.xml": "/feed/",
        "atom.xml": "/feed/atom/",
        "comments-rss2.xml": "/comments/feed/",
        "comments-atom.xml": "/comments/feed/atom/",
        "category-news.xml": "/category/news/feed/",
        "tag-alpha.xml": "/tag/alpha/feed/",
        "author-rita.xml": "/author/rita/feed/",
        "post-comments.xml": f"/{manifest['slugs']['beta']}/feed/",
        "sitemap-index.xml": "/wp-sitemap.xml",
        "sitemap-posts.xml": "/wp-sitemap-posts-post-1.xml",
        "sitemap-pages.xml": "/wp-sitemap-posts-page-1.xml",
        "sitemap-categories.xml": "/wp-sitemap-taxonomies-category-1.xml",
        "sitemap-tags.xml": "/wp-sitemap-taxonomies-post_tag-1.xml",
        "sitemap-users.xml": "/wp-sitemap-users-1.xml",
    }.items():
        status, headers, content = wp.page(path)
        (feeds / name).write_bytes(content)
        types[name] = f"{status} {headers.get('Content-Type', '')}"
    manifest["feeds"] = types
    manifest["now"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def main() -> None:
    wp = WordPress(*sys.argv[1:4])
    empty_site(wp)
    manifest = build(wp)
    capture(wp, manifest)
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(f"captured into {OUT}")


if __name__ == "__main__":
    main()
