"""wp/v2 users, users/me, application passwords, and the admin-ajax rest-nonce endpoint."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.request import Request
from rest_framework.response import Response

from users import policies, services
from users.authentication import create_nonce
from users.meta import USER_META
from users.models import ApplicationPassword, User
from users.queries import filter_users, user_collection_args
from users.serializers import ApplicationPasswordSerializer, UserSerializer
from wpapi import schema as wp_schema
from wpapi.errors import WPError
from wpapi.links import rest_url
from wpapi.params import absint, is_row_id, php_intval
from wpapi.schema import SchemaError
from wpapi.viewsets import CONTEXT_ARG, WPViewSet

NOT_LOGGED_IN = ("rest_not_logged_in", "You are not currently logged in.")


def _check_reassign(value: Any, name: str) -> None:
    """check_reassign(): an integer, or false / "false" / "" for "delete their posts"."""
    if wp_schema.is_numeric(value) or value in (False, "false", "", 0, "0", None):
        return
    raise SchemaError("rest_invalid_param", "Invalid user parameter(s).", {"status": 400})


def _check_username(value: Any, arg: dict[str, Any]) -> str:
    if not services.valid_username(value):
        raise SchemaError(
            "rest_user_invalid_username",
            "This username is invalid because it uses illegal characters. Please "
            "enter a valid username.",
            {"status": 400},
        )
    return value


def _check_password(value: Any, arg: dict[str, Any]) -> str:
    if not value:
        raise SchemaError(
            "rest_user_invalid_password", "Passwords cannot be empty.", {"status": 400}
        )
    if "\\" in value:
        raise SchemaError(
            "rest_user_invalid_password",
            'Passwords cannot contain the "\\" character.',
            {"status": 400},
        )
    return value


def _reassign_value(value: Any) -> int | None:
    if value in (False, "false", "", None):
        return None
    return absint(value)


class UserViewSet(WPViewSet):
    """/wp/v2/users and /wp/v2/users/<id> (WP_REST_Users_Controller)."""

    serializer_class = UserSerializer
    not_found_code, not_found_message = "rest_user_invalid_id", "Invalid user ID."
    id_description = "Unique identifier for the user."
    # get_items(): a page past the end is an empty list; `offset` overrides the page and goes
    # to WP_User_Query's LIMIT as given (a negative one finds nothing)
    page_past_end_is_error = False
    page_follows_offset = True
    offset_may_be_negative = True

    # --- arguments ------------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return user_collection_args()

    def _write_args(self, creating: bool) -> dict[str, dict[str, Any]]:
        args = wp_schema.args_from_schema(UserSerializer.schema, creating=creating)
        # check_username() and check_user_password() are sanitize callbacks: they run after
        # every argument passed its schema
        args["username"]["arg_options"] = {"validate_first": True, "sanitize": _check_username}
        args["password"]["arg_options"] = {"validate_first": True, "sanitize": _check_password}
        return args

    def create_args(self) -> dict[str, dict[str, Any]]:
        return self._write_args(creating=True)

    def update_args(self) -> dict[str, dict[str, Any]]:
        return self._write_args(creating=False)

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {
            "force": {
                "type": "boolean",
                "default": False,
                "description": "Required to be true, as users do not support trashing.",
            },
            "reassign": {
                "type": "integer",
                "required": True,
                "description": "Reassign the deleted user's posts and links to this user ID.",
                "arg_options": {"validate": _check_reassign, "sanitize": False},
            },
        }

    # --- queries --------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[User]:
        return User.objects.all()

    def filter_queryset(self, queryset: QuerySet[User]) -> QuerySet[User]:
        return filter_users(queryset, self.params, self.request.user)

    def get_object(self) -> User:
        pk = php_intval(self.kwargs["id"])
        user = self.get_queryset().filter(pk=pk).first() if is_row_id(pk) else None
        if user is None:
            raise WPError(self.not_found_code, self.not_found_message, 404)
        return user

    def prepare_items(self, items: list[Any]) -> dict[str, Any]:
        fields = self.response_fields()
        if fields is not None and "meta" not in fields:
            return {}
        return {"meta": USER_META.load(user.pk for user in items)}

    # --- permissions ----------------------------------------------------------------------------
    def check_list_permission(self) -> None:
        policies.check_can_list_users(self.request.user, self.params)

    def check_retrieve_permission(self, user: User) -> None:
        policies.check_can_view_user(self.request.user, user, self.wp_context)

    def many_queryset(self, ids: list[int]) -> QuerySet[User]:
        return policies.with_countable_posts(self.request.user, super().many_queryset(ids))

    def check_create_permission(self) -> None:
        policies.check_can_create_user(self.request.user)

    def check_update_permission(self, user: User) -> None:
        names = set(self.raw_params()) | {"id"}
        policies.check_can_update_user(self.request.user, user, self.params, names)

    def check_destroy_permission(self, user: User) -> None:
        policies.check_can_delete_user(self.request.user, user)

    # --- handlers -------------------------------------------------------------------------------
    def perform_create(self, params: dict[str, Any]) -> User:
        if params.get("id"):
            raise WPError("rest_user_exists", "Cannot create existing user.", 400)
        if params.get("roles"):
            policies.check_role_update(self.request.user, None, params["roles"])
        viewer = self.request.user
        USER_META.check_can_write(User(), params.get("meta"), viewer)
        fields = self.write_fields(params)
        return services.user_create(
            username=params["username"],
            password=fields.pop("password"),
            kses_description=self.description_needs_kses(),
            **fields,
        )

    def perform_update(self, user: User, params: dict[str, Any]) -> User:
        viewer = self.request.user
        if isinstance(params.get("slug"), str):
            # the arg's sanitize_slug (uncut: over 50 characters is an error)
            params["slug"] = services.sanitize_nicename(params["slug"], limit=None)
        services.check_user_update(user=user, params=params)  # email, username, slug first
        if params.get("roles"):
            policies.check_role_update(viewer, user.pk, params["roles"])
        USER_META.check_can_write(user, params.get("meta"), viewer)
        return services.user_update(
            user=user,
            kses_description=self.description_needs_kses(),
            **self.write_fields(params),
        )

    def write_fields(self, params: dict[str, Any]) -> dict[str, Any]:
        """The request's arguments as the user services take them."""
        return {name: value for name, value in params.items() if name in services.USER_FIELDS}

    def description_needs_kses(self) -> bool:
        return policies.description_needs_kses(
            self.request.user, trusted=not self.via_app_password()
        )

    def via_app_password(self) -> bool:
        return isinstance(self.request.auth, ApplicationPassword)

    def perform_destroy(self, user: User, params: dict[str, Any]) -> dict[str, Any]:
        reassign_id = _reassign_value(params.get("reassign"))
        if not params.get("force"):
            raise WPError(
                "rest_trash_not_supported",
                "Users do not support trashing. Set 'force=true' to delete.",
                501,
            )
        reassign = None
        if reassign_id:
            reassign = (
                User.objects.filter(pk=reassign_id).first() if is_row_id(reassign_id) else None
            )
            if reassign_id == user.pk or reassign is None:
                raise WPError(
                    "rest_user_invalid_reassign", "Invalid user ID for reassignment.", 400
                )
        self.wp_context = "edit"
        previous = self.serialize_one(user)
        previous.pop("_links", None)  # WordPress sends the previous data without its links
        services.user_delete(user=user, reassign=reassign)
        return {"deleted": True, "previous": previous}


class CurrentUserViewSet(UserViewSet):
    """/wp/v2/users/me: the same resource, for whoever is logged in."""

    def url_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        user = request.user
        # OPTIONS too: its Allow asks the update and delete checks about the current user
        if self.action in ("retrieve", "update", "destroy", "describe_route", "metadata"):
            self.kwargs["id"] = user.pk if user.is_authenticated else 0
        super().initial(request, *args, **kwargs)

    def raw_params(self) -> dict[str, Any]:
        params = super().raw_params()
        params.pop("id", None)  # WordPress sets it only after validation
        return params

    def check_action_permission(self, action: str, obj: Any) -> None:
        if action == "retrieve":
            return  # get_current_item answers rest_not_logged_in itself
        super().check_action_permission(action, obj)

    def allowed_methods_for_user(self) -> list[str]:
        if getattr(self, "object", None) is None:
            return ["GET"]  # GET /users/me has no permission check; the others need a user
        return super().allowed_methods_for_user()

    def get_object(self) -> User:
        if self.action == "retrieve" and not self.request.user.is_authenticated:
            raise WPError(*NOT_LOGGED_IN, 401)
        return super().get_object()


class ApplicationPasswordViewSet(WPViewSet):
    """/wp/v2/users/<user_id|me>/application-passwords[/<uuid>|/introspect]."""

    serializer_class = ApplicationPasswordSerializer
    not_found_code, not_found_message = (
        "rest_application_password_not_found",
        "Application password not found.",
    )

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def introspect_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def destroy_all_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def get_queryset(self) -> QuerySet[ApplicationPassword]:
        return ApplicationPassword.objects.all()

    # --- the user of the route, then the password ------------------------------------------------
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self._owner: User | None = None
        super().initial(request, *args, **kwargs)

    def owner(self) -> User:
        """get_user(): `me` or an id; 401/404 as WordPress answers them."""
        if self._owner is not None:
            return self._owner
        raw = self.kwargs.get("user_id", "")
        if raw == "me":
            if not self.request.user.is_authenticated:
                raise WPError(*NOT_LOGGED_IN, 401)
            owner = self.request.user
        else:
            pk = php_intval(raw) if raw.isdigit() else 0
            owner = User.objects.filter(pk=pk).first() if is_row_id(pk) else None
        if owner is None:
            raise WPError("rest_user_invalid_id", "Invalid user ID.", 404)
        self._owner = owner
        return owner

    def password_item(self) -> ApplicationPassword:
        owner = self.owner()
        wanted = _uuid_or_none(self.kwargs.get("uuid", ""))
        item = owner.application_passwords.filter(uuid=wanted).first() if wanted else None
        if item is None:
            raise WPError(self.not_found_code, self.not_found_message, 404)
        return item

    def check_action_permission(self, action: str, obj: Any) -> None:
        if action not in policies.APP_PASSWORD_DENIED and action != "introspect":
            return  # OPTIONS (DRF names its action "metadata") describes the route to anyone
        owner = self.owner()
        if action == "introspect":
            policies.check_can_introspect(self.request.user, owner)
        else:
            policies.check_can_manage_app_passwords(self.request.user, owner, action)

    # --- handlers -------------------------------------------------------------------------------
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize(self.owner().application_passwords.all()))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        owner = self.owner()
        app_id = self.params.get("app_id") or ""
        item, plain = services.application_password_create(
            user=owner, name=self.params.get("name", ""), app_id=app_id
        )
        item.new_password = ApplicationPassword.chunked(plain)
        self.wp_context = "edit"
        response = Response(self.serialize_one(item), status=201)
        response["Location"] = rest_url(
            request, f"/wp/v2/users/{owner.pk}/application-passwords/{item.uuid}"
        )
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize_one(self.password_item()))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = services.application_password_rename(
            password=self.password_item(), name=self.params.get("name")
        )
        self.wp_context = "edit"
        return Response(self.serialize_one(item))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.password_item()
        self.wp_context = "edit"
        context = self.get_serializer_context()
        context["without_links"] = True
        previous = ApplicationPasswordSerializer(context=context).item(item)
        item.delete()
        return Response({"deleted": True, "previous": previous})

    def destroy_all(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        count, _ = self.owner().application_passwords.all().delete()
        return Response({"deleted": True, "count": count})

    def introspect(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        current = request.auth if isinstance(request.auth, ApplicationPassword) else None
        if current is None:
            raise WPError(
                "rest_no_authenticated_app_password", "Cannot introspect application password.", 404
            )
        item = self.owner().application_passwords.filter(pk=current.pk).first()
        if item is None:
            raise WPError(
                "rest_application_password_not_found", "Application password not found.", 500
            )
        return Response(self.serialize_one(item))

    def allowed_methods_for_user(self) -> list[str]:
        allowed = []
        for method, action in self.route.actions.items() if self.route else ():
            try:
                self.check_action_permission(action, None)
            except WPError:
                continue
            if method not in allowed:
                allowed.append(method)
        return allowed


def _uuid_or_none(value: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError):
        return None


@csrf_exempt
def rest_nonce(request: HttpRequest) -> HttpResponse:
    """admin-ajax.php?action=rest-nonce (api-fetch's nonceEndpoint): a fresh wp_rest nonce as
    text for a logged-in session; "0" (400) otherwise, as admin-ajax.php answers."""
    headers = {
        "Expires": "Wed, 11 Jan 1984 05:00:00 GMT",
        "Cache-Control": "no-cache, must-revalidate, max-age=0",
        "X-Robots-Tag": "noindex",
        "X-Content-Type-Options": "nosniff",
    }
    action = request.GET.get("action") or request.POST.get("action")
    user = getattr(request, "user", None)
    if not action:
        return HttpResponse(
            "0", status=400, content_type="text/html; charset=UTF-8", headers=headers
        )
    if action != "rest-nonce" or user is None or not user.is_authenticated:
        return HttpResponse(
            "0", status=400, content_type="text/html; charset=UTF-8", headers=headers
        )
    if not request.session.session_key:
        request.session.save()
    nonce = create_nonce(user, request.session.session_key or "")
    return HttpResponse(nonce, content_type="text/html; charset=UTF-8", headers=headers)
