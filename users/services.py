"""Writes on users and their application passwords (wp_insert_user, wp_update_user,
wp_delete_user and WP_Application_Passwords), with WordPress's rules."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from users.formatting import sanitize_nicename, sanitize_user, without_nul
from users.meta import USER_META
from users.models import ApplicationPassword, Role, User
from wpapi import locks
from wpapi.errors import WPError
from wpapi.formatting import esc_url_raw, kses, sanitize_text_field, targeted_link_rel

# --- WordPress's text rules ---------------------------------------------------------------------


def valid_username(username: str) -> bool:
    """validate_username()."""
    return bool(username) and sanitize_user(username) == username


def check_nicename_length(slug: Any) -> None:
    """wp_insert_user: a slug asked for is refused beyond 50 characters (not cut)."""
    if isinstance(slug, str) and len(sanitize_nicename(slug, limit=None)) > 50:
        raise WPError(
            "user_nicename_too_long", "Nicename may not be longer than 50 characters.", 400
        )


def check_email_length(email: str) -> None:
    """The email column holds 254 characters (a guard of ours: WordPress's MySQL column)."""
    if len(email) > 254:
        raise WPError("rest_user_invalid_email", "Invalid email address.", 400)


def email_owner(email: str) -> int | None:
    """email_exists(): the id of the user holding this address (case-insensitively)."""
    return User.objects.filter(email__iexact=email).values_list("pk", flat=True).first()


# --- users --------------------------------------------------------------------------------------
PROFILE_FIELDS = {  # request parameter -> model field, max length
    "name": ("display_name", 250),
    "first_name": ("first_name", 150),
    "last_name": ("last_name", 150),
    "nickname": ("nickname", 250),
    "description": ("description", None),
    "url": ("url", 100),
    "locale": ("locale", 20),
}


#: what a user write takes besides the login: the profile, email, slug, roles and meta
USER_FIELDS = frozenset({*PROFILE_FIELDS, "email", "slug", "roles", "meta", "password"})


def _apply_profile(user: User, params: dict[str, Any], kses_description: bool) -> None:
    unknown = set(params) - USER_FIELDS
    if unknown:
        raise TypeError(f"unknown user fields: {', '.join(sorted(unknown))}")
    for name, (field, limit) in PROFILE_FIELDS.items():
        if name not in params or params[name] is None:
            continue
        value = without_nul(params[name])
        if name in ("name", "first_name", "last_name", "nickname"):
            value = sanitize_text_field(value)
        elif name == "url":
            value = esc_url_raw(value)
            if len(value) > 100:
                raise WPError(
                    "user_url_too_long", "User URL may not be longer than 100 characters.", 400
                )
        elif name == "description" and kses_description:
            value = kses(value)  # pre_user_description: tags removed, their text kept
        if name == "description":
            value = targeted_link_rel(value)
        setattr(user, field, value[:limit] if limit else value)


@transaction.atomic
def user_create(
    *, username: str, password: str, kses_description: bool = False, **params: Any
) -> User:
    """wp_insert_user(): a new user (a subscriber unless `roles` says otherwise) with the
    given profile fields, email, slug and meta."""
    locks.hold("user")  # login, email and nicename checked, then written
    if len(username) > 60:
        raise WPError("user_login_too_long", "Username may not be longer than 60 characters.", 400)
    if User.objects.filter(username__iexact=username).exists():
        raise WPError("existing_user_login", "Sorry, that username already exists!", 400)
    email = params.get("email", "")
    check_email_length(email)
    if email and email_owner(email):
        raise WPError("existing_user_email", "Sorry, that email address is already used!", 400)
    user = User(username=username, email=email, role=Role.SUBSCRIBER)
    if params.get("roles") is not None:
        # roles: [] leaves the user without a role, as wp_insert_user's role=false does
        user.set_roles(params["roles"])
    check_nicename_length(params.get("slug"))
    nicename = sanitize_nicename(params.get("slug") or "") or sanitize_nicename(username)
    user.nicename = user._free_nicename(nicename or "user")
    _apply_profile(user, params, kses_description)
    if not user.display_name:  # wp_insert_user's default display name
        user.display_name = " ".join(filter(None, (user.first_name, user.last_name))) or username
    user.set_password(password)
    user.date_joined = timezone.now()
    user.save()
    USER_META.update(user, params.get("meta"))
    return user


def check_user_update(*, user: User, params: dict[str, Any]) -> None:
    """update_item()'s checks before saving: the email, login and slug stay unique."""
    email = params.get("email")
    if isinstance(email, str) and email:
        owner = email_owner(email)
        if owner and owner != user.pk:
            raise WPError("rest_user_invalid_email", "Invalid email address.", 400)
    if params.get("username") and params["username"] != user.username:
        raise WPError("rest_user_invalid_argument", "Username is not editable.", 400)
    slug = params.get("slug")
    if slug and slug != user.nicename and User.objects.filter(nicename=slug).exists():
        raise WPError("rest_user_invalid_slug", "Invalid slug.", 400)


@transaction.atomic
def user_update(*, user: User, kses_description: bool = False, **params: Any) -> User:
    """wp_update_user(): the given profile fields, email, slug, password, roles and meta."""
    locks.hold("user")  # login, email and nicename checked, then written
    check_user_update(user=user, params=params)
    email = params.get("email")
    slug = params.get("slug")
    if isinstance(email, str) and email:
        check_email_length(email)
        user.email = email
    if slug:
        check_nicename_length(slug)
        user.nicename = sanitize_nicename(slug) or user.nicename
    _apply_profile(user, params, kses_description)
    if params.get("password"):
        user.set_password(params["password"])
    if params.get("roles") is not None:  # [] takes every role away, as role=false does
        user.set_roles(params["roles"])
        user.is_staff = Role.ADMINISTRATOR in params["roles"] or user.is_staff
        if user.is_superuser and Role.ADMINISTRATOR not in params["roles"]:
            user.is_superuser = False  # a superuser would keep every capability otherwise
    user.save()
    USER_META.update(user, params.get("meta"))
    return user


@transaction.atomic
def user_delete(*, user: User, reassign: User | None) -> None:
    """wp_delete_user(): the user's posts go to `reassign`, or are deleted with them."""
    from content.models import Post
    from content.services import post_delete

    posts = Post.objects.filter(author=user)
    if reassign is not None:
        posts.update(author=reassign)
    else:
        # wp_delete_post() for each (children move up, attachments are detached), then the
        # revisions they wrote of other people's posts
        for post in posts.exclude(type=Post.Type.REVISION).order_by("-id"):
            post_delete(post=post)
        Post.objects.filter(author=user).delete()
    user.delete()


# --- application passwords ----------------------------------------------------------------------
def name_taken(user: User, name: str, exclude_pk: int | None = None) -> bool:
    """application_name_exists_for_user(): names compare case-insensitively."""
    others = (
        user.application_passwords.exclude(pk=exclude_pk)
        if exclude_pk
        else user.application_passwords.all()
    )
    return any(other.lower() == name.lower() for other in others.values_list("name", flat=True))


@transaction.atomic
def application_password_create(
    *,
    user: User,
    name: str,
    app_id: str = "",
) -> tuple[ApplicationPassword, str]:
    """A new application password for `user`; returns it and the plain password (shown once)."""
    name = sanitize_text_field(name or "")
    if not name:
        raise WPError(
            "application_password_empty_name",
            "An application name is required to create an application password.",
            400,
        )
    if name_taken(user, name):
        raise WPError(
            "application_password_duplicate_name", "Each application name should be unique.", 409
        )
    plain = ApplicationPassword.generate()
    password = ApplicationPassword(user=user, name=name, app_id=app_id or "")
    password.set_password(plain)
    password.save()
    return password, plain


def application_password_rename(
    *,
    password: ApplicationPassword,
    name: str | None,
) -> ApplicationPassword:
    """update_application_password(): only a non-empty, different name is saved."""
    name = sanitize_text_field(name) if name else ""
    if name and name != password.name:
        password.name = name
        password.save(update_fields=["name"])
    return password
