from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("依申请公开")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(40, _("依申请公开"), "requests_app:apply"), (50, _("年度报告"), "requests_app:annual_reports")]
    workspace_links = [
        (_("依申请公开办理"), "requests_app:staff_queue", "handle_requests"),
        (_("待审核的申请答复"), "requests_app:staff_approvals", "review_content"),
        (_("政府信息公开年度报告"), "requests_app:staff_annual_reports", "draft_content"),
    ]
    robots_disallow = ["/requests/staff/"]
    demo_after = ("disclosure",)

    def ready(self):
        from auditlog.registry import auditlog

        from requests_app import signals  # noqa: F401
        from requests_app.models import AnnualReport, Consultation, FeeNotice, InformationRequest, Remedy, Reply

        # Identity numbers and contacts are masked in the audit trail, like everywhere but the handler's page.
        auditlog.register(
            InformationRequest,
            mask_fields=["applicant_name", "id_document_number", "phone", "email", "postal_address"],
            exclude_fields=["query_code_hash"],
        )
        for model in (Consultation, Reply, Remedy, FeeNotice, AnnualReport):
            auditlog.register(model)
