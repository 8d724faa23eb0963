from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only public API at /api/v1/: every endpoint starts from the same public gates as the pages."""

    name = "api"
    verbose_name = _("开放接口")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(90, _("开放接口"), "api:docs")]
