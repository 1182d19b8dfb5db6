"""`manage.py application_password create USERNAME [--name NAME]`: prints the password alone."""

from django.core.management.base import BaseCommand, CommandError

from users.models import ApplicationPassword, User
from users.services import application_password_create, name_taken
from wpapi.errors import WPError

DEFAULT_NAME = "wpapi-cli"


def free_name(user: User, base: str) -> str:
    """`base`, or `base 2`, `base 3`, ...: application names are unique per user."""
    name, number = base, 2
    while name_taken(user, name):
        name, number = f"{base} {number}", number + 1
    return name


class Command(BaseCommand):
    help = "Manage application passwords (HTTP Basic credentials for the REST API)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create one and print it on stdout.")
        create.add_argument("username")
        create.add_argument(
            "--name",
            default=None,
            help=f"Application name (default: {DEFAULT_NAME}, numbered if taken)",
        )
        listing = sub.add_parser("list", help="List a user's application passwords.")
        listing.add_argument("username")

    def handle(self, *args, **options) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user with the login {options['username']!r}.") from None
        if options["action"] == "create":
            name = options["name"] or free_name(user, DEFAULT_NAME)
            try:
                _, plain = application_password_create(user=user, name=name)
            except WPError as error:
                raise CommandError(error.message) from None
            self.stdout.write(ApplicationPassword.chunked(plain))
            return
        for password in user.application_passwords.all():
            self.stdout.write(f"{password.uuid}\t{password.name}\t{password.created:%Y-%m-%d}")
