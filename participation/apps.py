from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("公众参与")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(45, _("公众参与"), "participation:home"), (46, _("政府开放日"), "participation:open_days")]
    workspace_links = [
        (_("意见征集与公众参与"), "participation_staff:home", "run_participation"),
        (_("政府开放日活动管理"), "participation_staff:open_days", "run_participation"),
        (_("意见征集和开放日审核"), "participation_staff:review", "review_content"),
    ]
    home_sections = [(35, "participation/_home.html")]
    sitemaps = {"participation": "participation.sitemaps.ParticipationSitemap"}
    robots_disallow = ["/participation/supervision/"]
    demo_after = ("disclosure",)
    organisation_permissions = [("run_participation", _("可组织本机构的意见征集、公众参与活动和政府开放日"))]
    roles = [("participation_officer", _("公众参与联络员"))]
    role_permissions = {"participation_officer": ["run_participation"], "reviewer": ["run_participation"]}
    # The disclosure document page shows the consultation behind a final policy (portal/registry.py slots).
    template_slots = {"disclosure.document_detail": [(10, "participation/_document_consultations.html")]}
    supervision_indicators = "participation.indicators"

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_delete, post_save

        from participation import document_pages, models
        from portal.caching import bump_public_generation

        document_pages.connect_signals()

        auditlog.register(models.PublicConsultation)
        auditlog.register(models.DecisionMatter)
        auditlog.register(models.ParticipationRules)
        auditlog.register(models.ParticipationActivity)
        auditlog.register(models.OpenDay)
        auditlog.register(models.PublicComment, mask_fields=["name", "phone", "email"])
        auditlog.register(models.Registration, mask_fields=["name", "phone", "email", "id_number"])
        # Whatever citizens see may have changed: drop the cached public pages (portal/caching.py).
        for model in (
            models.PublicConsultation, models.PublicComment, models.ConsultationAttachment, models.DecisionMatter,
            models.ParticipationRules, models.ParticipationActivity, models.OpenDay, models.Registration,
            models.OpenDayQuestion, models.OpenDayPhoto,
        ):  # fmt: skip
            for signal in (post_save, post_delete):
                signal.connect(bump_public_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
