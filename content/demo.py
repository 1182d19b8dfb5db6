"""Demo posts and pages modelled on the reference WordPress site, created in its order so IDs
line up: "Hello world!", Sample Page and the Privacy Policy draft, 30
published posts over the demo categories and tags (one sticky, formats, hand-written excerpts,
a <!--more--> teaser, one edited twice so it has revisions), a draft, a pending and a private
post, a password-protected one (password "secret"), a scheduled one, a unicode title and a
trashed post; pages About > Team > Founders, About > History, Contact (menu_order) and a draft
page."""

import random
from datetime import UTC, datetime, timedelta

from content.models import Post
from content.services import initial_guid, post_trash, save_revision
from taxonomy.models import Term, TermRelationship
from taxonomy.services import default_category
from users.models import User

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
#: the reference seed's word list and generator (mt_srand(20240101); mt_rand per word), so the
#: demo's titles and texts are the reference's own
WORDS = (  # noqa: SIM905 - the reference's own string
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco "
    "laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate "
    "velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident "
    "sunt culpa qui officia deserunt mollit anim id est laborum"
).split()
#: WordPress's installer content for the Sample Page (the dashboard link points at our admin)
SAMPLE_PAGE = (
    "<!-- wp:paragraph -->\n<p>This is an example page. It's different from a blog post because "
    "it will stay in one place and will show up in your site navigation (in most themes). Most "
    "people start with an About page that introduces them to potential site visitors. It might "
    "say something like this:</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:quote -->\n"
    '<blockquote class="wp-block-quote"><p>Hi there! I\'m a bike messenger by day, aspiring '
    "actor by night, and this is my website. I live in Los Angeles, have a great dog named "
    "Jack, and I like pi&#241;a coladas. (And gettin' caught in the rain.)</p></blockquote>\n"
    "<!-- /wp:quote -->\n\n<!-- wp:paragraph -->\n<p>...or something like this:</p>\n"
    "<!-- /wp:paragraph -->\n\n<!-- wp:quote -->\n"
    '<blockquote class="wp-block-quote"><p>The XYZ Doohickey Company was founded in 1971, and '
    "has been providing quality doohickeys to the public ever since. Located in Gotham City, "
    "XYZ employs over 2,000 people and does all kinds of awesome things for the Gotham "
    "community.</p></blockquote>\n<!-- /wp:quote -->\n\n<!-- wp:paragraph -->\n<p>As a new "
    'WordPress user, you should go to <a href="/admin/">your dashboard</a> to delete this page '
    "and create new pages for your content. Have fun!</p>\n<!-- /wp:paragraph -->"
)
#: categories of reference post i by i % 4 (none: the default category)
CATEGORY_SETS = [[], ["news"], ["tech", "php"], ["python"]]
#: as the reference site's SEED_POSTS, so IDs line up with it for the posts and pages
POSTS = 30
TAGS = ["alpha", "beta", "gamma", "delta", "epsilon"]


def para(text: str) -> str:
    return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"


class PhpWords:
    """PHP's mt_rand(min, max) after mt_srand(seed) (MT19937, 32-bit range reduction), drawing
    words as the reference's ref_words() does."""

    def __init__(self, seed: int) -> None:
        state = [seed & 0xFFFFFFFF]
        for index in range(1, 624):
            previous = state[-1]
            state.append((1812433253 * (previous ^ (previous >> 30)) + index) & 0xFFFFFFFF)
        self.random = random.Random()
        self.random.setstate((3, (*state, 624), None))

    def rand(self, low: int, high: int) -> int:
        span = high - low + 1
        result = self.random.getrandbits(32)
        if span & (span - 1):
            limit = 0xFFFFFFFF - (0xFFFFFFFF % span) - 1
            while result > limit:
                result = self.random.getrandbits(32)
        return low + result % span

    def __call__(self, count: int) -> str:
        return " ".join(WORDS[self.rand(0, len(WORDS) - 1)] for _ in range(count))


def ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _term(taxonomy: str, slug: str) -> Term:
    term, _ = Term.objects.get_or_create(
        taxonomy=taxonomy, slug=slug, defaults={"name": slug.replace("-", " ").title()}
    )
    return term


def _post(**fields) -> Post:
    terms = fields.pop("terms", [])
    floating = fields.pop("floating", False)
    fields.setdefault("modified", fields.get("date", T0))
    post = Post.objects.create(date_gmt_set=not floating, **fields)
    post.guid = initial_guid(post)
    post.save(update_fields=["guid"])
    if post.type == "post" and not any(term.taxonomy == "category" for term in terms):
        terms = [default_category(), *terms]
    TermRelationship.objects.bulk_create([TermRelationship(post=post, term=term) for term in terms])
    return post


def seed() -> None:
    users = {user.username: user for user in User.objects.all()}
    admin = users.get("admin") or User.objects.filter(role="administrator").first()
    authors = [admin, users.get("alice", admin), users.get("bob", admin), admin]

    # WordPress's installer writes these two with plain guids
    hello = _post(
        type="post",
        status="publish",
        author=admin,
        title="Hello world!",
        slug="hello-world",
        content=para(
            "Welcome to WordPress. This is your first post. Edit or delete it, then start writing!"
        ),
        date=T0 - timedelta(days=1),
        comment_status="open",
        ping_status="open",
    )
    sample = _post(
        type="page",
        status="publish",
        author=admin,
        title="Sample Page",
        slug="sample-page",
        content=SAMPLE_PAGE,
        date=T0 - timedelta(days=1),
        comment_status="closed",
        ping_status="open",
    )
    Post.objects.filter(pk=hello.pk).update(guid=f"/?p={hello.pk}")
    Post.objects.filter(pk=sample.pk).update(guid=f"/?page_id={sample.pk}")
    _post(
        type="page",
        status="draft",
        author=admin,
        title="Privacy Policy",
        slug="privacy-policy",
        content=para("Our website address is the one you are reading."),
        date=T0 - timedelta(days=1),
        comment_status="closed",
        ping_status="open",
        floating=True,
    )

    words = PhpWords(20240101)
    posts = []
    for i in range(1, POSTS + 1):
        content = para(ucfirst(words(30)) + ".") + "\n\n" + para(ucfirst(words(40)) + ".")
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
        terms = [_term("category", slug) for slug in CATEGORY_SETS[i % 4]]
        terms += [_term("post_tag", tag) for bit, tag in enumerate(TAGS) if i & (1 << bit)]
        post = _post(
            type="post",
            status="publish",
            author=authors[i % 4],
            title=f"Reference post {i}: {ucfirst(words(4))}",
            slug=f"reference-post-{i}",
            content=content,
            excerpt=f"Hand-written excerpt for post {i}." if i % 3 == 0 else "",
            date=T0 + timedelta(hours=i),
            comment_status="open",
            ping_status="closed",
            format={3: "aside", 6: "quote"}.get(i % 10, "standard"),
            sticky=i == 1,
            terms=terms,
        )
        posts.append(post)
        if i % 3 == 0 and i > 3:
            words(12)  # the reference's comment on this post (the comments demo writes its own)

    edited = posts[1]
    for step, (title, text, excerpt) in enumerate(
        [
            (edited.title + " (edited once)", "Second version of the content.", ""),
            (
                "Reference post 2: edited twice",
                "Third and final version of the content.",
                "Excerpt added in the second edit.",
            ),
        ],
        start=10,
    ):
        edited.title, edited.content, edited.excerpt = title, para(text), excerpt
        edited.modified = T0 + timedelta(days=step)
        edited.save()
        save_revision(edited, admin.pk)

    tx = T0 + timedelta(hours=POSTS + 24)

    def extra() -> dict:
        return {
            "type": "post",
            "content": para(ucfirst(words(25)) + "."),
            "comment_status": "open",
            "ping_status": "closed",
        }

    _post(
        **extra(),
        status="draft",
        author=users.get("alice", admin),
        title="Draft post by Alice",
        date=tx + timedelta(seconds=1),
        floating=True,
    )
    _post(
        **extra(),
        status="pending",
        author=users.get("carol", admin),
        title="Pending post by Carol",
        date=tx + timedelta(seconds=2),
        floating=True,
    )
    _post(
        **extra(),
        status="private",
        author=users.get("bob", admin),
        title="Private post by Bob",
        slug="private-post-by-bob",
        date=tx + timedelta(seconds=3),
        terms=[_term("category", "news")],
    )
    _post(
        **extra(),
        status="publish",
        author=admin,
        title="Password protected post",
        slug="password-protected-post",
        password="secret",
        excerpt="Protected excerpt.",
        date=tx + timedelta(seconds=4),
        terms=[_term("category", "news")],
    )
    _post(
        **extra(),
        status="future",
        author=admin,
        title="Scheduled post",
        slug="scheduled-post",
        date=datetime(2030, 1, 1, 12, 0, tzinfo=UTC),
    )
    words(25)  # the reference builds (and then replaces) default content for this one too
    _post(
        type="post",
        status="publish",
        author=admin,
        comment_status="open",
        ping_status="closed",
        title='Ünïcödé & "quotes" <em>markup</em> — ✓ 日本語',
        slug="unicode-title",
        content=para(
            'Content with &amp; entities, <strong>bold</strong>, <a href="https://'
            'example.com/?a=1&amp;b=2">a link</a> and emoji 🎉.'
        )
        + '\n\n<!-- wp:code -->\n<pre class="wp-block-code"><code>&lt;?php echo "x"; ?&gt;'
        "</code></pre>\n<!-- /wp:code -->",
        date=tx + timedelta(seconds=5),
        terms=[_term("category", "php"), _term("post_tag", "alpha")],
    )
    trashed = _post(
        **extra(),
        status="publish",
        author=admin,
        title="Trashed post",
        slug="trashed-post",
        date=tx + timedelta(seconds=6),
    )
    post_trash(post=trashed, actor_id=admin.pk)  # as wp_trash_post(): __trashed slug, one revision
    when = tx + timedelta(seconds=7)  # the reference trashed it a second after writing it
    Post.objects.filter(pk=trashed.pk).update(modified=when)
    Post.objects.filter(parent=trashed, type=Post.Type.REVISION).update(date=when, modified=when)

    def page(title: str, slug: str, parent: Post | None, order: int, seconds: int) -> Post:
        return _post(
            type="page",
            status="publish",
            author=admin,
            title=title,
            slug=slug,
            parent=parent,
            menu_order=order,
            comment_status="closed",
            ping_status="closed",
            date=T0 + timedelta(seconds=seconds),
            content=para(f"This is the {title} page. {ucfirst(words(20))}."),
        )

    about = page("About", "about", None, 1, 100)
    team = page("Team", "team", about, 1, 200)
    page("Founders", "founders", team, 1, 300)
    page("History", "history", about, 2, 400)
    page("Contact", "contact", None, 3, 500)
    _post(
        type="page",
        status="draft",
        author=users.get("bob", admin),
        title="Draft page",
        content=para("Unpublished page."),
        date=T0 + timedelta(seconds=550),
        comment_status="closed",
        ping_status="closed",
        floating=True,
    )
    # the reference's reusable block (wp_block, served at /wp/v2/blocks), stored before the
    # media so that they get the reference's IDs
    _post(
        type="wp_block",
        status="publish",
        author=admin,
        title="Reference call to action",
        slug="reference-call-to-action",
        content=para("<strong>Subscribe</strong> to the reference newsletter."),
        date=T0 + timedelta(seconds=600),
        comment_status="closed",
        ping_status="closed",
    )
    _featured_images(admin, posts, about)


def _featured_images(admin: User, posts: list[Post], page: Post) -> None:
    """The media demo's images as featured images where the reference has them: the
    landscape on posts 3 and 4 (attached to 4), the square on post 5 and About."""
    from content.media.services import seed_media

    landscape, square, _notes = seed_media(author=admin, parent=posts[3])
    Post.objects.filter(pk__in=[posts[2].pk, posts[3].pk]).update(featured_media=landscape)
    Post.objects.filter(pk__in=[posts[4].pk, page.pk]).update(featured_media=square)
