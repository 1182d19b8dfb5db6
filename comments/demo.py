"""Demo comments: a full thread on one published post, as the reference site has it, and a
comment on a few other posts."""

from datetime import timedelta

from comments.models import Comment
from comments.services import comment_create
from content.models import Post
from users.models import User

THREAD = [
    # key, parent key, author (login or (name, email, url)), status, type, text
    (
        "top",
        None,
        ("Visitor One", "visitor1@example.com", "https://visitor1.example.com"),
        "approve",
        "comment",
        "Top-level comment by an anonymous visitor.",
    ),
    ("reply", "top", "alice", "approve", "comment", "Reply by a registered user (Alice)."),
    (
        "deep",
        "reply",
        ("Visitor One", "visitor1@example.com", ""),
        "approve",
        "comment",
        "Nested reply, depth 3.",
    ),
    ("second", None, "bob", "approve", "comment", "Second top-level comment, by an editor."),
    (
        "held",
        None,
        ("Visitor Two", "visitor2@example.com", ""),
        "hold",
        "comment",
        "Held for moderation.",
    ),
    (
        "spam",
        None,
        ("Spammer", "spam@example.com", "https://spam.example.com"),
        "spam",
        "comment",
        "Buy cheap things.",
    ),
    (
        "trash",
        None,
        ("Visitor Three", "visitor3@example.com", ""),
        "trash",
        "comment",
        "A comment in the trash.",
    ),
    (
        "ping",
        None,
        ("Some Blog", "", "https://blog.example.com/post"),
        "approve",
        "pingback",
        "[&#8230;] pingback excerpt [&#8230;]",
    ),
]


WELCOME = (
    "Hi, this is a comment.\nTo get started with moderating, editing, and deleting "
    "comments, please visit the Comments screen in the dashboard.\nCommenter avatars "
    'come from <a href="https://en.gravatar.com/">Gravatar</a>.'
)
WORDS = (
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
)


def seed() -> None:
    posts = Post.objects.filter(type="post", status="publish")
    if not posts.exists() or Comment.objects.exists():
        return
    by_slug = {post.slug: post for post in posts}
    hello = by_slug.get("hello-world")
    if hello is not None:
        comment_create(
            post=hello,
            content=WELCOME,
            user_id=None,
            author_name="A WordPress Commenter",
            author_email="wapuu@wordpress.example",
            author_url="https://wordpress.org/",
            author_ip="",
            author_user_agent="",
            date=hello.date,
            moderate=False,
        )
    for number in range(6, 31, 3):
        post = by_slug.get(f"reference-post-{number}")
        if post is None:
            continue
        words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(12))
        comment_create(
            post=post,
            content=f"Comment on post {number}: {words}.",
            user_id=None,
            author_name=f"Reader {number % 7 + 1}",
            author_email=f"reader{number % 7 + 1}@example.com",
            author_url="",
            author_ip="192.0.2.2",
            author_user_agent="wpapi-demo",
            date=post.date + timedelta(minutes=30),
            moderate=False,
        )
    # After the readers' comments, so the thread's IDs are the reference site's (11-18).
    thread_post = (
        by_slug.get("reference-post-3")
        or posts.exclude(slug="hello-world").order_by("date", "id").first()
        or hello
    )
    seed_thread(thread_post)


def seed_thread(thread_post: Post) -> None:
    """The reference thread: anonymous comment, a user's reply, a depth-3 reply, an editor's
    comment, then held, spam, trashed and a pingback."""
    users = {user.username: user for user in User.objects.filter(username__in=["alice", "bob"])}
    made: dict[str, Comment] = {}
    for minutes, (key, parent, who, status, kind, text) in enumerate(THREAD, start=1):
        if isinstance(who, str):
            user = users.get(who)
            if user is None:
                continue
            author = {
                "user_id": user.pk,
                "author_name": user.display_name,
                "author_email": user.email,
                "author_url": user.url,
            }
        else:
            name, email, url = who
            author = {
                "user_id": None,
                "author_name": name,
                "author_email": email,
                "author_url": url,
            }
        parent_comment = made.get(parent) if parent else None
        if parent and parent_comment is None:
            continue
        made[key] = comment_create(
            post=thread_post,
            content=text,
            **author,
            author_ip="192.0.2.1",
            author_user_agent="wpapi-demo",
            date=thread_post.date + timedelta(minutes=10 * minutes),
            parent_id=parent_comment.pk if parent_comment else None,
            status=None if status == "approve" else status,
            comment_type=kind,
            moderate=False,
        )
