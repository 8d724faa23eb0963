"""Subscriptions to e-mail alerts (邮件订阅): no account, double opt-in, one-click unsubscribe.

A subscription names one target — an organisation (with the organisations below it), a domain, a catalog
item or a saved search — and is pending until the link in its confirmation e-mail is followed. Its
random `token` is the only key to confirm or cancel it; cancelling deletes the row, address and all.
`notified_until` is the watermark of the daily digest: documents published after it are new.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ORGANISATION = "organisation", _("发布机构")
    DOMAIN = "domain", _("公开领域")
    ITEM = "item", _("目录事项")
    SEARCH = "search", _("检索词")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    email = models.EmailField(_("电子邮箱"))
    kind = models.CharField(_("订阅内容"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("发布机构"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("公开领域"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        "catalog.CatalogItem", verbose_name=_("目录事项"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    query = models.CharField(_("检索词"), max_length=100, blank=True)
    # "organisation:5", "search:低保": one subscription per address and target (the unique constraint).
    target_key = models.CharField(max_length=120, editable=False)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("订阅时间"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("确认邮件发送时间"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    notified_until = models.DateTimeField(_("已通知至"), null=True, blank=True, editable=False)
    last_digest_at = models.DateTimeField(_("最近发送摘要时间"), null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("邮件订阅")
        verbose_name_plural = _("邮件订阅")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "target_key"], name="alerts_one_subscription_per_target"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="organisation", organisation__isnull=False)
                    | models.Q(kind="domain", domain__isnull=False)
                    | models.Q(kind="item", item__isnull=False)
                    | (models.Q(kind="search") & ~models.Q(query=""))
                ),
                name="alerts_target_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["confirmed_at", "created_at"], name="alerts_state")]

    def __str__(self):
        return str(self.description)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def description(self) -> str:
        """What the citizen subscribed to, as the pages and e-mails name it."""
        from alerts.targets import describe

        return describe(self)
