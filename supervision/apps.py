from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """监督评价: at the top of the dependency graph — reads every feature app, none imports it."""

    name = "supervision"
    verbose_name = _("监督评价")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(70, _("监督与统计"), "supervision:public_home")]
    workspace_links = [
        (_("每日自查提醒"), "supervision:self_check", "draft_content"),
        (_("督办整改"), "supervision:org_orders", "review_content"),
        (_("政务公开专人负责"), "supervision:designation", "manage_members"),
    ]
    workspace_sections = [(10, "supervision/_workspace.html")]
    sitemaps = {"supervision": "supervision.sitemaps.SupervisionSitemap"}
    robots_disallow = ["/staff/"]
    demo_after = ("catalog", "disclosure", "requests_app", "interaction", "participation")
    # Held globally by the supervising office (group 督导办公室); no membership role grants it.
    organisation_permissions = [("supervise", _("督导评价各机构政务公开工作"))]

    def ready(self):
        from auditlog.registry import auditlog

        from supervision import models

        for model in (
            models.Designation,
            models.EvaluationScheme,
            models.SchemeIndicator,
            models.SupervisionOrder,
            models.Notice,
            models.Demonstration,
        ):
            auditlog.register(model)
        auditlog.register(models.Training, m2m_fields={"attendees"})

        from supervision import cache

        cache.connect_signals()
