from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("机构、人员与日历")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(10, _("公开指南"), "portal:guide")]
    workspace_links = [(_("成员管理"), "portal:members", "manage_members")]

    def ready(self):
        from auditlog.registry import auditlog

        from portal import signals  # noqa: F401
        from portal.models import CalendarOverride, ConfirmedCalendarYear, Membership, Organisation

        for model in (Organisation, Membership, CalendarOverride, ConfirmedCalendarYear):
            auditlog.register(model)
