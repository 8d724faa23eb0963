from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    """政民互动: messages to government, 我为政府网站找错, 热点回应 and 在线访谈."""

    name = "interaction"
    verbose_name = _("政民互动")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(60, _("政民互动"), "interaction:home")]
    workspace_links = [
        (_("留言办理"), "interaction_staff:queue", "answer_messages"),
        (_("待审核的留言答复"), "interaction_staff:approvals", "review_message_replies"),
        (_("热点回应"), "interaction_staff:hot_topics", "draft_content"),
        (_("在线访谈"), "interaction_staff:interviews", "draft_content"),
    ]
    home_sections = [(40, "interaction/_home.html")]
    sitemaps = {"interaction": "interaction.sitemaps.InteractionSitemap"}
    robots_disallow = ["/staff/"]
    demo_after = ("disclosure", "requests_app")
    organisation_permissions = [
        ("answer_messages", _("可办理本机构的留言")),
        ("review_message_replies", _("可审核本机构的留言答复")),
        # Held globally by the supervising office only: every organisation's queue, orders to answer, error reports.
        ("supervise_messages", _("可督办各机构的留言和网站纠错")),
    ]
    roles = [("message_handler", _("留言办理人"))]
    role_permissions = {
        "message_handler": ["answer_messages"],
        "reviewer": ["answer_messages", "review_message_replies"],
    }
    supervision_indicators = "interaction.indicators"

    def ready(self):
        from auditlog.registry import auditlog

        from interaction import signals  # noqa: F401
        from interaction.models import DeadlineRule, ErrorReport, HotTopic, Interview, Message, MessageType

        # Writers' identity is masked in the audit trail, as everywhere but the handler's page; no query-code hash.
        auditlog.register(Message, mask_fields=["name", "phone", "email"], exclude_fields=["query_code_hash"])
        auditlog.register(ErrorReport, mask_fields=["email"], exclude_fields=["query_code_hash"])
        for model in (MessageType, DeadlineRule, HotTopic, Interview):
            auditlog.register(model)
