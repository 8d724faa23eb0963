"""The standard disclosure catalog (政务公开事项标准目录)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Domain(models.Model):
    """A policy domain of the catalog: the 26 pilot domains (fixture), plus any the supervising office adds."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    number = models.PositiveIntegerField(_("序号"), unique=True)
    name = models.CharField(_("名称"), max_length=40)
    former_name = models.CharField(_("原名称"), max_length=40, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    lead_department = models.CharField(_("牵头部门"), max_length=80, blank=True)
    is_pilot = models.BooleanField(_("26个试点领域之一"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = DomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开领域")
        verbose_name_plural = _("公开领域")
        ordering = ["number"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """Current name first, the earlier name in brackets (as county catalogs print it)."""
        return f"{self.name}（{self.former_name}）" if self.former_name else self.name


class CatalogItem(models.Model):
    """One matter in an organisation's catalog, with a stable identity across catalog versions.

    Documents are filed under a CatalogItem; published catalog versions snapshot its columns.
    """

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="catalog_items"
    )
    domain = models.ForeignKey(Domain, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="catalog_items")
    first_level = models.CharField(_("一级事项"), max_length=100)
    second_level = models.CharField(_("二级事项"), max_length=100)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        ordering = ["organisation", "domain__number", "sort_order", "pk"]

    def __str__(self):
        return f"{self.first_level} / {self.second_level}"
