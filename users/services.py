"""Writes on users and their application passwords."""

from django.db import transaction

from users.models import ApplicationPassword, User


@transaction.atomic
def application_password_create(*, user: User, name: str, app_id: str = "",
                                ) -> tuple[ApplicationPassword, str]:
    """A new application password for `user`; returns it and the plain password (shown once)."""
    plain = ApplicationPassword.generate()
    password = ApplicationPassword(user=user, name=name, app_id=app_id or "")
    password.set_password(plain)
    password.save()
    return password, plain
