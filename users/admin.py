"""Users in Django admin (users.php, user-new.php, profile.php): administrators manage users and
roles; everyone edits their own profile and application passwords (created and shown once,
revoked). Writes go through the user services after the REST API's checks (users.policies)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from users import policies
from users.capabilities import role_of, user_can
from users.models import ApplicationPassword, Role, User
from users.services import (
    application_password_create,
    user_create,
    user_delete,
    user_update,
)
from wpapi.admin import CapabilityAdmin, ServiceForm, try_write

PROFILE = {  # form field -> the REST argument it is
    "first_name": "first_name",
    "last_name": "last_name",
    "nickname": "nickname",
    "display_name": "name",
    "email": "email",
    "url": "url",
    "description": "description",
}


class ProfileForm(ServiceForm):
    """A user's profile, role and application passwords (user-edit.php)."""

    first_name = forms.CharField(required=False, max_length=150)
    last_name = forms.CharField(required=False, max_length=150)
    nickname = forms.CharField(required=False, max_length=250)
    display_name = forms.CharField(required=False, max_length=250, label="Display name")
    email = forms.EmailField(max_length=254)
    url = forms.CharField(required=False, max_length=100, label="Website")
    description = forms.CharField(
        required=False,
        strip=False,
        label="Biographical info",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    role = forms.ChoiceField(choices=Role.choices, required=False)
    new_application_password = forms.CharField(
        required=False,
        label="New application password name",
        help_text="An app's name; its password is shown once, after saving.",
    )
    revoke = forms.MultipleChoiceField(
        required=False,
        label="Revoke application passwords",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields: list[str] = []

    model_admin: Any = None
    request: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user, viewer = self.instance, self.request.user
        self.start = {name: getattr(user, name) or "" for name in PROFILE}
        self.start["role"] = role_of(user)
        for name, value in self.start.items():
            self.initial.setdefault(name, value)
        if not user_can(viewer, "promote_user", user):
            self.fields["role"].disabled = True
        passwords = list(user.application_passwords.all())
        self.fields["revoke"].choices = [
            (
                str(item.uuid),
                f"{item.name} (created {item.created:%Y/%m/%d}, last used "
                f"{f'{item.last_used:%Y/%m/%d}' if item.last_used else 'never'})",
            )
            for item in passwords
        ]
        if not user_can(viewer, "edit_app_password", user):
            del self.fields["new_application_password"], self.fields["revoke"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try_write(lambda: self.model_admin.write(self.request, self))
        return cleaned

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        params = {
            PROFILE[name]: data.get(name, "")
            for name in PROFILE
            if data.get(name, "") != self.start[name]
        }
        if not self.fields["role"].disabled and data.get("role") != self.start["role"]:
            params["roles"] = [data["role"]] if data.get("role") else []
        return params


class NewUserForm(UserCreationForm):
    """user-new.php: login, email, role and a password."""

    email = forms.EmailField(max_length=254)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.SUBSCRIBER)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)

    model_admin: Any = None
    request: Any = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try_write(lambda: self.model_admin.create(self.request, self))
        return cleaned


class WPUserAdmin(CapabilityAdmin, UserAdmin):
    """Users for administrators (list_users, create_users, edit_users, delete_users); one's
    own profile for everyone who may use the admin (edit_user maps to nothing for oneself)."""

    menu_group = "Users"
    menu_order = 70
    view_capability = "list_users"
    add_capability = "create_users"
    change_capability = "edit_users"
    delete_capability = "delete_users"
    object_change_capability = "edit_user"
    object_delete_capability = "delete_user"
    list_display = ("username", "display_name", "email", "role_column", "posts_column")
    list_filter = ("role",)
    search_fields = ("username", "email", "display_name", "nicename", "url")
    ordering = ("username",)
    actions: list[str] = []
    add_form = NewUserForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "role", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("username", "application_passwords")
    delete_confirmation_template = "admin/wp/user_delete_confirmation.html"

    def get_queryset(self, request: Any) -> QuerySet[User]:
        posts = Count("posts", filter=Q(posts__type="post"))  # users.php's Posts column
        return super().get_queryset(request).annotate(post_total=posts)

    @admin.display(description="Role", ordering="role")
    def role_column(self, user: User) -> str:
        return ", ".join(user.roles) or "(no role)"

    @admin.display(description="Posts", ordering="post_total")
    def posts_column(self, user: User) -> int:
        return getattr(user, "post_total", 0)

    @admin.display(description="Application passwords")
    def application_passwords(self, user: User) -> str:
        items = list(user.application_passwords.all())
        if not items:
            return "None yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — created {}, last used {}</li>",
                (
                    (
                        i.name,
                        f"{i.created:%Y/%m/%d}",
                        f"{i.last_used:%Y/%m/%d}" if i.last_used else "never",
                    )
                    for i in items
                ),
            ),
        )

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        base = NewUserForm if obj is None else ProfileForm
        return type("UserScreenForm", (base,), {"model_admin": self, "request": request})

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        if obj is None:
            return self.add_fieldsets
        sets: list[Any] = [
            (None, {"fields": ["username", "password", "role"]}),
            ("Name", {"fields": ["first_name", "last_name", "nickname", "display_name"]}),
            ("Contact info", {"fields": ["email", "url"]}),
            ("About", {"fields": ["description"]}),
        ]
        if user_can(request.user, "edit_app_password", obj):
            sets.append(
                (
                    "Application passwords",
                    {"fields": ["application_passwords", "new_application_password", "revoke"]},
                )
            )
        return sets

    def get_readonly_fields(self, request: Any, obj: Any = None) -> tuple[str, ...]:
        return ("username", "password", "application_passwords") if obj is not None else ()

    @admin.display(description="Password")
    def password(self, user: User) -> str:
        url = reverse("admin:users_user_password_change", args=[user.pk])
        return format_html('<a href="{}">Set a new password</a>', url)

    # --- writes -----------------------------------------------------------------------------
    def write(self, request: Any, form: ProfileForm) -> User:
        """user_update with what changed, after PUT /wp/v2/users/<id>'s checks."""
        viewer = request.user
        user = User.objects.get(pk=form.instance.pk)
        params = form.params()
        if params:
            policies.check_can_update_user(viewer, user, params, set(params))
            if "roles" in params:
                policies.check_role_update(viewer, user.pk, params["roles"])
            user = user_update(
                user=user,
                kses_description=policies.description_needs_kses(viewer, trusted=True),
                **params,
            )
        return user

    def create(self, request: Any, form: NewUserForm) -> User:
        """user_create, after POST /wp/v2/users' checks."""
        viewer, data = request.user, form.cleaned_data
        policies.check_can_create_user(viewer)
        policies.check_role_update(viewer, None, [data["role"]])
        return user_create(
            username=data["username"],
            password=data["password1"],
            email=data["email"],
            roles=[data["role"]],
            kses_description=policies.description_needs_kses(viewer, trusted=True),
        )

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        if not change:
            saved = self.create(request, form)
            obj.pk = saved.pk
            obj.refresh_from_db()
            return
        user = self.write(request, form)
        data = form.cleaned_data
        if data.get("revoke"):
            policies.check_can_manage_app_passwords(request.user, user, "destroy")
            user.application_passwords.filter(uuid__in=data["revoke"]).delete()
        name = data.get("new_application_password")
        if name:
            policies.check_can_manage_app_passwords(request.user, user, "create")
            from wpapi.errors import WPError

            try:
                _, plain = application_password_create(user=user, name=name)
            except WPError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"New application password for {name}: {ApplicationPassword.chunked(plain)} "
                    "— copy it now, it is not shown again.",
                    messages.SUCCESS,
                )
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        pass

    def delete_view(self, request: Any, object_id: str, extra_context: Any = None) -> HttpResponse:
        others = User.objects.exclude(pk=object_id).order_by("display_name", "username")
        return super().delete_view(request, object_id, {**(extra_context or {}), "others": others})

    def delete_model(self, request: Any, obj: User) -> None:
        """wp_delete_user(): the user's content goes to the user chosen, or with them."""
        reassign = request.POST.get("reassign") or ""
        to = User.objects.filter(pk=int(reassign)).first() if reassign.isdigit() else None
        user_delete(user=User.objects.get(pk=obj.pk), reassign=to)


@admin.register(ApplicationPassword)
class ApplicationPasswordAdmin(CapabilityAdmin):
    """Every application password, for administrators (edit_users): who uses what, revoke."""

    menu_group = "Users"
    menu_order = 71
    view_capability = change_capability = delete_capability = "edit_users"
    add_capability = "do_not_allow"  # created on the user's profile, by the API or the command
    list_display = ("name", "user", "created", "last_used", "last_ip")
    fields = ("user", "name", "app_id", "uuid", "created", "last_used", "last_ip")
    readonly_fields = ("user", "uuid", "created", "last_used", "last_ip")
    search_fields = ("name", "user__username")


admin.site.register(User, WPUserAdmin)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)  # WordPress has roles, not groups
