"""The shared core: organisations, memberships, and the calendar overrides."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.roles import role_choices
from portal.validators import normalise_code, validate_credit_code


class OrganisationKind(models.TextChoices):
    PROVINCE = "province", _("省级人民政府")
    CITY = "city", _("市级人民政府")
    COUNTY = "county", _("县（市、区）人民政府")
    DEPARTMENT = "department", _("政府部门")
    TOWNSHIP = "township", _("乡镇人民政府")
    STREET = "street", _("街道办事处")
    VILLAGE = "village", _("村民委员会")
    COMMUNITY = "community", _("居民委员会（社区）")


# Kinds whose information is published as 村（居）务公开 and which may lack a credit code.
GRASSROOTS_KINDS = frozenset({OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY})
# Kinds that must compile a standard disclosure catalog (county departments, townships, streets).
CATALOG_KINDS = frozenset(
    {OrganisationKind.COUNTY, OrganisationKind.DEPARTMENT, OrganisationKind.TOWNSHIP, OrganisationKind.STREET}
)


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def descendants_of(self, organisation, include_self=True):
        """The organisation's subtree, by its materialised path (one indexed prefix query)."""
        qs = self.filter(path__startswith=organisation.path)
        return qs if include_self else qs.exclude(pk=organisation.pk)

    def in_tree_order(self):
        return self.order_by("path")


class Organisation(models.Model):
    """A government body, department, township/street office, or village/community committee."""

    name = models.CharField(_("名称"), max_length=120)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        help_text=_("18位，按 GB 32100-2015 校验；村（居）委会可暂无。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    # Materialised path "/1/4/9/": subtree queries are one prefix match. Maintained in save().
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path"]
        permissions = [
            ("draft_content", _("可起草本机构的目录和文件")),
            ("review_content", _("可审核并发布本机构的目录和文件")),
            ("handle_requests", _("可办理本机构的政府信息公开申请")),
            ("manage_members", _("可管理本机构成员")),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)

    def clean(self):
        if self.credit_code:
            self.credit_code = normalise_code(self.credit_code)
            try:
                validate_credit_code(self.credit_code)
            except ValidationError as error:
                raise ValidationError({"credit_code": error.messages}) from error
        else:
            self.credit_code = None
            if self.kind and self.kind not in GRASSROOTS_KINDS:
                raise ValidationError({"credit_code": _("除村（居）委会外，机构必须填写统一社会信用代码。")})
        if self.parent_id and self.pk:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("上级机构不能是本机构或其下级机构。")})
                ancestor = ancestor.parent

    @transaction.atomic
    def save(self, *args, **kwargs):
        if self.credit_code == "":
            self.credit_code = None
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != old_path:
            Organisation.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:  # moved: re-root the subtree
                for child in Organisation.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Organisation.objects.filter(pk=child.pk).update(path=child.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part][:-1]
        return Organisation.objects.filter(pk__in=ids).order_by("path")


class Membership(models.Model):
    """A staff user's role in one organisation; roles become guardian object permissions (signals.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="memberships"
    )
    # A callable: roles that apps declare in their AppConfig (portal/registry.py) need no portal migration.
    role = models.CharField(_("角色"), max_length=40, choices=role_choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # Who granted the role, and whether the account was created with this grant: an organisation admin who
    # created an account knows its first password, so it counts as theirs for the four-eyes rule.
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("授予人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_account = models.BooleanField(_("同时创建账号"), default=False)

    class Meta:
        verbose_name = _("成员角色")
        verbose_name_plural = _("成员角色")
        ordering = ["organisation__path", "user__username", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("休息日（节假日）")
    WORKING_DAY = "working", _("工作日（含调休上班）")


class CalendarOverride(models.Model):
    """A date whose status the supervising office fixes by hand; it wins over the holidays package."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    source_document = models.CharField(
        _("依据文件"), max_length=200, blank=True, help_text=_("如：国办发明电〔2026〕7号")
    )

    class Meta:
        verbose_name = _("工作日历调整")
        verbose_name_plural = _("工作日历调整")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class ConfirmedCalendarYear(models.Model):
    """Records that a year's official holiday schedule has been entered, so its dates stop being provisional.

    Years the holidays package already carries an official schedule for are confirmed without a row here.
    """

    year = models.PositiveIntegerField(_("年份"), unique=True)
    source_document = models.CharField(_("依据文件"), max_length=200)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("已确认的年度节假日安排")
        verbose_name_plural = _("已确认的年度节假日安排")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}"


class TrackingCounter(models.Model):
    """The last serial handed out per (prefix, year): tracking numbers of every citizen-intake app.

    Locked with select_for_update by portal.intake.codes.next_serial, so numbers are gapless under concurrency.
    """

    prefix = models.CharField(_("前缀"), max_length=12)
    year = models.PositiveIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("最后序号"), default=0)

    class Meta:
        verbose_name = _("受理编号计数器")
        verbose_name_plural = _("受理编号计数器")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="unique_tracking_counter")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_serial}"


class WorkflowEvent(models.Model):
    """The shape of every review-flow event (portal/workflow.py writes them): who moved what from which
    state to which, when, and why. Each app's event model subclasses it with a foreign key to its object."""

    kind = models.CharField(_("事项"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    comment = models.TextField(_("说明"), blank=True)
    from_state = models.CharField(_("原状态"), max_length=30, blank=True)
    to_state = models.CharField(_("新状态"), max_length=30, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class StoredPage(models.Model):
    """A public page of a plain address (no query string) as every anonymous reader gets it, rendered once
    with portal/stored_pages.py's markers where readers differ (portal/plain_pages.py).

    Derived data: served only while its build, the public-content generation and its expiry hold, so deleting
    rows (or the whole table) only costs the next readers a rendering.
    """

    path = models.CharField(max_length=500)
    language = models.CharField(max_length=10)
    build = models.CharField(max_length=64)
    generation = models.BigIntegerField()
    expires = models.BigIntegerField(help_text="Unix time after which the page is rendered again.")
    # UTF-8, as sent: the markers are ASCII, so a reader's page is made without decoding and encoding it again.
    body = models.BinaryField()
    digest = models.CharField(
        max_length=32, help_text="MD5 of the body: the ETag is made from it and the markers' values."
    )
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["path", "language"], name="stored_page_path_language")]

    def __str__(self):
        return f"{self.path} ({self.language})"
