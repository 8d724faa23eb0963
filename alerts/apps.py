from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """E-mail alerts: a citizen subscribes to an organisation, a domain, a catalog item or a saved search."""

    name = "alerts"
    verbose_name = _("邮件订阅")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(70, _("邮件订阅"), "alerts:subscribe")]
    robots_disallow = ["/alerts/confirm/", "/alerts/unsubscribe/"]
    demo_after = ("disclosure",)

    def ready(self):
        from auditlog.registry import auditlog

        from alerts.models import Subscription

        auditlog.register(Subscription, mask_fields=["email"], exclude_fields=["token"])
