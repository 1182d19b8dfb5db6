"""The OpenAPI 3.1 document: generated from the route table, served at /openapi.json and by
`manage.py openapi`, and honest: real answers validate against its schemas."""

import io
import json

import jsonschema_rs
import pytest
from django.core.management import call_command

from tests.factories import CommentFactory, PostFactory, UserFactory
from tests.helpers import assert_wp_error
from wpapi.routing import router

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def validator(document, schema):
    """A validator for `schema` whose $refs point into the document's components."""
    return jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})


def response_schema(document, path, method, status="200"):
    return document["paths"][path][method]["responses"][status]["content"]["application/json"][
        "schema"
    ]


def test_every_route_and_method_is_an_operation(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://testserver"}]
    operations = sum(
        1 for entry in document["paths"].values() for key in entry if key != "parameters"
    )
    assert operations == sum(len(route.actions) for route in router.routes)
    assert "/wp-json/" in document["paths"]
    assert "/wp-json/wp/v2/posts/{id}" in document["paths"]
    ids = [
        op["operationId"]
        for e in document["paths"].values()
        for k, op in e.items()
        if k != "parameters"
    ]
    assert len(ids) == len(set(ids))


def test_path_parameters_come_from_the_route_patterns(document):
    item = document["paths"]["/wp-json/wp/v2/posts/{id}"]
    assert item["parameters"] == [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}}
    ]
    owner = document["paths"]["/wp-json/wp/v2/users/{user_id}/application-passwords"]
    assert owner["parameters"][0]["schema"] == {"type": "string", "pattern": "^(?:[\\d]+|me)$"}
    revision = document["paths"]["/wp-json/wp/v2/posts/{parent}/revisions/{id}"]
    assert [p["name"] for p in revision["parameters"]] == ["parent", "id"]


def test_collection_arguments_are_query_parameters(document):
    listing = document["paths"]["/wp-json/wp/v2/posts"]["get"]
    params = {p["name"]: p for p in listing["parameters"]}
    assert params["per_page"]["schema"] == {
        "type": "integer",
        "default": 10,
        "minimum": 1,
        "maximum": 100,
    }
    assert params["context"]["schema"]["enum"] == ["view", "embed", "edit"]
    # arrays travel as WordPress reads them: include=1,2,3
    assert params["include"]["style"] == "form"
    assert params["include"]["explode"] is False
    # array-or-object arguments: the array form, never empty
    assert params["categories"]["schema"]["type"] == "array"
    assert params["categories"]["schema"]["minItems"] == 1
    assert listing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/post"},
    }


def test_write_arguments_are_a_json_body_and_errors_are_wordpress_errors(document):
    create = document["paths"]["/wp-json/wp/v2/posts"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["status"]["enum"] == [
        "publish",
        "future",
        "draft",
        "pending",
        "private",
    ]
    assert "id" not in body["properties"]  # read-only fields are not arguments
    assert set(create["responses"]) == {"201", "200", "default"}
    assert create["responses"]["default"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WP_Error"
    }
    users = document["paths"]["/wp-json/wp/v2/users"]["post"]
    required = users["requestBody"]["content"]["application/json"]["schema"]["required"]
    assert set(required) == {"username", "email", "password"}
    delete = document["paths"]["/wp-json/wp/v2/users/{id}"]["delete"]
    assert {p["name"] for p in delete["parameters"]} == {"force", "reassign"}
    assert "501" in delete["responses"]  # rest_trash_not_supported, WordPress's own answer


@pytest.mark.parametrize(
    ("path", "item"),
    [("/wp-json/wp/v2/types", "type"), ("/wp-json/wp/v2/menu-locations", "menu-location")],
)
def test_keyed_collections_are_objects_or_an_empty_php_array(document, path, item):
    schema = response_schema(document, path, "get")
    assert schema == {
        "type": ["object", "array"],
        "maxItems": 0,
        "additionalProperties": {"$ref": f"#/components/schemas/{item}"},
    }


def test_wordpress_schema_dialect_is_translated(document):
    post = document["components"]["schemas"]["post"]
    assert post["properties"]["id"]["readOnly"] is True
    assert post["properties"]["id"]["x-wp-context"] == ["view", "edit", "embed"]
    assert "readonly" not in json.dumps(document)
    assert '"context": [' not in json.dumps(document)
    # offset-less dates are described by a pattern, not as RFC 3339
    assert "format" not in post["properties"]["date"]
    assert post["properties"]["date"]["pattern"].startswith("^\\d{4}")
    # PHP's empty object is []
    assert post["properties"]["meta"]["type"] == ["object", "array"]


def test_real_answers_validate_against_the_document(document, api_client, admin_user):
    author = UserFactory(url="")
    post = PostFactory(author=author, status="publish")
    CommentFactory(post=post, author_url="")
    api_client.force_authenticate(admin_user)
    posts = validator(document, response_schema(document, "/wp-json/wp/v2/posts", "get"))
    assert not posts.is_valid([{"id": "seven"}])  # the check can fail
    assert not posts.is_valid([{"date": "yesterday"}])
    for path, url in [
        ("/wp-json/wp/v2/posts", "/wp-json/wp/v2/posts?context=edit"),
        ("/wp-json/wp/v2/posts", "/wp-json/wp/v2/posts?_embed=1"),
        ("/wp-json/wp/v2/comments", "/wp-json/wp/v2/comments?context=edit"),
        ("/wp-json/wp/v2/users", "/wp-json/wp/v2/users?context=edit"),
        ("/wp-json/wp/v2/settings", "/wp-json/wp/v2/settings"),
        ("/wp-json/wp/v2/types", "/wp-json/wp/v2/types?context=edit"),
        ("/wp-json/wp/v2/taxonomies", "/wp-json/wp/v2/taxonomies"),
        ("/wp-json/wp/v2/categories", "/wp-json/wp/v2/categories?context=edit"),
    ]:
        response = api_client.get(url)
        assert response.status_code == 200, url
        errors = list(
            validator(document, response_schema(document, path, "get")).iter_errors(response.json())
        )
        assert not errors, (url, [str(error) for error in errors[:3]])


def test_errors_validate_against_the_error_schema(document, api_client):
    response = api_client.get("/wp-json/wp/v2/posts", {"per_page": "1000"})
    body = assert_wp_error(response, "rest_invalid_param", 400)
    error_schema = {"$ref": "#/components/schemas/WP_Error"}
    assert validator(document, error_schema).is_valid(body)
    missing = api_client.delete("/wp-json/wp/v2/users/1")
    assert validator(document, error_schema).is_valid(missing.json())


def test_the_command_prints_the_same_document(document, settings):
    out = io.StringIO()
    call_command("openapi", "--site-url", "http://testserver", stdout=out)
    assert json.loads(out.getvalue()) == document


def test_the_command_uses_the_site_url(settings):
    settings.WP_SITE_URL = "https://api.example.com"
    out = io.StringIO()
    call_command("openapi", "--site-url", "https://api.example.com/", stdout=out)
    assert json.loads(out.getvalue())["servers"] == [{"url": "https://api.example.com"}]


def test_only_get_and_head(client):
    response = client.post("/openapi.json")
    assert_wp_error(response, "rest_no_route", 404)
    assert response["Allow"] == "GET, HEAD"
