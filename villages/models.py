"""村务、居务公开: what a township or street office publishes for each of its villages and communities.

Villages and communities are `portal.Organisation`s of the grassroots kinds, children of their township or
street office in the same tree; the township's staff draft and review for them (villages/flows.py). What a
citizen may see starts from `VillageItem.objects.public()` and `VillageContact.objects.public()`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import GRASSROOTS_KINDS, Organisation, OrganisationKind, WorkflowEvent


class Column(models.TextChoices):
    """The village-affairs columns every village page shows, in this order."""

    DECISIONS = "decisions", _("村务决策（四议两公开）")
    FINANCES = "finances", _("财务收支")
    BENEFITS = "benefits", _("惠农补贴和救助名单")
    ASSETS = "assets", _("土地和集体资产")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")


class BenefitKind(models.TextChoices):
    FARMING_SUBSIDY = "farming", _("惠农补贴")
    MINIMUM_LIVING = "dibao", _("最低生活保障（低保）")
    EXTREME_POVERTY = "tekun", _("特困人员救助供养")
    OTHER = "other", _("其他补贴和救助")


class Quarter(models.IntegerChoices):
    Q1 = 1, _("第一季度")
    Q2 = 2, _("第二季度")
    Q3 = 3, _("第三季度")
    Q4 = 4, _("第四季度")


# The organisations that publish for villages and communities (their parents in the tree).
VILLAGE_PARENT_KINDS = frozenset({OrganisationKind.TOWNSHIP, OrganisationKind.STREET})


def grassroots():
    """Villages and communities: the organisations village affairs are published for."""
    return Organisation.objects.filter(kind__in=GRASSROOTS_KINDS)


class VillageItemQuerySet(models.QuerySet):
    def public(self):
        """The one gate: published items of active villages and communities (pages, board prints, sitemap)."""
        return self.filter(status=ItemStatus.PUBLISHED, village__is_active=True, village__kind__in=GRASSROOTS_KINDS)

    def of_village(self, village):
        return self.filter(village=village)


class VillageItem(models.Model):
    """One published matter of a village: a decision, a quarter's finances, a benefit list or a land/asset matter."""

    village = models.ForeignKey(
        Organisation, verbose_name=_("村（社区）"), on_delete=models.PROTECT, related_name="village_items"
    )
    column = models.CharField(_("栏目"), max_length=20, choices=Column.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), max_length=20000, help_text=_("纯文本，空行分段。"))
    happened_on = models.DateField(_("事项日期"), null=True, blank=True, help_text=_("决议、发放或签订合同的日期。"))
    # Finances (财务收支): one quarter of one year, the four figures in yuan.
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("季度"), null=True, blank=True, choices=Quarter.choices)
    income = models.DecimalField(_("收入（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    spending = models.DecimalField(_("支出（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    assets = models.DecimalField(_("资产（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    debts = models.DecimalField(_("负债（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    # Benefit lists (惠农补贴、低保): which benefit the recipients below were paid.
    benefit_kind = models.CharField(_("补贴或救助类别"), max_length=20, choices=BenefitKind.choices, blank=True)
    # The item of the township's published catalog (基层政务公开标准目录) this matter fulfils, if any: validated by
    # villages.services.save_item, shown on the item's page and listed on the catalog item's documents page.
    catalog_item = models.ForeignKey(
        "catalog.CatalogItem",
        verbose_name=_("对应目录事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="village_items",
    )
    status = models.CharField(_("状态"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    edit_version = models.PositiveIntegerField(default=0, editable=False)

    objects = VillageItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("村务公开事项")
        verbose_name_plural = _("村务公开事项")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["village", "column", "status", "-published_at"], name="village_item_column")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("villages:item", args=[self.pk])

    @property
    def is_finance(self) -> bool:
        return self.column == Column.FINANCES

    @property
    def is_benefit_list(self) -> bool:
        return self.column == Column.BENEFITS

    @property
    def balance(self):
        """收支结余 of a quarter's finances (None when a figure is missing)."""
        if self.income is None or self.spending is None:
            return None
        return self.income - self.spending

    @property
    def period_label(self) -> str:
        if self.year and self.quarter:
            return _("%(year)s年%(quarter)s") % {"year": self.year, "quarter": Quarter(self.quarter).label}
        return ""


class VillageItemEvent(WorkflowEvent):
    item = models.ForeignKey(VillageItem, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("村务公开事项记录")
        verbose_name_plural = _("村务公开事项记录")


class BenefitRecipient(models.Model):
    """A household on a benefit list. The resident ID number is checked when entered and only its masked form
    is stored (portal/intake/masking.py): the full number never reaches the database, a page or an export."""

    item = models.ForeignKey(VillageItem, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveIntegerField(_("序号"))
    household_head = models.CharField(_("户主姓名"), max_length=50)
    masked_id = models.CharField(_("身份证号码（已脱敏）"), max_length=18)
    household_size = models.PositiveSmallIntegerField(_("家庭人口"))
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    note = models.CharField(_("备注"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("补贴或救助对象")
        verbose_name_plural = _("补贴或救助对象")
        ordering = ["item", "position"]
        constraints = [models.UniqueConstraint(fields=["item", "position"], name="unique_recipient_position")]

    def __str__(self):
        return f"{self.position}. {self.household_head}"


class VillageContactQuerySet(models.QuerySet):
    def public(self):
        """The village committee's contacts of active villages and communities."""
        return self.filter(village__is_active=True, village__kind__in=GRASSROOTS_KINDS)


class VillageContact(models.Model):
    """A member of the village (residents') committee as shown on the village page: office contacts only."""

    village = models.ForeignKey(
        Organisation, verbose_name=_("村（社区）"), on_delete=models.CASCADE, related_name="village_contacts"
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=60, help_text=_("如：村党组织书记、村委会主任、村务监督委员会主任"))
    duties = models.CharField(_("分工"), max_length=200, blank=True)
    phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = VillageContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("村（居）委会联系人")
        verbose_name_plural = _("村（居）委会联系人")
        ordering = ["village", "sort_order", "pk"]

    def __str__(self):
        return f"{self.name}（{self.post}）"
