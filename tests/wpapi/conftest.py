"""A small resource registered only for the core tests: the REST core is exercised through it
exactly as the real resources use it (arguments, pagination, contexts, links, permissions)."""

import pytest
from django.db.models import QuerySet

from tests.factories import UserFactory
from users.capabilities import user_can
from users.models import User
from wpapi.links import rest_url
from wpapi.routing import router
from wpapi.serializers import WPSerializer
from wpapi.viewsets import WPViewSet, collection_params

THINGS = "/wp/v2/core-test-things"


class ThingSerializer(WPSerializer):
    schema = {
        "title": "thing",
        "type": "object",
        "properties": {
            "id": {
                "type": "integer",
                "context": ["view", "edit", "embed"],
                "readonly": True,
                "description": "Unique identifier.",
            },
            "name": {
                "type": "string",
                "context": ["view", "edit", "embed"],
                "description": "The name.",
                "required": True,
            },
            "secret": {"type": "string", "context": ["edit"], "description": "Edit only."},
            "title": {
                "type": "object",
                "context": ["view", "edit", "embed"],
                "description": "Raw and rendered.",
                "properties": {
                    "raw": {"type": "string", "context": ["edit"]},
                    "rendered": {
                        "type": "string",
                        "context": ["view", "edit", "embed"],
                        "readonly": True,
                    },
                },
            },
        },
    }

    def to_representation(self, user):
        data = {"id": user.pk}
        if self.wants("name"):
            data["name"] = user.display_name
        if self.wants("secret"):
            data["secret"] = user.email
        if self.wants("title"):
            data["title"] = {"raw": user.username, "rendered": f"<b>{user.username}</b>"}
        return data

    def links(self, user):
        request = self.context["request"]
        return {
            "self": [{"href": rest_url(request, f"{THINGS}/{user.pk}")}],
            "wp:thing": [{"embeddable": True, "href": rest_url(request, f"{THINGS}/{user.pk}")}],
        }


class ThingViewSet(WPViewSet):
    serializer_class = ThingSerializer
    not_found_code, not_found_message = "rest_thing_invalid_id", "Invalid thing ID."
    invalid_page_code = "rest_thing_invalid_page_number"
    allow_batch = True

    def collection_args(self):
        return collection_params(
            offset={"type": "integer", "description": "Offset."},
            include={
                "type": "array",
                "items": {"type": "integer"},
                "default": [],
                "description": "Limit to IDs.",
            },
            order={
                "type": "string",
                "enum": ["asc", "desc"],
                "default": "asc",
                "description": "Order.",
            },
            flag={"type": "boolean", "description": "A boolean."},
            terms=TERM_QUERY_ARG,
            when={"type": "string", "format": "date-time", "description": "A date."},
        )

    def get_queryset(self) -> QuerySet[User]:
        return User.objects.all()

    def filter_queryset(self, queryset):
        if self.params.get("include"):
            queryset = queryset.filter(pk__in=self.params["include"])
        return queryset.order_by("id" if self.params.get("order") == "asc" else "-id")

    def check_list_permission(self):
        if self.wp_context == "edit" and not user_can(self.request.user, "list_users"):
            raise self.forbid("rest_forbidden_context", "Sorry, you cannot edit things.")

    def check_retrieve_permission(self, obj):
        self.check_list_permission()

    def check_create_permission(self):
        if not user_can(self.request.user, "create_users"):
            raise self.forbid("rest_cannot_create", "Sorry, you cannot create things.")

    def check_update_permission(self, obj):
        if not user_can(self.request.user, "edit_user", obj):
            raise self.forbid("rest_cannot_edit", "Sorry, you cannot edit this thing.")

    check_destroy_permission = check_update_permission

    def perform_create(self, params):
        return UserFactory(display_name=params["name"])

    def perform_update(self, obj, params):
        if "name" in params:
            obj.display_name = params["name"]
            obj.save()
        return obj

    def perform_destroy(self, obj, params):
        previous = self.serialize_one(obj)
        obj.delete()
        return {"deleted": True, "previous": previous}


@pytest.fixture(autouse=True)
def things_route():
    import wpapi.urls  # noqa: F401 - the real route table first, so it is restored afterwards

    before = list(router.routes)
    router.register(THINGS, ThingViewSet)
    yield THINGS
    router.routes[:] = before


@pytest.fixture
def things(db):
    return UserFactory.create_batch(5)


TERM_QUERY_ARG = {
    "type": ["object", "array"],
    "oneOf": [
        {"title": "Term ID List", "type": "array", "items": {"type": "integer"}},
        {
            "title": "Term ID Taxonomy Query",
            "type": "object",
            "properties": {
                "terms": {"type": "array", "items": {"type": "integer"}, "default": []},
                "operator": {"type": "string", "enum": ["AND", "OR"], "default": "OR"},
            },
            "additionalProperties": False,
        },
    ],
    "description": "A WordPress taxonomy-query argument.",
}
