from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicehallConfig(AppConfig):
    """政务公开专区: the kiosk for terminals in service halls, and the terminals organisations register."""

    name = "servicehall"
    verbose_name = _("政务公开专区")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(70, _("政务公开专区"), "servicehall:home")]
    workspace_links = [(_("政务公开专区终端"), "servicehall:staff_home", "manage_terminals")]
    robots_disallow = ["/hall/"]  # the kiosk repeats public pages in large type: not for search engines
    demo_after = ("villages", "requests_app")
    organisation_permissions = [("manage_terminals", _("可登记和启用本机构政务公开专区的查询终端"))]
    role_permissions = {"org_admin": ["manage_terminals"]}

    def ready(self):
        from auditlog.registry import auditlog

        from portal.intake import throttle
        from servicehall import models, terminals

        auditlog.register(models.Terminal, exclude_fields=["key"])
        throttle.register_exemption(terminals.exempt_from_throttle)
