"""Fixtures for importing the WordPress site whose export and database dump are checked in
(fixtures/: a WordPress 6.1 site seeded by the reference seed, 30 posts; its database dump holds
the password hashes WordPress made for alice-pass-123 and the others)."""

import gzip
import os
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"
WXR = FIXTURES / "wordpress-6.1-export.xml"
DUMP = FIXTURES / "wordpress-6.1-database.sql.gz"
#: where a scratch copy of the dump may be made: a MySQL/MariaDB account that may create
#: databases (root over the local socket on the CI machine)
ADMIN_URL = os.environ.get("WPAPI_TEST_MYSQL_URL", "mysql://root@localhost/mysql")


@pytest.fixture(autouse=True)
def _wordpress_hashes_and_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "users.hashers.WordPressPasswordHasher",
    ]
    settings.MEDIA_ROOT = str(tmp_path / "media")


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import_wordpress", *args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture
def imported_wxr(db):
    """The checked-in WXR file, imported."""
    return run_import(str(WXR))


@pytest.fixture(scope="session")
def wordpress_database():
    """The checked-in dump loaded into a scratch MariaDB/MySQL database: its URL. Skipped,
    saying why, when no server can be reached."""
    pymysql = pytest.importorskip("pymysql", reason="PyMySQL is not installed")
    from wpimport.sources.mysql import connection_arguments

    arguments = connection_arguments(ADMIN_URL)
    try:
        admin = pymysql.connect(**arguments, client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS)
    except pymysql.MySQLError as error:
        pytest.skip(f"no MySQL/MariaDB server for {ADMIN_URL} ({error.args[-1]})")
    name = f"wpapi_import_test_{uuid.uuid4().hex[:8]}"
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
            cursor.execute(f"USE `{name}`")
            cursor.execute(gzip.decompress(DUMP.read_bytes()).decode())
            while cursor.nextset():
                pass
        admin.commit()
    except pymysql.MySQLError as error:
        admin.close()
        pytest.skip(f"cannot load the dump into {ADMIN_URL} ({error.args[-1]})")
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE `{name}`")
    admin.close()
