"""WordPress users (wp_users + the usermeta the REST API exposes) and application passwords."""

import hashlib
import secrets
import uuid

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from users.formatting import sanitize_nicename


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    EDITOR = "editor", "Editor"
    AUTHOR = "author", "Author"
    CONTRIBUTOR = "contributor", "Contributor"
    SUBSCRIBER = "subscriber", "Subscriber"


class WPUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A WordPress user: login, nicename (slug), display name, profile fields and one role."""

    nicename = models.SlugField("slug", max_length=50, blank=True, db_index=True)
    display_name = models.CharField(max_length=250, blank=True)
    nickname = models.CharField(max_length=250, blank=True)
    url = models.URLField("website", max_length=100, blank=True)
    description = models.TextField("biographical info", blank=True)
    locale = models.CharField(max_length=20, blank=True, default="")
    #: "" when every role was taken away (roles: [] over REST), as WordPress allows
    role = models.CharField(
        max_length=20, choices=Role.choices, default=Role.SUBSCRIBER, blank=True, db_index=True
    )
    #: further roles after the first, as ",editor,author," (WordPress users may hold several)
    extra_roles = models.CharField(max_length=200, blank=True, default="")

    objects = WPUserManager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs) -> None:
        if not self.nicename:
            self.nicename = self._free_nicename(
                sanitize_nicename(self.username) or f"user-{uuid.uuid4().hex[:8]}"
            )
        if not self.display_name:
            self.display_name = self.username
        if not self.nickname:
            self.nickname = self.username
        # Administrators, and new editors, may use Django admin (where editors manage content).
        if self.role == Role.ADMINISTRATOR or (self.role == Role.EDITOR and self.pk is None):
            self.is_staff = True
        super().save(*args, **kwargs)

    def _free_nicename(self, base: str) -> str:
        """wp_insert_user: a nicename already taken gets -2, -3, ... appended."""
        others = User.objects.exclude(pk=self.pk) if self.pk else User.objects.all()
        candidate, number = base, 2
        while others.filter(nicename=candidate).exists():
            candidate, number = f"{base[: 50 - len(str(number)) - 1]}-{number}", number + 1
        return candidate

    @property
    def roles(self) -> list[str]:
        from users.capabilities import roles_of

        return roles_of(self)

    def set_roles(self, roles: list[str]) -> None:
        """Replace every role (WordPress: set_role(false), then add_role for each)."""
        unique = [role for index, role in enumerate(roles) if role not in roles[:index]]
        self.role = unique[0] if unique else ""
        self.extra_roles = "," + ",".join(unique[1:]) + "," if len(unique) > 1 else ""

    @property
    def registered(self):
        return self.date_joined


class UserMeta(models.Model):
    """One user meta value (wp_usermeta); a key may hold several rows."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="meta_entries")
    key = models.CharField(max_length=255)
    value = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["user", "key"], name="usermeta_user_meta_key")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.key}={self.value[:40]}"


class ApplicationPassword(models.Model):
    """One of a user's application passwords (WordPress's _application_passwords usermeta)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="application_passwords")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    app_id = models.CharField(max_length=64, blank=True, default="")
    name = models.TextField()  # WordPress sets no length limit
    password = models.CharField(max_length=256)
    #: a fast, non-secret fingerprint of the plain password, to find candidates without hashing
    #: every stored password on each request; the hash above is what proves the password.
    lookup = models.CharField(max_length=16, db_index=True, default="")
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    last_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    @classmethod
    def generate(cls) -> str:
        """24 characters, as WordPress generates them (wp_generate_password(24, false))."""
        return "".join(secrets.choice(cls.ALPHABET) for _ in range(24))

    @staticmethod
    def normalise(plain: str) -> str:
        return "".join(plain.split())

    @staticmethod
    def chunked(plain: str) -> str:
        """Shown to people in groups of four, as WordPress does (spaces are ignored on use)."""
        return " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))

    @staticmethod
    def fingerprint(user_id: int, plain: str) -> str:
        return hashlib.sha256(f"{user_id}:{plain}".encode()).hexdigest()[:16]

    def set_password(self, plain: str) -> None:
        plain = self.normalise(plain)
        self.password = make_password(plain)
        self.lookup = self.fingerprint(self.user_id, plain)

    def check_password(self, plain: str) -> bool:
        return check_password(self.normalise(plain), self.password)
