"""Passwords brought from WordPress: the hashes wp_check_password() accepts verify, others do
not, and a login stores the password again with Django's own hasher."""

import hashlib

import pytest

from tests.factories import UserFactory
from users.hashers import check_wordpress_hash, from_wordpress

# made by the reference WordPress 6.1 (wp_hash_password, phpass portable) for these passwords
PHPASS = {
    "alice-pass-123": "$P$B8R0BOZXd.xJpcUmsrpHX0MIPN4Ha9.",
    "bob-pass-123": "$P$BLvJ8DW4TDRPEfkrjF3EzBRFe4TBnF/",
}
# made by PHP 8.2 as WordPress 6.8's wp_hash_password() makes them:
# '$wp' . password_hash(base64_encode(hash_hmac('sha384', $pw, 'wp-sha384', true)), BCRYPT)
WP68_BCRYPT = "$wp$2y$10$XMsEQm60iNsbpTmZ6R5vfe.xJY6QTiGqHxgcKsfozQfKVu7dODvxS"  # alice-pass-123
# password_hash('bob-pass-123', PASSWORD_BCRYPT): what plugins and old 6.8 betas stored
PLAIN_BCRYPT = "$2y$10$r2kOSqGXAUdb7rEM.26gAOKn46L/LCBl5U6CPjRHgTyIMc/VJO1Ey"


@pytest.fixture(autouse=True)
def _wordpress_hasher(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "users.hashers.WordPressPasswordHasher",
    ]


@pytest.mark.parametrize(
    ("password", "stored"),
    [
        ("alice-pass-123", PHPASS["alice-pass-123"]),
        ("bob-pass-123", PHPASS["bob-pass-123"]),
        ("alice-pass-123", WP68_BCRYPT),
        ("bob-pass-123", PLAIN_BCRYPT),
        ("old-site", hashlib.md5(b"old-site").hexdigest()),  # sites from before 2.5
    ],
)
def test_wordpress_hashes_verify(password, stored):
    assert check_wordpress_hash(password, stored)
    assert not check_wordpress_hash(password + "x", stored)


def test_unknown_or_empty_hashes_never_verify():
    assert not check_wordpress_hash("anything", "")
    assert not check_wordpress_hash("anything", "$argon2id$v=19$m=65536,t=4,p=1$abc$def")
    assert not check_wordpress_hash("x" * 5000, WP68_BCRYPT)


@pytest.mark.django_db
def test_a_login_upgrades_the_hash_to_djangos(client):
    user = UserFactory(username="alice", password="unused")
    user.password = from_wordpress(WP68_BCRYPT)
    user.save()
    assert (
        client.post("/wp-login.php", {"log": "alice", "pwd": "alice-pass-123"}).status_code == 302
    )
    user.refresh_from_db()
    assert user.password.startswith("md5$")


@pytest.mark.django_db
def test_a_wrong_password_keeps_the_wordpress_hash(client):
    user = UserFactory(username="bob", password="unused")
    user.password = from_wordpress(PHPASS["bob-pass-123"])
    user.save()
    assert client.post("/wp-login.php", {"log": "bob", "pwd": "nope"}).status_code == 200
    user.refresh_from_db()
    assert user.password == from_wordpress(PHPASS["bob-pass-123"])
