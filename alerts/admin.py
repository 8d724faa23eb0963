"""Subscriptions in the admin: read-only for the supervising office (citizens change them by their links)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from alerts.models import Subscription
from portal.intake.masking import mask_email


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["masked_email", "kind", "description", "created_at", "confirmed_at", "last_digest_at"]
    list_filter = ["kind", ("confirmed_at", admin.EmptyFieldListFilter)]
    fields = ["masked_email", "kind", "description", "language", "created_at", "confirmed_at", "notified_until",
              "last_digest_at"]  # fmt: skip
    readonly_fields = fields
    list_select_related = ["organisation", "domain", "item__organisation"]

    @admin.display(description=_("电子邮箱"))
    def masked_email(self, subscription):
        return mask_email(subscription.email)

    @admin.display(description=_("订阅内容"))
    def description(self, subscription):
        return subscription.description

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
