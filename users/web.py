"""The two browser pages WordPress serves outside the REST API for its users:

- ``/wp-login.php``: log in (any user, not only Django staff) with a Django session, then get a
  wp_rest nonce from admin-ajax.php for cookie + ``X-WP-Nonce`` requests; ``?action=logout``
  logs out after a CSRF-protected confirmation. Failed logins are throttled (throttling.py).
- ``/wp-admin/authorize-application.php``: an app asks the logged-in user for an application
  password (wp-admin/authorize-application.php, with wp_is_authorize_application_password_
  request_valid's checks) and gets it back at its ``success_url``.
"""

import re
from typing import Any
from urllib.parse import quote_plus, unquote_plus, urlsplit

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from users import throttling
from users.models import ApplicationPassword, User
from users.services import application_password_create, sanitize_text_field
from wpapi.errors import WPError
from wpapi.links import site_url
from wpapi.schema import EMAIL

LOGIN_PATH = "/wp-login.php"
AUTHORIZE_PATH = "/wp-admin/authorize-application.php"
REMEMBER_ME_SECONDS = 14 * 86400  # wp_set_auth_cookie's "remember me" lifetime


# --- /wp-login.php ------------------------------------------------------------------------------
class WPLoginForm(AuthenticationForm):
    """wp-login.php's form. As wp_authenticate_email_password does, a login that is not a
    username but the email address of a user logs that user in; and logins compare without
    regard to case, as WordPress's (MySQL's) do."""

    def clean(self) -> dict[str, Any]:
        login = self.cleaned_data.get("username")
        if login and not User.objects.filter(username=login).exists():
            owner = []
            if EMAIL.match(login):
                owner = User.objects.filter(email__iexact=login).values_list("username", flat=True)
            if not owner:
                owner = User.objects.filter(username__iexact=login).values_list(
                    "username", flat=True
                )[:2]
            if len(owner) == 1:
                self.cleaned_data["username"] = owner[0]
        return super().clean()


class WPLoginView(auth_views.LoginView):
    """Django's LoginView under WordPress's names: `log`, `pwd`, `rememberme`, `redirect_to`."""

    template_name = "users/login.html"
    authentication_form = WPLoginForm
    redirect_field_name = "redirect_to"

    def get_success_url_allowed_hosts(self) -> set[str]:
        # wp_safe_redirect allows the site's own host (WP_SITE_URL may differ from Host:)
        return {*super().get_success_url_allowed_hosts(), urlsplit(site_url(self.request)).netloc}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # too many failures from this address or for this account: refused before checking
        self.throttle_account = throttling.account_for(
            request.POST.get("log", request.POST.get("username", ""))
        )
        wait = throttling.locked_out(request, self.throttle_account)
        if wait is not None:
            return throttling.too_many_attempts_response(wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        if form.has_error(NON_FIELD_ERRORS, "invalid_login") or form.has_error(
            NON_FIELD_ERRORS, "inactive"
        ):
            throttling.record_failure(self.request, self.throttle_account)
        return super().form_invalid(form)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if kwargs.get("data") is not None:
            data = kwargs["data"].copy()
            for wp_name, name in (("log", "username"), ("pwd", "password")):
                if wp_name in data and name not in data:
                    data[name] = data[wp_name]
            kwargs["data"] = data
        return kwargs

    def get_default_redirect_url(self) -> str:
        # WordPress sends people to the dashboard: here Django admin for those who may use it
        # (contributors and above), the site for others.
        from users.policies import can_use_admin

        return "/admin/" if can_use_admin(self.request.user) else "/"

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # Without "remember me" the cookie ends with the browser session, as WordPress's does.
        self.request.session.set_expiry(
            REMEMBER_ME_SECONDS if self.request.POST.get("rememberme") else 0
        )
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["loggedout"] = self.request.GET.get("loggedout") == "true"
        context["login_value"] = self.request.POST.get("log", self.request.POST.get("username", ""))
        return context


class WPLogoutView(auth_views.LogoutView):
    redirect_field_name = "redirect_to"
    next_page = LOGIN_PATH + "?loggedout=true"

    def get_success_url_allowed_hosts(self) -> set[str]:
        return {*super().get_success_url_allowed_hosts(), urlsplit(site_url(self.request)).netloc}


def _logout(request: HttpRequest) -> HttpResponse:
    """?action=logout: a POST logs out; a GET asks first (WordPress asks when the link's nonce
    is missing; here the confirmation form carries the CSRF token instead)."""
    if request.method == "POST":
        return WPLogoutView.as_view()(request)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(LOGIN_PATH + "?loggedout=true")
    redirect_to = request.GET.get("redirect_to", "")
    return render(request, "users/logout_confirm.html", {"redirect_to": redirect_to})


@sensitive_post_parameters("pwd", "password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def wp_login(request: HttpRequest) -> HttpResponse:
    """/wp-login.php, dispatched on `action` as WordPress does (unknown actions log in)."""
    action = request.GET.get("action") or request.POST.get("action") or "login"
    if action == "logout":
        return _logout(request)
    return WPLoginView.as_view()(request)


# --- /wp-admin/authorize-application.php --------------------------------------------------------
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")  # wp_is_uuid
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
BAD_PROTOCOLS = {"javascript", "data"}
# http is allowed to the machine itself: a desktop app listening for its callback
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def redirect_url_error(url: str) -> str | None:
    """wp_is_authorize_application_redirect_url_valid: None if `url` may receive the password."""
    if not url:
        return None
    if not URL_SCHEME.match(url) or any(
        ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url
    ):
        return "Invalid URL format."
    try:
        parts = urlsplit(url)
        host = parts.hostname
        has_credentials = parts.username is not None or parts.password is not None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "Invalid URL format."
    scheme = parts.scheme.lower()
    if not host or scheme in BAD_PROTOCOLS:
        return "Invalid URL format."
    if has_credentials:
        return "Credentials are not allowed in the URL."
    if scheme == "http" and host not in LOOPBACK_HOSTS:
        return "The URL must be served over a secure connection."
    return None


def authorize_request_errors(
    app_name: str, app_id: str, success_url: str, reject_url: str
) -> list[str]:
    """wp_is_authorize_application_password_request_valid, plus the app name this server
    requires up front (WordPress lets the user type one in)."""
    errors = []
    if not sanitize_text_field(app_name):
        errors.append("An application name is required to create an application password.")
    if app_id and not UUID.match(app_id):
        errors.append("The application ID must be a UUID.")
    for url in (success_url, reject_url):
        error = redirect_url_error(url)
        if error and error not in errors:
            errors.append(error)
    return errors


def add_query_arg(url: str, args: dict[str, str], encode: bool = True) -> str:
    """add_query_arg(): the args replace any of the same name; the rest of the URL is kept.
    `encode=False` is for showing the URL to people (WordPress's preview is not encoded)."""
    quote = quote_plus if encode else str
    base, hash_mark, fragment = url.partition("#")
    base, _, query = base.partition("?")
    kept = [
        pair
        for pair in query.split("&")
        if pair and unquote_plus(pair.split("=", 1)[0]) not in args
    ]
    kept += [f"{quote(name)}={quote(value)}" for name, value in args.items()]
    return f"{base}?{'&'.join(kept)}" + (hash_mark + fragment if hash_mark else "")


class AppRedirect(HttpResponseRedirect):
    """A redirect to the app's own URL, whatever its scheme (`myapp://`), once validated."""

    class _ValidatedSchemes:
        def __contains__(self, scheme: object) -> bool:
            return str(scheme).lower() not in BAD_PROTOCOLS

    allowed_schemes = _ValidatedSchemes()


def _authorize_params(request: HttpRequest) -> dict[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    params = {
        name: source.get(name, "") for name in ("app_name", "app_id", "success_url", "reject_url")
    }
    params["app_name"] = params["app_name"].strip()
    params["reject_url"] = params["reject_url"] or params["success_url"]  # as WordPress does
    return params


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def authorize_application(request: HttpRequest) -> HttpResponse:
    """wp-admin/authorize-application.php: approve -> a new application password sent to
    success_url (site_url, user_login, password), or shown once; reject -> success=false."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), LOGIN_PATH, "redirect_to")
    params = _authorize_params(request)
    errors = authorize_request_errors(**params)
    if errors:
        return render(request, "users/authorize_error.html", {"errors": errors}, status=400)
    context: dict[str, Any] = {
        **params,
        "user": request.user,
        "approve_preview": "",
        "reject_preview": "",
    }
    if request.method == "POST" and "reject" in request.POST:
        if params["reject_url"]:
            return AppRedirect(add_query_arg(params["reject_url"], {"success": "false"}))
        return render(request, "users/authorize_done.html", {**context, "rejected": True})
    if request.method == "POST" and "approve" in request.POST:
        try:
            _, plain = application_password_create(
                user=request.user, name=params["app_name"], app_id=params["app_id"]
            )
        except WPError as error:  # e.g. the user already has a password of that name
            context["error"] = error.message
        else:
            if params["success_url"]:
                return AppRedirect(
                    add_query_arg(
                        params["success_url"],
                        {
                            "site_url": site_url(request),
                            "user_login": request.user.username,
                            "password": plain,
                        },
                    )
                )
            return render(
                request,
                "users/authorize_done.html",
                {**context, "password": ApplicationPassword.chunked(plain)},
            )
    if params["success_url"]:
        context["approve_preview"] = add_query_arg(
            params["success_url"],
            {
                "site_url": site_url(request),
                "user_login": request.user.username,
                "password": "[------]",
            },
            encode=False,
        )
    if params["reject_url"]:
        context["reject_preview"] = add_query_arg(
            params["reject_url"], {"success": "false"}, encode=False
        )
    return render(request, "users/authorize.html", context)
