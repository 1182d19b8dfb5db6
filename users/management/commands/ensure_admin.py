"""`manage.py ensure_admin`: an administrator and a fresh application password, printed."""

import os

from django.core.management.base import BaseCommand

from users.management.commands.application_password import free_name
from users.models import ApplicationPassword, Role, User
from users.services import application_password_create


class Command(BaseCommand):
    help = "Create the admin account if missing and print a new application password for it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default=os.environ.get("WPAPI_ADMIN_USER", "admin"))
        parser.add_argument(
            "--password", default=os.environ.get("WPAPI_ADMIN_PASSWORD", "admin-pass-123")
        )

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            user = User.objects.create_superuser(
                options["username"],
                "admin@example.com",
                options["password"],
                role=Role.ADMINISTRATOR,
            )
            self.stdout.write(
                f"Created administrator {user.username!r} "
                f"(password {options['password']!r}, for /admin/)."
            )
        else:
            self.stdout.write(
                f"Administrator {user.username!r}: its login password (the demo's "
                f"is {options['password']!r}) is for /admin/ and /wp-login.php."
            )
        _, plain = application_password_create(user=user, name=free_name(user, "wpapi run"))
        self.stdout.write(
            f"Application password for {user.username}: {ApplicationPassword.chunked(plain)}"
        )
        self.stdout.write(
            f"  curl -u '{user.username}:{plain}' http://127.0.0.1:8000/wp-json/wp/v2/users/me"
        )
