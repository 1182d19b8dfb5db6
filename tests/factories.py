"""factory_boy factories for every app's models. Each app adds its own below its heading."""

import factory
from django.utils import timezone

from content.models import Post
from taxonomy.models import Term
from users.models import User

# --- users -----------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    display_name = factory.LazyAttribute(lambda u: u.username.title())
    role = "subscriber"
    password = factory.django.Password("user-pass-123")


# --- content ---------------------------------------------------------------------------------


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    type = "post"
    status = "publish"
    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    content = "<p>Some content.</p>"
    author = factory.SubFactory(UserFactory, role="author")
    date = factory.LazyFunction(timezone.now)
    modified = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        if create and extracted:
            self.terms.add(*extracted)


class PageFactory(PostFactory):
    type = "page"
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")


class RevisionFactory(PostFactory):
    """A stored revision of `parent` (post type revision, status inherit)."""

    type = "revision"
    status = "inherit"
    slug = factory.LazyAttribute(lambda r: f"{r.parent.pk}-revision-v1")


# --- taxonomy --------------------------------------------------------------------------------


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    taxonomy = "category"
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")


class TagFactory(TermFactory):
    taxonomy = "post_tag"
    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


# --- comments --------------------------------------------------------------------------------


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    post = factory.SubFactory(PostFactory)
    author_name = factory.Sequence(lambda n: f"Visitor {n}")
    author_email = factory.LazyAttribute(
        lambda c: f"{c.author_name.lower().replace(' ', '')}@example.com"
    )
    author_url = ""
    author_ip = "192.0.2.10"
    author_user_agent = "pytest"
    content = factory.Sequence(lambda n: f"Comment text {n}.")
    status = "1"
    type = "comment"
    date = factory.LazyFunction(timezone.now)
