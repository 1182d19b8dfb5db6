"""Demo users: the administrator and one user per role, as the reference WordPress site has them
(same logins, names, URLs, descriptions and registration dates), so responses compare 1:1."""

import os
from datetime import UTC, datetime, timedelta

from users.models import Role, User, UserMeta

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)

DEMO_USERS = [
    # login, role, first name, last name, the reference's `ref_team` user meta
    ("alice", Role.AUTHOR, "Alice", "Author", "red"),
    ("bob", Role.EDITOR, "Bob", "Editor", "blue"),
    ("carol", Role.CONTRIBUTOR, "Carol", "Contributor", "red"),
    ("dave", Role.SUBSCRIBER, "Dave", "Subscriber", "green"),
]


def seed() -> None:
    admin_login = os.environ.get("WPAPI_ADMIN_USER", "admin")
    if not User.objects.filter(username=admin_login).exists():
        admin = User.objects.create_superuser(
            admin_login,
            "admin@example.com",
            os.environ.get("WPAPI_ADMIN_PASSWORD", "admin-pass-123"),
            first_name="Site",
            last_name="Admin",
            display_name="admin",
            description="Reference administrator.",
            url="https://admin.example.com",
        )
        User.objects.filter(pk=admin.pk).update(date_joined=T0 - timedelta(days=30))
    for index, (login, role, first, last, team) in enumerate(DEMO_USERS):
        if User.objects.filter(username=login).exists():
            continue
        user = User(
            username=login,
            email=f"{login}@example.com",
            url=f"https://{login}.example.com",
            first_name=first,
            last_name=last,
            nickname=login,
            display_name=f"{first} {last}",
            description=f"{first} is the reference {role}.",
            role=role,
            date_joined=T0 - timedelta(days=20 - index),
        )
        user.set_password(f"{login}-pass-123")
        user.save()
        # shown when a project registers it, e.g. WP_USER_META = {"ref_team": {"type": "string",
        # "description": "Reference team name.", "single": True}} as the reference site does
        UserMeta.objects.create(user=user, key="ref_team", value=team)
