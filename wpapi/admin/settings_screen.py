"""Site settings (Settings > General, Reading, Writing, Discussion) for administrators: the
options /wp/v2/settings serves, checked by the same argument schema, and the discussion options
the comment rules read. Saved with wpapi.site.update_options, so every process sees them."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from users.capabilities import user_can
from wpapi.errors import WPError
from wpapi.schema import process_args

WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
#: the screens of WordPress's Settings menu and the options on each
SECTIONS = (
    ("General", ("title", "description", "email", "timezone", "date_format", "time_format")),
    ("", ("start_of_week", "language", "site_logo", "site_icon")),
    ("Writing", ("default_category", "default_post_format", "use_smilies")),
    ("Reading", ("show_on_front", "page_on_front", "page_for_posts", "posts_per_page")),
    (
        "Discussion",
        (
            "default_comment_status",
            "default_ping_status",
            "comment_registration",
            "require_name_email",
            "comment_moderation",
            "comment_previously_approved",
            "comment_max_links",
            "moderation_keys",
            "disallowed_keys",
            "close_comments_for_old_posts",
            "close_comments_days_old",
        ),
    ),
)
LABELS = {
    "title": "Site title",
    "description": "Tagline",
    "email": "Administration email address",
    "show_on_front": "Your homepage displays",
    "page_on_front": "Homepage",
    "page_for_posts": "Posts page",
    "posts_per_page": "Blog pages show at most",
    "comment_registration": "Users must be registered and logged in to comment",
    "require_name_email": "Comment author must fill out name and email",
    "comment_moderation": "Comment must be manually approved",
    "comment_previously_approved": "Comment author must have a previously approved comment",
    "comment_max_links": "Hold a comment in the queue if it contains this many links or more",
    "moderation_keys": "Comment moderation words (one per line)",
    "disallowed_keys": "Disallowed comment keys (one per line)",
    "close_comments_for_old_posts": "Automatically close comments on old posts",
    "close_comments_days_old": "Close comments on posts older than (days)",
}


def can_manage_settings(user: Any) -> bool:
    """Settings screens need manage_options (administrators), as /wp/v2/settings does."""
    return bool(getattr(user, "is_active", False)) and user_can(user, "manage_options")


def _api_args() -> dict[str, dict[str, Any]]:
    """/wp/v2/settings' own arguments (type, enum, format and their checks)."""
    from wpapi.site_settings import SettingsViewSet

    return SettingsViewSet().settings_args()


def _choices_of_pages() -> list[tuple[int, str]]:
    from content.models import Post

    pages = Post.objects.filter(type="page", status="publish").order_by("title")
    return [(0, "— Select —"), *((page.pk, page.title or f"#{page.pk}") for page in pages)]


def _choices_of_categories() -> list[tuple[int, str]]:
    from taxonomy.admin import tree_choices
    from taxonomy.models import Term

    return tree_choices(Term.objects.filter(taxonomy="category"))


def _field(name: str, arg: dict[str, Any] | None, default: Any) -> forms.Field:
    """A form field for one option, from its REST argument (or its default's type)."""
    label = LABELS.get(name) or (arg or {}).get("description") or name.replace("_", " ")
    kind = (arg or {}).get("type") or (
        "boolean"
        if isinstance(default, bool)
        else "integer"
        if isinstance(default, int)
        else "string"
    )
    if name == "start_of_week":
        return forms.TypedChoiceField(
            label="Week starts on", choices=list(enumerate(WEEKDAYS)), coerce=int
        )
    if name == "show_on_front":
        choices = [("posts", "Your latest posts"), ("page", "A static page")]
        return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
    if name in ("page_on_front", "page_for_posts"):
        return forms.TypedChoiceField(label=label, choices=_choices_of_pages, coerce=int)
    if name == "default_category":
        return forms.TypedChoiceField(
            label="Default post category", choices=_choices_of_categories, coerce=int
        )
    if name == "default_post_format":
        from content.serializers.schema import POST_FORMATS

        choices = [("0", "Standard"), *((f, f.title()) for f in POST_FORMATS if f != "standard")]
        return forms.ChoiceField(label="Default post format", choices=choices)
    if name in ("moderation_keys", "disallowed_keys"):
        return forms.CharField(
            label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}), strip=False
        )
    if arg is not None and arg.get("enum"):
        return forms.ChoiceField(label=label, choices=[(v, v) for v in arg["enum"]])
    if kind == "boolean":
        return forms.BooleanField(label=label, required=False)
    if kind == "integer":
        return forms.IntegerField(label=label, required=name not in ("site_logo", "site_icon"))
    if name == "email":
        return forms.EmailField(label=label)
    return forms.CharField(label=label, required=name != "title", strip=False)


class SettingsForm(forms.Form):
    """Every option on one form; what changed is checked by /wp/v2/settings' arguments."""

    def __init__(self, *args: Any, current: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from comments.options import OPTION_DEFAULTS

        self.api_args = _api_args()
        self.current: dict[str, Any] = {}
        for _, names in SECTIONS:
            for name in names:
                self.fields[name] = _field(name, self.api_args.get(name), OPTION_DEFAULTS.get(name))
                value = current.get(name, OPTION_DEFAULTS.get(name))
                if value is None and name.startswith("page_"):
                    value = 0
                self.current[name] = self.initial[name] = value

    def sections(self) -> list[tuple[str, list[Any]]]:
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"].strip()
        try:
            ZoneInfo(value)
        except (ValueError, KeyError):
            raise forms.ValidationError(
                "Unknown timezone: name a city, e.g. Europe/Paris."
            ) from None
        return value

    def changed_values(self) -> dict[str, Any]:
        """The options whose value differs from what is stored, as they will be saved."""
        changed = {}
        for name, value in self.cleaned_data.items():
            if value == "" and name in ("site_logo", "site_icon"):
                value = None
            if value != self.current.get(name):
                changed[name] = value
        return changed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        api = {
            name: value for name, value in self.changed_values().items() if name in self.api_args
        }
        try:
            checked = process_args(self.api_args, api)
        except WPError as error:
            for name, message in (error.data.get("params") or {}).items():
                self.add_error(name if name in self.fields else None, message)
            return cleaned
        for name in api:
            cleaned[name] = checked[name]
        return cleaned


def settings_view(site: Any, request: HttpRequest) -> HttpResponse:
    """The settings screen: GET shows every option, POST saves what changed."""
    from wpapi.site import options, update_options

    if not can_manage_settings(request.user):
        raise PermissionDenied
    current = options()
    form = SettingsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_values()
        if changed:
            update_options(changed)
        messages.success(request, "Settings saved.")
        return HttpResponseRedirect(request.path)
    context = {
        **site.each_context(request),
        "title": "Site settings",
        "form": form,
        "sections": form.sections(),
    }
    return TemplateResponse(request, "admin/wp/settings.html", context)
