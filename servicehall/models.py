"""政务公开专区: the terminals an organisation sets up in its service hall (kiosk mode, servicehall/views.py)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation


def new_key() -> str:
    return secrets.token_urlsafe(24)


class Terminal(models.Model):
    """A public terminal registered by an organisation. The browser on it carries a signed cookie naming the
    terminal and its current key (servicehall/terminals.py); re-issuing the key or switching the terminal off
    stops the old cookie at once."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所属机构"), on_delete=models.CASCADE, related_name="terminals"
    )
    name = models.CharField(_("终端名称"), max_length=60, help_text=_("如：政务服务大厅1号查询机"))
    location = models.CharField(_("放置地点"), max_length=120, help_text=_("如：县政务服务中心一楼政务公开专区"))
    key = models.CharField(max_length=64, default=new_key, editable=False)
    is_active = models.BooleanField(_("启用"), default=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    activated_at = models.DateTimeField(_("最近启用时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("政务公开专区终端")
        verbose_name_plural = _("政务公开专区终端")
        ordering = ["organisation", "name", "pk"]

    def __str__(self):
        return f"{self.organisation.display_name} · {self.name}"
