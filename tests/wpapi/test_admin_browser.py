"""The admin in a real browser: an editor logs in, uploads an image, writes and publishes a post
with a category and the image as featured image, and the post then reads through
/wp-json/wp/v2/posts?_embed exactly as entered.

Drives the system's Chromium (Debian's `chromium` package, which .ci/run installs) with
Playwright for Python; nothing is downloaded at test time. Without a browser the test skips
with the reason, unless WPAPI_REQUIRE_BROWSER=1 (set by .ci/run), when it fails. A screenshot of
each screen goes to $ARTIFACTS_DIR (default var/artifacts/admin-browser/).
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from taxonomy.models import Term
from tests.factories import UserFactory

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TITLE = "Crossing the Alps by train"
CONTENT = (
    "<!-- wp:paragraph -->\n"
    '<p>Six hours from Zurich to Milan, <a href="https://example.com/">with one change</a>.</p>\n'
    "<!-- /wp:paragraph -->\n\n"
    "<!-- wp:html -->\n"
    '<div class="route" data-km="314">Zurich &rarr; Milan</div>\n'
    "<!-- /wp:html -->"
)
ALT = "A red square on white"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def no_browser(reason: str) -> None:
    if os.environ.get("WPAPI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the browser test must run here: {reason}")
    pytest.skip(reason)


def artifacts_dir() -> Path:
    base = os.environ.get("ARTIFACTS_DIR")
    folder = (
        Path(base) / "admin-browser"
        if base
        else django_settings.BASE_DIR / "var" / "artifacts" / "admin-browser"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png(width: int = 640, height: int = 400) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (255, 255, 255))
    ImageDraw.Draw(image).rectangle([160, 80, 480, 320], fill=(200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def browser_page(tmp_path):
    """A fresh headless Chromium page (own user data dir), closed after the test."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("Playwright for Python is not installed (pip install playwright)")
    executable = chromium_path()
    if executable is None:
        no_browser("no Chromium: install Debian's package (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs a loop here
    with sync_playwright() as playwright:
        try:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"),
                executable_path=executable,
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": 1280, "height": 900},
                timeout=30_000,
            )
        except Exception as error:  # noqa: BLE001 - any launch failure is a reason to skip
            no_browser(f"Chromium at {executable} did not start: {error}")
        context.set_default_timeout(15_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()


@pytest.mark.django_db(transaction=True)
def test_editor_publishes_a_post_with_an_image_in_the_browser(
    live_server, browser_page, settings, tmp_path
):
    from django.db import connections

    settings.MEDIA_ROOT = tmp_path / "uploads"
    try:
        editor_session(live_server.url, browser_page, tmp_path)
    finally:
        # Playwright runs this test in its own context, where Django opened a database
        # connection of its own: closed here, or it would outlive the test database
        connections.close_all()


def editor_session(base: str, page, tmp_path: Path) -> None:
    shots = artifacts_dir()
    editor = UserFactory(username="eddie", role="editor", display_name="Eddie Editor")
    editor.set_password("eddie-pass-123")
    editor.save()
    from taxonomy.services import term_create
    from wpapi.registry import get_taxonomy

    travel = term_create(taxonomy=get_taxonomy("category"), name="Travel")
    image_file = tmp_path / "red-square.png"
    image_file.write_bytes(png())

    def shot(name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    # WordPress's login page, then the admin (the dashboard of an editor)
    page.goto(f"{base}/wp-login.php")
    shot("01-login")
    page.fill("input[name=log]", "eddie")
    page.fill("input[name=pwd]", "eddie-pass-123")
    page.click("[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    assert page.locator("#site-name").inner_text()
    shot("02-dashboard")

    # the media library: upload (wp-admin's address leads there), then describe the image
    page.goto(f"{base}/wp-admin/media-new.php")
    page.wait_for_url(re.compile(r"/admin/wp/attachment/add/$"))
    page.set_input_files("input[type=file]", str(image_file))
    shot("03-media-upload")
    page.click("input[name=_upload]")
    page.wait_for_url(re.compile(r"/admin/wp/attachment/\d+/change/$"))
    image_id = int(re.search(r"/attachment/(\d+)/change/", page.url).group(1))
    page.fill("input[name=alt_text]", ALT)
    page.fill("textarea[name=caption]", "The route, in red.")
    shot("04-media-edit")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/wp/attachment/$"))
    assert page.locator("img.wp-thumb").count() == 1
    shot("05-media-library")

    # a new post: title, block markup, the category, the image from the library, published
    page.goto(f"{base}/wp-admin/post-new.php")
    page.wait_for_url(re.compile(r"/admin/wp/post/add/$"))
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=content]", CONTENT)
    page.check(f"input[name=categories][value='{travel.pk}']")
    page.fill("input[name=tags]", "trains, alps")
    with page.expect_popup() as popup_info:
        page.click("#lookup_id_featured_media")
    popup = popup_info.value
    popup.wait_for_load_state()
    popup.screenshot(path=str(shots / "06-media-picker.png"), full_page=True)
    popup.click(f"a[data-popup-opener='{image_id}'] >> nth=0")
    page.wait_for_function(
        "id => document.querySelector('#id_featured_media').value === id", arg=str(image_id)
    )
    page.locator("img.wp-media-preview").wait_for(state="visible")
    page.select_option("select[name=status]", "publish")
    shot("07-post-edit")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/wp/post/$"))
    assert page.locator("#result_list").get_by_text(TITLE).count() == 1
    shot("08-posts")

    # what the API serves: the same post, as a visitor reads it and as its editor does
    response = page.request.get(f"{base}/wp-json/wp/v2/posts?_embed")
    assert response.status == 200
    posts = response.json()
    assert [post["title"]["rendered"] for post in posts] == [TITLE]
    post = posts[0]
    assert post["status"] == "publish"
    assert post["slug"] == "crossing-the-alps-by-train"
    assert post["categories"] == [travel.pk]
    assert post["featured_media"] == image_id
    assert post["author"] == editor.pk
    assert 'data-km="314"' in post["content"]["rendered"]
    embedded = post["_embedded"]
    assert embedded["author"][0]["name"] == "Eddie Editor"
    media = embedded["wp:featuredmedia"][0]
    assert (media["id"], media["alt_text"]) == (image_id, ALT)
    assert media["media_details"]["sizes"]["thumbnail"]["width"] == 150
    terms = {term["taxonomy"]: term["name"] for group in embedded["wp:term"] for term in group}
    assert terms["category"] == "Travel"
    tags = sorted(
        term["name"]
        for group in embedded["wp:term"]
        for term in group
        if term["taxonomy"] == "post_tag"
    )
    assert tags == ["alps", "trains"]
    nonce = page.request.get(f"{base}/wp-admin/admin-ajax.php?action=rest-nonce").text()
    raw = page.request.get(
        f"{base}/wp-json/wp/v2/posts/{post['id']}?context=edit", headers={"X-WP-Nonce": nonce}
    ).json()
    assert raw["title"]["raw"] == TITLE
    assert raw["content"]["raw"] == CONTENT  # byte for byte, block comments included
    assert Term.objects.get(pk=travel.pk).count == 1

    # the other screens an editor works in, for the artifacts: edit (a revision), revisions,
    # preview, categories, comments, their profile
    page.goto(f"{base}/wp-admin/post.php?post={post['id']}&action=edit")
    page.wait_for_url(re.compile(rf"/admin/wp/post/{post['id']}/change/$"))
    page.fill("input[name=title]", f"{TITLE}, revised")
    shot("09-post-change")
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(rf"/admin/wp/post/{post['id']}/change/$"))
    page.click("text=Revisions (1)")
    assert page.locator("table.diff").count() >= 1
    shot("10-revisions")
    page.goto(f"{base}/admin/wp/post/{post['id']}/preview/")
    assert "Zurich" in page.locator("article").inner_text()
    shot("11-preview")
    for name, path in (
        ("12-categories", "/wp-admin/edit-tags.php?taxonomy=category"),
        ("13-comments", "/wp-admin/edit-comments.php"),
        ("14-profile", "/wp-admin/profile.php"),
    ):
        page.goto(f"{base}{path}")
        assert page.locator("#content").count() == 1
        shot(name)
