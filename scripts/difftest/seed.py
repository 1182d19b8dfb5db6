"""The content both sides get, through the REST API alone, in the same order.

First `empty()` removes whatever a fresh install holds (WordPress's "Hello world!", sample and
privacy pages, its first comment; the admin's other application passwords) so both sides start
alike; those requests are not compared. Then `seed_plan()` is a list of `Request`s, compared like
every other: users of every role with application passwords, a category tree, tags, term meta,
posts and pages of every status, media, comment threads of every status, revisions and meta.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

from .idmap import Ref
from .requests import Request, Side

ROLE_USERS = {
    "editor": "edith",
    "author": "arthur",
    "contributor": "connie",
    "subscriber": "sam",
}

# text that goes through wptexturize, wpautop, convert_smilies, kses and shortcodes
TEXTURIZE = "He said \"hello\" -- and 'goodbye'... It's the 1990's (c) 2024 -- 10x20 --- done."
AUTOP = "First paragraph.\n\nSecond paragraph\nwith a line break.\n\n<div>a block</div>\n\nThird."
BLOCKS = (
    "<!-- wp:paragraph -->\n<p>Block paragraph with <strong>bold</strong> text.</p>\n"
    "<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2>A heading</h2>\n<!-- /wp:heading -->\n\n"
    "<!-- wp:list -->\n<ul><li>One</li><li>Two</li></ul>\n<!-- /wp:list -->\n\n"
    '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>Quoted "text"</p></blockquote>\n'
    "<!-- /wp:quote -->"
)
SHORTCODES = (
    '[caption id="" align="alignnone" width="300"]<img src="https://example.org/x.png" '
    'width="300" height="200" alt="x" /> A caption[/caption]\n\n'
    'An unknown [not_a_shortcode foo="bar"] stays.\n\n[gallery]'
)
KSES = (
    '<script>alert(1)</script><p onclick="x()">Click <b>bold</b></p>'
    '<iframe src="https://example.org/"></iframe><a href="javascript:alert(1)">js</a> '
    '<a href="https://example.org/" target="_blank">ok link</a> <span style="color:red">red</span>'
)
UNICODE = "Ünïcödé — “quotes” 日本語 😀 &amp; entities &copy; &#8211; <em>em</em>"
MORE = "The teaser paragraph.<!--more-->\n\nThe rest of the story, after more."
SMILIES = "Happy :) and sad :( and winking ;) faces."


def png(width: int, height: int, color: tuple[int, int, int]) -> bytes:
    """A plain RGB PNG, made with the standard library."""
    row = b"\x00" + bytes(color) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def upload(filename: str, kind: str, data: bytes, **extra: Any) -> dict[str, Any]:
    return {"upload": {"filename": filename, "type": kind, "hex": data.hex(), **extra}}


def empty(side: Side, log: Any = None) -> list[str]:
    """Delete every object of a fresh install (as admin), so both sides start alike."""
    problems: list[str] = []

    def call(method: str, path: str) -> Any:
        answer = side.call("administrator", method, "/wp-json" + path)
        if answer.status >= 400 and method == "DELETE":
            problems.append(f"{method} {path}: {answer.status} {answer.body[:200]!r}")
        return answer.data

    for base, extra in (
        ("posts", "&status=any"),
        ("pages", "&status=any"),
        ("blocks", "&status=any"),
        ("media", ""),
    ):
        for _ in range(50):
            found = call("GET", f"/wp/v2/{base}?per_page=100&context=edit{extra}")
            if not isinstance(found, list) or not found:
                break
            for item in found:
                call("DELETE", f"/wp/v2/{base}/{item['id']}?force=true")
    for status in ("approve", "hold", "spam", "trash"):
        found = call("GET", f"/wp/v2/comments?per_page=100&status={status}")
        for item in found if isinstance(found, list) else []:
            call("DELETE", f"/wp/v2/comments/{item['id']}?force=true")
    settings = call("GET", "/wp/v2/settings") or {}
    default_category = settings.get("default_category", 1) if isinstance(settings, dict) else 1
    for taxonomy in ("tags", "categories"):
        found = call("GET", f"/wp/v2/{taxonomy}?per_page=100&hide_empty=false")
        for item in found if isinstance(found, list) else []:
            if not (taxonomy == "categories" and item["id"] == default_category):
                call("DELETE", f"/wp/v2/{taxonomy}/{item['id']}?force=true")
    me = call("GET", "/wp/v2/users/me")
    my_id = me["id"] if isinstance(me, dict) else 1
    found = call("GET", "/wp/v2/users?per_page=100&context=edit")
    for item in found if isinstance(found, list) else []:
        if item["id"] != my_id:
            call("DELETE", f"/wp/v2/users/{item['id']}?force=true&reassign={my_id}")
    current = call("GET", "/wp/v2/users/me/application-passwords/introspect")
    keep = current.get("uuid") if isinstance(current, dict) else None
    found = call("GET", "/wp/v2/users/me/application-passwords")
    for item in found if isinstance(found, list) else []:
        if item["uuid"] != keep:
            call("DELETE", f"/wp/v2/users/me/application-passwords/{item['uuid']}")
    side.ids.add("user", "admin", my_id)
    side.ids.add("term", "cat.uncategorized", default_category)
    if keep:
        side.ids.add("uuid", "apppw.admin", keep)
    return problems


class Plan:
    """Builds the seed requests; `ref()` names what an earlier request made."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    def add(
        self,
        caller: str,
        method: str,
        path: str,
        body: Any = None,
        *,
        register: tuple[str, str] | None = None,
        credential: str | None = None,
        query: list[tuple[str, Any]] | None = None,
        route: str = "",
    ) -> None:
        if body is not None and not (isinstance(body, dict) and "upload" in body):
            body = {"json": body}
        self.requests.append(
            Request(
                phase="seed",
                caller=caller,
                method=method,
                path=path,
                route=route,
                query=query or [],
                body=body,
                register=register,
                credential=credential,
            )
        )


POST_ITEM = "/wp/v2/posts/(?P<id>[\\d]+)"


def seed_plan() -> list[Request]:
    plan = Plan()
    add = plan.add
    user = lambda name: Ref("user", name)  # noqa: E731
    term = lambda name: Ref("term", name)  # noqa: E731
    post = lambda name: Ref("post", name)  # noqa: E731
    comment = lambda name: Ref("comment", name)  # noqa: E731

    # -- the site and its admin -----------------------------------------------------------
    add(
        "administrator",
        "POST",
        "/wp/v2/settings",
        {
            "title": "Difftest Site",
            "description": "Two sites, one content",
            "posts_per_page": 10,
            "default_comment_status": "open",
            "default_ping_status": "closed",
            "use_smilies": True,
            "timezone": "UTC",
            "date_format": "F j, Y",
            "time_format": "g:i a",
            "start_of_week": 1,
        },
        route="/wp/v2/settings",
    )
    add(
        "administrator",
        "POST",
        "/wp/v2/users/me",
        {
            "url": "https://admin.example.org",
            "description": "Keeper of the <b>site</b>.",
            "first_name": "Ada",
            "last_name": "Admin",
            "meta": {"ref_team": "core"},
        },
        route="/wp/v2/users/me",
    )

    # -- users of every role, each with an application password ---------------------------
    people = [
        ("edith", "Edith Editor", ["editor"], "editor", "news"),
        ("arthur", "Arthur Author", ["author"], "author", ""),
        ("alba", "Alba Writer", ["author"], None, "features"),
        ("connie", "Connie Contributor", ["contributor"], "contributor", ""),
        ("sam", "Sam Subscriber", ["subscriber"], "subscriber", ""),
        ("sid", "Sid Reader", ["subscriber"], None, "readers"),
    ]
    for login, name, roles, caller, team in people:
        first, last = name.split(" ")
        fields: dict[str, Any] = {
            "username": login,
            "email": f"{login}@example.org",
            "password": f"{login}-pass-123",
            "name": name,
            "first_name": first,
            "last_name": last,
            "nickname": login.capitalize(),
            "url": f"https://{login}.example.org",
            "description": f"{first} writes 'here' -- sometimes.",
            "roles": roles,
            "locale": "en_US",
        }
        if team:
            fields["meta"] = {"ref_team": team}
        add("administrator", "POST", "/wp/v2/users", fields, register=("user", login))
        if caller:
            add(
                "administrator",
                "POST",
                "/wp/v2/users/{{user:" + login + "}}/application-passwords",
                {"name": "difftest", "app_id": "3f1d5c8e-5a8e-4f5e-9d38-6a1b2c3d4e5f"},
                register=("uuid", f"apppw.{login}"),
                credential=caller,
            )

    # -- terms ----------------------------------------------------------------------------
    categories = [
        ("news", {"name": "News", "description": "<b>Latest</b> news & views", "meta": {}}),
        ("tech", {"name": "Tech", "description": "All things tech"}),
        ("php", {"name": "PHP", "parent": term("cat.tech"), "slug": "php-lang"}),
        ("python", {"name": "Python", "parent": term("cat.tech")}),
        ("django", {"name": "Django", "parent": term("cat.python")}),
        ("empty", {"name": "Empty Category"}),
        ("unicode", {"name": "Ünïcode Cätegory", "description": "日本語 — “x”"}),
    ]
    colors = {"news": "red", "tech": "#0000ff", "django": "green"}
    for key, fields in categories:
        if key in colors:
            fields["meta"] = {"ref_color": colors[key]}
        add("administrator", "POST", "/wp/v2/categories", fields, register=("term", f"cat.{key}"))
    tags = ["alpha", "beta", "gamma", "delta", "Unused Tag", "Ünïcode tag", "c++ & <tags>"]
    tag_keys = ["alpha", "beta", "gamma", "delta", "unused", "unicode", "odd"]
    for key, name in zip(tag_keys, tags, strict=True):
        fields = {"name": name}
        if key == "alpha":
            fields["description"] = 'The first letter -- "A".'
        add("administrator", "POST", "/wp/v2/tags", fields, register=("term", f"tag.{key}"))

    # -- media ----------------------------------------------------------------------------
    media = [
        ("sunset", "sunset.png", "image/png", png(400, 300, (250, 120, 40)), "administrator"),
        ("icon", "icon.png", "image/png", png(64, 64, (20, 120, 220)), "administrator"),
        ("tiny", "tiny.png", "image/png", png(8, 8, (0, 0, 0)), "author"),
        ("notes", "notes.txt", "text/plain", b"Plain notes.\nSecond line.\n", "administrator"),
        ("sunset2", "sunset.png", "image/png", png(300, 200, (10, 200, 10)), "editor"),
    ]
    for key, filename, kind, data, caller in media:
        add(
            caller,
            "POST",
            "/wp/v2/media",
            upload(filename, kind, data, multipart=key == "icon"),
            register=("post", f"media.{key}"),
            route="/wp/v2/media",
        )
    add(
        "administrator",
        "POST",
        "/wp/v2/media/{{post:media.sunset}}",
        {
            "title": "Sunset <em>over</em> the sea",
            "alt_text": "An orange square",
            "caption": 'A "caption" -- with <b>HTML</b>',
            "description": "Longer description.\n\nTwo paragraphs.",
            "date": "2023-06-01T12:00:00",
        },
        route="/wp/v2/media/(?P<id>[\\d]+)",
    )

    # -- posts ----------------------------------------------------------------------------
    posts: list[tuple[str, str, dict[str, Any]]] = [
        (
            "hello",
            "administrator",
            {
                "title": "Hello <em>World</em> & “friends”",
                "content": AUTOP + "\n\n" + TEXTURIZE,
                "excerpt": "A hand-written excerpt -- with 'quotes'.",
                "status": "publish",
                "date": "2024-01-01T10:00:00",
                "author": user("arthur"),
                "categories": [term("cat.news"), term("cat.tech")],
                "tags": [term("tag.alpha"), term("tag.beta")],
                "sticky": True,
                "featured_media": post("media.sunset"),
                "meta": {
                    "ref_rating": 4,
                    "ref_subtitle": "The first one",
                    "ref_specs": {"width": 3, "color": "red"},
                    "ref_keywords": ["first", "hello"],
                },
            },
        ),
        (
            "blocks",
            "administrator",
            {
                "title": "Block markup",
                "content": BLOCKS,
                "status": "publish",
                "date": "2024-01-02T11:30:00",
                "author": user("edith"),
                "categories": [term("cat.php")],
                "tags": [term("tag.gamma")],
                "format": "aside",
            },
        ),
        (
            "shortcodes",
            "administrator",
            {
                "title": "Shortcodes and a gallery",
                "content": SHORTCODES,
                "status": "publish",
                "date": "2024-01-03T09:15:00",
                "categories": [term("cat.django")],
                "format": "gallery",
                "comment_status": "closed",
            },
        ),
        (
            "unicode",
            "administrator",
            {
                "title": "Ünïcödé “title” — 日本語 😀",
                "content": UNICODE + "\n\n" + SMILIES,
                "status": "publish",
                "date": "2024-01-04T08:00:00",
                "author": user("alba"),
                "tags": [term("tag.unicode"), term("tag.alpha")],
                "format": "quote",
                "slug": "unicode-post",
            },
        ),
        (
            "more",
            "administrator",
            {
                "title": "Read more",
                "content": MORE,
                "status": "publish",
                "date": "2024-01-05T18:45:00",
                "author": user("arthur"),
                "categories": [term("cat.python")],
                "sticky": True,
                "format": "link",
                "meta": {"ref_rating": 2},
            },
        ),
        (
            "protected",
            "administrator",
            {
                "title": "Password protected",
                "content": "Secret <strong>content</strong>.\n\nSecond paragraph.",
                "excerpt": "The protected excerpt.",
                "status": "publish",
                "password": "secret",
                "date": "2024-01-06T07:00:00",
                "author": user("edith"),
            },
        ),
        (
            "private",
            "administrator",
            {
                "title": "Private thoughts",
                "content": "Only for those who may read private posts.",
                "status": "private",
                "date": "2024-01-07T07:00:00",
                "author": user("arthur"),
                "categories": [term("cat.news")],
            },
        ),
        (
            "future",
            "administrator",
            {
                "title": "From the future",
                "content": "Scheduled.",
                "status": "future",
                "date": "2031-05-05T05:05:05",
                "author": user("alba"),
                "tags": [term("tag.delta")],
            },
        ),
        (
            "draft",
            "administrator",
            {
                "title": "A dated draft",
                "content": "Draft text.",
                "status": "draft",
                "date": "2023-12-30T12:00:00",
                "author": user("arthur"),
            },
        ),
        (
            "draft-floating",
            "administrator",
            {"title": "A draft without a date", "content": "Floating.", "status": "draft"},
        ),
        (
            "pending",
            "administrator",
            {
                "title": "Pending review",
                "content": "Awaiting an editor.",
                "status": "pending",
                "date": "2023-12-29T12:00:00",
                "author": user("connie"),
            },
        ),
        (
            "trashed",
            "administrator",
            {
                "title": "To be trashed",
                "content": "Gone soon.",
                "status": "publish",
                "date": "2023-12-28T12:00:00",
            },
        ),
        (
            "status-format",
            "administrator",
            {
                "title": "",
                "content": "A status update without a title.",
                "status": "publish",
                "date": "2023-12-27T12:00:00",
                "format": "status",
                "ping_status": "open",
                "meta": {"ref_keywords": ["status"]},
            },
        ),
        (
            "kses-admin",
            "administrator",
            {
                "title": "Unfiltered HTML by an admin",
                "content": KSES,
                "status": "publish",
                "date": "2023-12-26T12:00:00",
                "format": "chat",
            },
        ),
        (
            "by-author",
            "author",
            {
                "title": "Written by the author <script>x</script>",
                "content": KSES + "\n\n" + TEXTURIZE,
                "excerpt": "Author's <b>excerpt</b> <script>bad()</script>",
                "status": "publish",
                "date": "2023-12-25T12:00:00",
                "tags": [term("tag.beta"), term("tag.gamma")],
                "format": "video",
            },
        ),
        (
            "by-contributor",
            "contributor",
            {
                "title": "Contributor's draft",
                "content": KSES,
                "status": "pending",
                "date": "2023-12-24T12:00:00",
            },
        ),
        (
            "by-editor",
            "editor",
            {
                "title": "Editor's pick",
                "content": BLOCKS + "\n\n" + SMILIES,
                "status": "publish",
                "date": "2023-12-23T12:00:00",
                "categories": [term("cat.unicode")],
                "format": "audio",
                "comment_status": "open",
            },
        ),
    ]
    for index in range(6):
        posts.append(
            (
                f"plain{index}",
                "administrator",
                {
                    "title": f"Plain post number {index}",
                    "content": f"Body of plain post {index}.\n\nIt has two paragraphs.",
                    "status": "publish",
                    "date": f"2023-11-{10 + index:02d}T0{index}:00:00",
                    "author": user(["arthur", "alba", "edith"][index % 3]),
                    "categories": [term(["cat.news", "cat.tech", "cat.php"][index % 3])],
                    "tags": [term(["tag.alpha", "tag.beta", "tag.gamma"][index % 3])],
                    "format": ["standard", "image", "standard"][index % 3],
                },
            )
        )
    for key, caller, fields in posts:
        add(caller, "POST", "/wp/v2/posts", fields, register=("post", f"post.{key}"))
    add("administrator", "DELETE", "/wp/v2/posts/{{post:post.trashed}}", route=POST_ITEM)
    # revisions: two updates of one post, one of another
    add(
        "administrator",
        "POST",
        "/wp/v2/posts/{{post:post.blocks}}",
        {"title": "Block markup (revised)", "content": BLOCKS + "\n\n<p>Added later.</p>"},
        route=POST_ITEM,
    )
    add(
        "administrator",
        "PUT",
        "/wp/v2/posts/{{post:post.blocks}}",
        {"excerpt": "Second revision's excerpt", "meta": {"ref_subtitle": "revised"}},
        route=POST_ITEM,
    )
    add(
        "author",
        "POST",
        "/wp/v2/posts/{{post:post.by-author}}",
        {"content": TEXTURIZE + " (edited)"},
        route=POST_ITEM,
    )
    # media attached to a post: the gallery shortcode shows them
    add(
        "administrator",
        "POST",
        "/wp/v2/media",
        upload("gallery-one.png", "image/png", png(120, 90, (200, 10, 10))),
        query=[("post", post("post.shortcodes"))],
        register=("post", "media.gallery1"),
        route="/wp/v2/media",
    )
    add(
        "administrator",
        "POST",
        "/wp/v2/media/{{post:media.icon}}",
        {"post": post("post.shortcodes"), "date": "2023-06-02T12:00:00"},
        route="/wp/v2/media/(?P<id>[\\d]+)",
    )
    add(
        "administrator",
        "POST",
        "/wp/v2/posts/{{post:post.more}}",
        {"featured_media": post("media.icon")},
        route=POST_ITEM,
    )

    # -- pages ----------------------------------------------------------------------------
    pages = [
        ("about", {"title": "About", "content": AUTOP, "menu_order": 1}),
        ("team", {"title": "Team", "parent": post("page.about"), "content": "The team."}),
        ("founders", {"title": "Founders", "parent": post("page.team"), "content": MORE}),
        ("history", {"title": "History", "parent": post("page.about"), "menu_order": 2}),
        ("contact", {"title": "Contact", "menu_order": 3, "comment_status": "closed"}),
        ("draft", {"title": "Draft page", "status": "draft"}),
        ("private", {"title": "Private page", "status": "private"}),
        ("protected", {"title": "Protected page", "password": "letmein", "content": "Hidden."}),
        ("future", {"title": "Future page", "status": "future", "date": "2032-01-01T00:00:00"}),
    ]
    for index, (key, fields) in enumerate(pages):
        fields.setdefault("status", "publish")
        fields.setdefault("date", f"2023-10-{index + 1:02d}T10:00:00")
        fields.setdefault("content", f"Content of {fields['title']}.")
        if key in ("about", "team"):
            fields["meta"] = {"ref_keywords": ["page", key]}
        if key == "history":
            fields["author"] = user("edith")
        add("administrator", "POST", "/wp/v2/pages", fields, register=("post", f"page.{key}"))
    add(
        "editor",
        "POST",
        "/wp/v2/pages",
        {
            "title": "Editor's page",
            "content": KSES,
            "status": "publish",
            "date": "2023-09-01T00:00:00",
        },
        register=("post", "page.by-editor"),
    )
    add(
        "administrator",
        "POST",
        "/wp/v2/pages/{{post:page.about}}",
        {"content": AUTOP + "\n\nUpdated about text."},
        route="/wp/v2/pages/(?P<id>[\\d]+)",
    )
    add(
        "administrator",
        "POST",
        "/wp/v2/blocks",
        {
            "title": "Reusable call to action",
            "content": "<!-- wp:paragraph -->\n<p>Subscribe now!</p>\n<!-- /wp:paragraph -->",
            "status": "publish",
            "date": "2023-08-01T00:00:00",
        },
        register=("post", "block.cta"),
    )

    # -- comments -------------------------------------------------------------------------
    anon = {"author_name": "Anne Onymous", "author_email": "anne@example.org"}
    comments: list[tuple[str, str, dict[str, Any]]] = [
        (
            "anon",
            "administrator",
            {
                **anon,
                "author_url": "https://anne.example.org",
                "post": post("post.hello"),
                "content": 'First! -- "great" post :)',
                "date": "2024-02-01T10:00:00",
                "meta": {"ref_flag": True},
            },
        ),
        (
            "by-sub",
            "subscriber",
            {
                "post": post("post.hello"),
                # no date: wpapi lets only moderators date a comment (deliberate.toml)
                "content": "A subscriber's <b>comment</b> <script>x</script>",
            },
        ),
        (
            "reply",
            "editor",
            {
                "post": post("post.hello"),
                "parent": comment("comment.anon"),
                "content": "A reply from the editor.",
                "date": "2024-02-01T12:00:00",
            },
        ),
        (
            "deep",
            "administrator",
            {
                "post": post("post.hello"),
                "parent": comment("comment.reply"),
                "content": "Depth three.\n\nTwo paragraphs.",
                "date": "2024-02-01T13:00:00",
                "author": user("alba"),
            },
        ),
        (
            "held",
            "administrator",
            {
                **anon,
                "post": post("post.hello"),
                "content": "Held for moderation.",
                "status": "hold",
                "date": "2024-02-01T14:00:00",
            },
        ),
        (
            "spam",
            "administrator",
            {
                "author_name": "Spammer",
                "author_email": "spam@example.org",
                "author_url": "https://spam.example.org",
                "post": post("post.hello"),
                "content": 'Buy <a href="https://spam.example.org">things</a>',
                "status": "spam",
                "date": "2024-02-01T15:00:00",
            },
        ),
        (
            "trash",
            "administrator",
            {
                **anon,
                "post": post("post.hello"),
                "content": "Trashed comment.",
                "status": "trash",
                "date": "2024-02-01T16:00:00",
            },
        ),
        (
            "on-blocks",
            "author",
            {
                "post": post("post.blocks"),
                "content": "The author comments on a post.",
            },
        ),
        (
            "on-page",
            "administrator",
            {
                **anon,
                "post": post("page.about"),
                "content": "A comment on a page.",
                "date": "2024-02-03T10:00:00",
            },
        ),
        (
            "on-private",
            "administrator",
            {
                "post": post("post.private"),
                "content": "A comment on a private post.",
                "date": "2024-02-04T10:00:00",
            },
        ),
        (
            "on-protected",
            "administrator",
            {
                **anon,
                "post": post("post.protected"),
                "content": "A comment on a protected post.",
                "date": "2024-02-05T10:00:00",
            },
        ),
    ]
    for key, caller, fields in comments:
        add(caller, "POST", "/wp/v2/comments", fields, register=("comment", f"comment.{key}"))
    add(
        "administrator",
        "DELETE",
        "/wp/v2/comments/{{comment:comment.on-blocks}}",
        route="/wp/v2/comments/(?P<id>[\\d]+)",
    )
    add(
        "administrator",
        "POST",
        "/wp/v2/comments/{{comment:comment.by-sub}}",
        {"status": "approved"},
        route="/wp/v2/comments/(?P<id>[\\d]+)",
    )
    return plan.requests


def register_revisions(side: Side) -> None:
    """Name the revisions the seed's updates made: by parent, oldest first."""
    for key in ("post.blocks", "post.by-author", "page.about"):
        parent = side.ids.get("post", key)
        if parent is None:
            continue
        base = "pages" if key.startswith("page.") else "posts"
        answer = side.call("administrator", "GET", f"/wp-json/wp/v2/{base}/{parent}/revisions")
        if isinstance(answer.data, list):
            ids = sorted(item["id"] for item in answer.data if isinstance(item, dict))
            for index, value in enumerate(ids):
                side.ids.add("post", f"rev.{key}.{index}", value)


def prepare_credentials(side: Side, admin_password: str) -> None:
    side.credentials["administrator"] = ("admin", admin_password)
    for role, login in ROLE_USERS.items():
        side.credentials[role] = (login, "")
