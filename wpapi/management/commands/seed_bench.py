"""`manage.py seed_bench --posts N`: a real-sized site for the benchmark (scripts/bench.py).

Reproduces the reference WordPress's seed (/work/shared/wordpress/seed.php) at any size, in its
order, so that a fresh database gets the reference's IDs, slugs, dates, titles and texts:
WordPress's install content, the five users, the categories tree and tags, N posts dated
hourly from 2024-01-01 10:00 UTC (rotating authors, categories and tags, formats, excerpts,
`<!--more-->` teasers, block markup, registered meta, a comment on every third post), post #1
sticky, post #2 edited twice, the special posts (draft, pending, private, password, future,
unicode, trashed), the pages tree, the reusable block, media with featured images and the
comment thread of post #3. The N posts are written with bulk_create, one transaction per batch,
so a million posts load in minutes. Stored counts are recomputed once at the end
(refresh_derived_data()).

`--source copy` instead copies a running WordPress through the REST API with copy-wp.py: same
content, different IDs (slower: one request per object).
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from wpapi import cache

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
#: categories of post i by i % 4, as seed.php's $cat_sets ([] = the default category)
CATEGORY_SETS = [[], ["news"], ["tech", "php"], ["python"]]
TAGS = ["alpha", "beta", "gamma", "delta", "epsilon"]
COPY_SCRIPT = "/work/shared/tools/copy-wp.py"


def refresh_derived_data() -> None:
    """Store again every count the models keep (term counts, comment counts), after rows were
    written around the services: `manage.py recount`, which writes only the wrong rows."""
    from django.core.management import call_command

    call_command("recount", stdout=io.StringIO())


def tidy_database() -> None:
    """VACUUM ANALYZE on PostgreSQL: statistics for the planner and no dead rows, so that a
    freshly loaded site is measured as one that has lived a while (with autovacuum off, as it
    may be on a test machine, nothing else would do it)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def site_admin() -> Any:
    """The administrator the demo users' seed makes (WPAPI_ADMIN_USER, default admin)."""
    from users.models import User

    login = os.environ.get("WPAPI_ADMIN_USER", "admin")
    return User.objects.filter(username=login).first() or (
        User.objects.filter(role="administrator").order_by("id").first()
    )


def para(text: str) -> str:
    return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"


def ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def post_content(i: int, first: str, second: str) -> str:
    """seed.php's content of post i: two paragraphs, a heading and list on every fifth post,
    a teaser and <!--more--> on every seventh."""
    content = para(ucfirst(first) + ".") + "\n\n" + para(ucfirst(second) + ".")
    if i % 5 == 0:
        content += (
            f'\n\n<!-- wp:heading -->\n<h2 class="wp-block-heading">Section {i}</h2>\n'
            "<!-- /wp:heading -->\n\n<!-- wp:list -->\n<ul><li>one</li><li>two</li>"
            "<li>three</li></ul>\n<!-- /wp:list -->"
        )
    if i % 7 == 0:
        content = (
            para(f"Teaser for post {i}.")
            + "\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n"
            + content
        )
    return content


def post_meta(i: int) -> list[tuple[str, str]]:
    """seed.php's meta of post i, stored as wpapi stores values (objects as JSON)."""
    meta = [("ref_rating", str(i % 6)), ("_ref_internal", f"internal-{i}")]
    meta.append(("ref_hidden", f"hidden-{i}"))
    if i % 2:
        meta.append(("ref_subtitle", f"Subtitle for post {i}"))
    if i % 5 == 0:
        specs = {"width": i * 10, "color": "red" if i % 10 else "blue"}
        meta.append(("ref_specs", json.dumps(specs)))
    if i % 4 == 0:
        meta += [("ref_keywords", f"kw-{i}-a"), ("ref_keywords", f"kw-{i}-b")]
    return meta


def post_terms(i: int) -> tuple[list[str], list[str]]:
    """Category and tag slugs of post i: a rotating category set, tags by the bits of i."""
    return CATEGORY_SETS[i % 4], [tag for bit, tag in enumerate(TAGS) if i & (1 << bit)]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A striped image with a white ellipse, as seed.php draws them."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 20):
        colour = ((rgb[0] + y) % 256, rgb[1], (rgb[2] + y // 2) % 256)
        draw.rectangle([0, y, width - 1, min(height - 1, y + 19)], fill=colour)
    draw.ellipse([width // 3, height // 3, width * 2 // 3, height * 2 // 3], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class Seeder:
    """Writes the reference site in seed.php's order; `words` is its mt_rand word stream."""

    def __init__(self, posts: int, batch: int, out: Any) -> None:
        from content.demo import PhpWords

        self.n, self.batch, self.out = posts, batch, out
        self.words = PhpWords(20240101)
        self.started = time.monotonic()

    def log(self, message: str) -> None:
        self.out.write(f"[seed_bench {time.monotonic() - self.started:7.1f}s] {message}\n")
        self.out.flush()

    def run(self) -> None:
        from taxonomy.models import Term
        from users.models import User

        self.base()
        self.users = {user.username: user for user in User.objects.all()}
        self.admin = site_admin()
        self.terms = {(t.taxonomy, t.slug): t for t in Term.objects.all()}
        self.log("users, terms and install content")
        self.bulk_posts()
        self.special_posts()
        self.log("special posts, pages, media, comment thread")
        with transaction.atomic():
            refresh_derived_data()
        tidy_database()
        self.log("derived data refreshed, database vacuumed and analysed")

    # ---------------------------------------------------------------- before the posts
    def base(self) -> None:
        """Users, terms and WordPress's install content (post 1, pages 2 and 3, comment 1)."""
        from comments.models import Comment
        from content.demo import SAMPLE_PAGE
        from taxonomy import demo as taxonomy_demo
        from users import demo as users_demo

        with transaction.atomic():
            users_demo.seed()
            taxonomy_demo.seed()
            admin = site_admin()
            day_before = T0 - timedelta(days=1)
            install = {"author": admin, "date": day_before, "modified": day_before}
            hello = self._create(
                type="post",
                status="publish",
                title="Hello world!",
                slug="hello-world",
                content=para(
                    "Welcome to WordPress. This is your first post. Edit or delete it, then "
                    "start writing!"
                ),
                comment_status="open",
                ping_status="open",
                guid="/?p={id}",
                categories=["uncategorized"],
                **install,
            )
            self._create(
                type="page",
                status="publish",
                title="Sample Page",
                slug="sample-page",
                content=SAMPLE_PAGE,
                comment_status="closed",
                ping_status="open",
                guid="/?page_id={id}",
                **install,
            )
            self._create(
                type="page",
                status="draft",
                title="Privacy Policy",
                slug="privacy-policy",
                content=para("Our website address is the one you are reading."),
                comment_status="closed",
                ping_status="open",
                date_gmt_set=False,
                guid="/?page_id={id}",
                **install,
            )
            Comment.objects.create(
                post=hello,
                author_name="A WordPress Commenter",
                author_email="wapuu@wordpress.example",
                author_url="https://wordpress.org/",
                date=day_before,
                content=(
                    "Hi, this is a comment.\nTo get started with moderating, editing, and "
                    "deleting comments, please visit the Comments screen in the dashboard.\n"
                    'Commenter avatars come from <a href="https://en.gravatar.com/">Gravatar</a>.'
                ),
                status=Comment.Status.APPROVED,
            )

    def _create(self, *, categories: list[str] | None = None, tags: list[str] = (), **fields):
        """One post as wp_insert_post() leaves it; `guid` may name `{id}` (plain permalinks)."""
        from content.models import Post
        from taxonomy.models import Term, TermRelationship

        guid = fields.pop("guid", None)
        fields.setdefault("modified", fields.get("date"))
        post = Post.objects.create(**fields)
        if guid is None:
            from content.services import initial_guid

            guid = initial_guid(post)
        post.guid = guid.format(id=post.pk)
        post.save(update_fields=["guid"])
        if post.type == "post" and not categories:
            categories = ["uncategorized"]
        slugs = [("category", slug) for slug in categories or []]
        slugs += [("post_tag", slug) for slug in tags]
        terms = [Term.objects.get(taxonomy=taxonomy, slug=slug) for taxonomy, slug in slugs]
        TermRelationship.objects.bulk_create(
            [TermRelationship(post=post, term=term) for term in terms]
        )
        return post

    # ---------------------------------------------------------------- the N posts, in bulk
    def bulk_posts(self) -> None:
        done = 0
        self.post_ids: dict[int, int] = {}
        while done < self.n:
            numbers = range(done + 1, min(done + self.batch, self.n) + 1)
            with transaction.atomic():
                self._write_batch(numbers)
            done = numbers[-1]
            if done % max(self.batch, 50_000) < self.batch or done == self.n:
                rate = done / (time.monotonic() - self.started)
                self.log(f"posts: {done}/{self.n} ({rate:.0f} posts/s)")

    def _write_batch(self, numbers: range) -> None:
        from comments.models import Comment
        from content.models import Post, PostMeta
        from taxonomy.models import TermRelationship

        authors = [self.admin, self.users["alice"], self.users["bob"], self.admin]
        posts, comment_words = [], {}
        for i in numbers:
            when = T0 + timedelta(hours=i)
            content = post_content(i, self.words(30), self.words(40))
            posts.append(
                Post(
                    type="post",
                    status="publish",
                    author=authors[i % 4],
                    title=f"Reference post {i}: {ucfirst(self.words(4))}",
                    slug=f"reference-post-{i}",
                    guid=f"/reference-post-{i}/",
                    content=content,
                    excerpt=f"Hand-written excerpt for post {i}." if i % 3 == 0 else "",
                    date=when,
                    modified=when,
                    comment_status="open",
                    ping_status="closed",
                    format={3: "aside", 6: "quote"}.get(i % 10, "standard"),
                    sticky=i == 1,
                    comment_count=1 if i % 3 == 0 and i > 3 else 0,
                )
            )
            if i % 3 == 0 and i > 3:
                comment_words[i] = self.words(12)
        Post.objects.bulk_create(posts)
        relationships, meta, comments = [], [], []
        for i, post in zip(numbers, posts, strict=True):
            self.post_ids[i] = post.pk
            categories, tags = post_terms(i)
            slugs = [("category", slug) for slug in categories or ["uncategorized"]]
            slugs += [("post_tag", slug) for slug in tags]
            relationships += [
                TermRelationship(post_id=post.pk, term_id=self.terms[slug].pk) for slug in slugs
            ]
            meta += [PostMeta(post_id=post.pk, key=key, value=value) for key, value in post_meta(i)]
            if i in comment_words:
                k = i % 7
                comments.append(
                    Comment(
                        post_id=post.pk,
                        author_name=f"Reader {k}",
                        author_email=f"reader{k}@example.com",
                        author_ip="127.0.0.1",
                        author_user_agent="ref-seed",
                        content=f"Comment on post {i}: {comment_words[i]}.",
                        date=post.date + timedelta(minutes=30),
                        status=Comment.Status.APPROVED,
                        type="comment",
                    )
                )
        TermRelationship.objects.bulk_create(relationships, batch_size=5000)
        PostMeta.objects.bulk_create(meta, batch_size=5000)
        Comment.objects.bulk_create(comments, batch_size=5000)

    # ---------------------------------------------------------------- after the posts
    def special_posts(self) -> None:
        with transaction.atomic():
            self._edits_and_extras()
            pages = self._pages()
            self._media(pages["about"])
            self._thread()

    def _post(self, i: int) -> Any:
        from content.models import Post

        return Post.objects.get(pk=self.post_ids[i])

    def _edits_and_extras(self) -> None:
        from content.models import Post
        from content.services import post_trash, save_revision

        users, admin = self.users, self.admin
        edited = self._post(2)
        steps = [
            (edited.title + " (edited once)", "Second version of the content.", ""),
            (
                "Reference post 2: edited twice",
                "Third and final version of the content.",
                "Excerpt added in the second edit.",
            ),
        ]
        for days, (title, text, excerpt) in enumerate(steps, start=10):
            edited.title, edited.content, edited.excerpt = title, para(text), excerpt
            edited.modified = T0 + timedelta(days=days)
            edited.save()
            save_revision(edited, admin.pk)
        tx = T0 + timedelta(hours=self.n + 24)

        def extra(**fields) -> Post:
            default = para(ucfirst(self.words(25)) + ".")  # drawn even when replaced
            fields.setdefault("content", default)
            fields.setdefault("author", admin)
            return self._create(type="post", comment_status="open", ping_status="closed", **fields)

        at = {n: tx + timedelta(seconds=n) for n in range(1, 8)}
        draft = {"date_gmt_set": False, "slug": ""}
        extra(
            status="draft", author=users["alice"], title="Draft post by Alice", date=at[1], **draft
        )
        extra(
            status="pending",
            author=users["carol"],
            title="Pending post by Carol",
            date=at[2],
            **draft,
        )
        extra(
            status="private",
            author=users["bob"],
            title="Private post by Bob",
            slug="private-post-by-bob",
            date=at[3],
            categories=["news"],
        )
        extra(
            status="publish",
            title="Password protected post",
            slug="password-protected-post",
            password="secret",
            excerpt="Protected excerpt.",
            date=at[4],
            categories=["news"],
        )
        future = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
        extra(status="future", title="Scheduled post", slug="scheduled-post", date=future)
        extra(
            status="publish",
            title='Ünïcödé & "quotes" <em>markup</em> — ✓ 日本語',
            slug="unicode-title",
            content=para(
                'Content with &amp; entities, <strong>bold</strong>, <a href="https://'
                'example.com/?a=1&amp;b=2">a link</a> and emoji 🎉.'
            )
            + '\n\n<!-- wp:code -->\n<pre class="wp-block-code"><code>&lt;?php echo "x"; ?&gt;'
            "</code></pre>\n<!-- /wp:code -->",
            date=at[5],
            categories=["php"],
            tags=["alpha"],
        )
        trashed = extra(status="publish", title="Trashed post", slug="trashed-post", date=at[6])
        post_trash(post=trashed, actor_id=admin.pk)
        Post.objects.filter(pk=trashed.pk).update(modified=at[7])
        Post.objects.filter(parent=trashed, type=Post.Type.REVISION).update(
            date=at[7], modified=at[7]
        )

    def _pages(self) -> dict[str, Any]:
        pages: dict[str, Any] = {}
        tree = [
            ("About", "about", None, 1, 100),
            ("Team", "team", "about", 1, 200),
            ("Founders", "founders", "team", 1, 300),
            ("History", "history", "about", 2, 400),
            ("Contact", "contact", None, 3, 500),
        ]
        for title, slug, parent, order, seconds in tree:
            pages[slug] = self._create(
                type="page",
                status="publish",
                author=self.admin,
                title=title,
                slug=slug,
                parent=pages.get(parent),
                menu_order=order,
                content=para(f"This is the {title} page. {ucfirst(self.words(20))}."),
                date=T0 + timedelta(seconds=seconds),
                comment_status="closed",
                ping_status="closed",
            )
        self._create(
            type="page",
            status="draft",
            author=self.users["bob"],
            title="Draft page",
            content=para("Unpublished page."),
            date=T0 + timedelta(seconds=550),
            date_gmt_set=False,
            comment_status="closed",
            ping_status="closed",
        )
        self._create(
            type="wp_block",
            status="publish",
            author=self.admin,
            title="Reference call to action",
            slug="reference-call-to-action",
            content=para("<strong>Subscribe</strong> to the reference newsletter."),
            date=T0 + timedelta(seconds=600),
            comment_status="closed",
            ping_status="closed",
        )
        return pages

    def _media(self, about: Any) -> None:
        """Two generated PNGs and a text file; featured on posts 3, 4, 5 and About."""
        from content.media.services import media_create
        from content.models import Post

        def upload(filename: str, data: bytes, seconds: int, **params) -> Post:
            post = media_create(
                data=data, filename=filename, site_url="", actor_id=self.admin.pk, **params
            )
            when = T0 + timedelta(seconds=seconds)
            Post.objects.filter(pk=post.pk).update(
                date=when, modified=when, comment_status="closed"
            )
            return post

        landscape = upload(
            "ref-landscape.png",
            png(800, 600, (40, 120, 200)),
            700,
            post=self.post_ids[4],
            title="Reference landscape",
            caption="A generated 800x600 image.",
            description="Generated by seed.php with GD.",
            alt_text="Blue stripes with a white ellipse",
        )
        square = upload(
            "ref-square.png", png(200, 200, (200, 60, 40)), 800, title="Reference square"
        )
        upload(
            "ref-notes.txt",
            b"Reference notes\nline 2\n",
            900,
            post=self.post_ids[5],
            title="Reference notes",
            description="A plain text attachment.",
        )
        Post.objects.filter(pk__in=[self.post_ids[4], self.post_ids[3]]).update(
            featured_media=landscape
        )
        Post.objects.filter(pk__in=[self.post_ids[5], about.pk]).update(featured_media=square)

    def _thread(self) -> None:
        """seed.php's thread on post #3: replies to depth 3, held, spam, trash, a pingback."""
        from comments.models import Comment, CommentMeta

        post = self._post(3)
        start = T0 + timedelta(hours=3)
        alice, admin = self.users["alice"], self.admin
        visitor = ("Visitor One", "visitor1@example.com")
        rows = [
            # key, parent, (name, email), url, user, status, type, text
            ("top", None, visitor, "https://visitor1.example.com", None, "1", "comment",
             "Top-level comment by an anonymous visitor."),
            ("reply", "top", ("Alice Author", "alice@example.com"), "", alice, "1", "comment",
             "Reply by a registered user (Alice)."),
            ("reply2", "reply", visitor, "", None, "1", "comment", "Nested reply, depth 3."),
            ("second_top", None, ("admin", "admin@example.com"), "", admin, "1", "comment",
             "Second top-level comment, by the admin."),
            ("unapproved", None, ("Visitor Two", "visitor2@example.com"), "", None, "0",
             "comment", "Held for moderation."),
            ("spam", None, ("Spammer", "spam@example.com"), "", None, "spam", "comment",
             "Buy cheap things."),
            ("trash", None, ("Visitor Three", "visitor3@example.com"), "", None, "trash",
             "comment", "Trashed comment."),
            ("pingback", None, ("Some Blog", ""), "https://blog.example.com/post", None, "1",
             "pingback", "[&#8230;] pingback excerpt [&#8230;]"),
        ]  # fmt: skip
        made: dict[str, Comment] = {}
        for step, (key, parent, (name, email), url, user, status, kind, text) in enumerate(
            rows, start=1
        ):
            made[key] = Comment.objects.create(
                post=post,
                parent=made.get(parent),
                user=user,
                author_name=name,
                author_email=email,
                author_url=url,
                author_ip="127.0.0.1",
                author_user_agent="ref-seed",
                date=start + timedelta(seconds=600 * step),
                content=text,
                status=status,
                type=kind,
            )
        CommentMeta.objects.bulk_create(
            [
                CommentMeta(comment=made["top"], key="ref_flag", value="1"),
                CommentMeta(comment=made["reply"], key="ref_flag", value=""),
            ]
        )


class Command(BaseCommand):
    help = "Load a real-sized copy of the reference WordPress site (for scripts/bench.py)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--posts", type=int, default=10_000, help="published posts (N)")
        parser.add_argument("--batch", type=int, default=2000, help="posts per transaction")
        parser.add_argument(
            "--source",
            choices=["generate", "copy"],
            default="generate",
            help="generate seed.php's content here, or copy a running WordPress over REST",
        )
        parser.add_argument(
            "--from-url", default="http://127.0.0.1:8082", help="with --source copy"
        )
        parser.add_argument("--from-user", default="admin", help="with --source copy")
        parser.add_argument(
            "--from-password",
            default=os.environ.get("WP_APP_PASSWORD", ""),
            help="application password of --from-user (default: $WP_APP_PASSWORD)",
        )
        parser.add_argument(
            "--copy-port", type=int, default=8209, help="port of the temporary wpapi server"
        )
        parser.add_argument("--copy-script", default=os.environ.get("WPAPI_COPY_WP", COPY_SCRIPT))

    def handle(self, *args, **options) -> None:
        from content.models import Post

        if Post.objects.exists():
            raise CommandError("The database already holds content; seed a fresh one.")
        started = time.monotonic()
        if options["source"] == "copy":
            self.copy(options)
        else:
            if options["posts"] < 5:
                raise CommandError("--posts must be at least 5, as in seed.php.")
            Seeder(options["posts"], options["batch"], self.stdout).run()
        cache.bump()  # bulk inserts send no signal: retire what any process kept
        self.stdout.write(
            self.style.SUCCESS(f"Bench content loaded in {time.monotonic() - started:.1f}s.")
        )

    def copy(self, options: dict[str, Any]) -> None:
        """Serve this database for a moment and let copy-wp.py write the source site into it."""
        from users import demo as users_demo
        from users.models import ApplicationPassword

        if not options["from_password"]:
            raise CommandError("--source copy needs --from-password (or WP_APP_PASSWORD).")
        with transaction.atomic():
            users_demo.seed()
            admin = site_admin()
            plain = ApplicationPassword.generate()
            key = ApplicationPassword(user=admin, name="seed_bench copy")
            key.set_password(plain)
            key.save()
        port = options["copy_port"]
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DEBUG": "0", "WP_RESPONSE_CACHE_SECONDS": "0"}
        env.setdefault("SECRET_KEY", "seed-bench-" + os.urandom(8).hex())
        env.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="wpapi-static-"))
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "wpapi.wsgi", "-k", "gthread", "-w", "2",
             "--threads", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=settings.BASE_DIR,
            env=env,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/wp-json/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            command = [sys.executable, options["copy_script"], options["from_url"]]
            command += [options["from_user"], options["from_password"], base, admin.username]
            subprocess.run([*command, plain], check=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
            ApplicationPassword.objects.filter(pk=key.pk).delete()
        with transaction.atomic():
            refresh_derived_data()
        tidy_database()
