"""Demo users: one per role, as the reference WordPress site has them."""

from users.models import Role, User

DEMO_USERS = [
    ("alice", "Alice Author", Role.AUTHOR),
    ("bob", "Bob Editor", Role.EDITOR),
    ("carol", "Carol Contributor", Role.CONTRIBUTOR),
    ("dave", "Dave Subscriber", Role.SUBSCRIBER),
]


def seed() -> None:
    for login, name, role in DEMO_USERS:
        first, last = name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=login,
            defaults={"email": f"{login}@example.com", "display_name": name, "role": role,
                      "first_name": first, "last_name": last,
                      "description": f"{name} writes for the demo site."},
        )
        if created:
            user.set_password(f"{login}-pass-123")
            user.save()
