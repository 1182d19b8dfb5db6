"""users routes, registered in the WordPress route table in WordPress's order."""

from users.views import ApplicationPasswordViewSet, CurrentUserViewSet, UserViewSet
from wpapi.routing import router

router.register("/wp/v2/users", UserViewSet)
router.add(
    "/wp/v2/users/me",
    CurrentUserViewSet,
    {"GET": "retrieve", "POST": "update", "PUT": "update", "PATCH": "update", "DELETE": "destroy"},
)

APP_PASSWORDS = r"/wp/v2/users/(?P<user_id>(?:[\d]+|me))/application-passwords"
router.add(
    APP_PASSWORDS,
    ApplicationPasswordViewSet,
    {"GET": "list", "POST": "create", "DELETE": "destroy_all"},
)
router.add(APP_PASSWORDS + "/introspect", ApplicationPasswordViewSet, {"GET": "introspect"})
router.add(
    APP_PASSWORDS + r"/(?P<uuid>[\w\-]+)",
    ApplicationPasswordViewSet,
    {"GET": "retrieve", "POST": "update", "PUT": "update", "PATCH": "update", "DELETE": "destroy"},
)
