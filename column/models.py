"""The fixed parts of every organisation's 政府信息公开专栏 that are not documents (国办公开办函〔2019〕61号).

Three parts are written by the organisation's staff and reviewed before citizens see them: the guide (指南,
Art. 12), the disclosure rules (制度) and the organisation information (机构信息, Art. 20(2)). Each is a working
copy (`Guide`, `Rules`, `Profile` with its `Leader`s) that staff edit; publishing freezes it into a numbered
`PartVersion`. What a citizen may see is decided in one place: `PartVersion.objects.public()` — the working
copies never reach a public page, so an edit in progress never shows, and earlier versions stay readable.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import WorkflowEvent


class Part(models.TextChoices):
    GUIDE = "guide", _("政府信息公开指南")
    RULES = "rules", _("政府信息公开制度")
    PROFILE = "profile", _("机构信息")


class PartStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")


class ColumnPart(models.Model):
    """What the three working copies share: one per organisation, a review state, an edit version."""

    PART: str = ""

    organisation = models.OneToOneField(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=PartStatus.choices, default=PartStatus.DRAFT, editable=False
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.organisation} · {Part(self.PART).label}"

    def snapshot(self) -> dict:
        """The fields citizens read, frozen into the PartVersion when this copy is published."""
        return {name: getattr(self, name) for name in self.PUBLIC_FIELDS}


class Guide(ColumnPart):
    """An organisation's 政府信息公开指南 (Art. 12): how its information is arranged and obtained, and its office."""

    PART = Part.GUIDE
    PUBLIC_FIELDS = (
        "arrangement", "obtaining", "request_procedure", "office_name", "address", "postcode", "office_hours",
        "phone", "fax", "email", "website",
    )  # fmt: skip

    arrangement = models.TextField(
        _("信息的分类与编排"),
        help_text=_("本机关主动公开的信息如何分类、按什么体系编排（如按法定公开内容和领域目录）。"),
    )
    obtaining = models.TextField(_("获取方式"), help_text=_("主动公开信息在哪里、通过什么渠道可以查阅或获取。"))
    request_procedure = models.TextField(
        _("依申请公开的办理"), help_text=_("如何提出申请（在线、信函、当面、传真）、办理期限、收费和救济途径。")
    )
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=120)
    address = models.CharField(_("办公地址"), max_length=200)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=40)
    fax = models.CharField(_("传真"), max_length=40)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网上联系渠道"), blank=True, help_text=_("网上申请或留言页面的地址。"))

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")


class Rules(ColumnPart):
    """An organisation's own disclosure rules (政府信息公开制度), in the four parts inspectors look for."""

    PART = Part.RULES
    PUBLIC_FIELDS = (
        "confidentiality_review", "dynamic_adjustment", "request_handling", "publication_review", "adopted_on",
    )  # fmt: skip

    confidentiality_review = models.TextField(_("保密审查制度"))
    dynamic_adjustment = models.TextField(_("公开内容动态调整制度"))
    request_handling = models.TextField(_("依申请公开办理制度"))
    publication_review = models.TextField(_("信息发布审核制度"))
    adopted_on = models.DateField(_("印发日期"))

    class Meta:
        verbose_name = _("政府信息公开制度")
        verbose_name_plural = _("政府信息公开制度")

    def snapshot(self) -> dict:
        data = super().snapshot()
        data["adopted_on"] = self.adopted_on.isoformat()
        return data


class Profile(ColumnPart):
    """机构信息 (Art. 20(2)): functions, internal units, subordinate bodies, contacts; the leaders are rows below."""

    PART = Part.PROFILE
    PUBLIC_FIELDS = (
        "functions", "internal_units", "subordinate_bodies", "address", "office_hours", "phone", "fax", "email",
    )  # fmt: skip

    functions = models.TextField(_("机构职能"))
    internal_units = models.TextField(_("内设机构"), help_text=_("每行一个：名称及主要职责。"))
    subordinate_bodies = models.TextField(_("下属单位"), blank=True, help_text=_("每行一个；没有则留空。"))
    address = models.CharField(_("办公地址"), max_length=200)
    office_hours = models.CharField(_("办公时间"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=40)
    fax = models.CharField(_("传真"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)

    class Meta:
        verbose_name = _("机构信息")
        verbose_name_plural = _("机构信息")

    def snapshot(self) -> dict:
        data = super().snapshot()
        data["leaders"] = [leader.snapshot() for leader in self.leaders.all()]
        return data


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Leader(models.Model):
    """One leader of the organisation as 机构信息 lists them; edited in the profile's working copy."""

    profile = models.ForeignKey(Profile, verbose_name=_("机构信息"), on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("姓名"), max_length=40)
    post = models.CharField(_("职务"), max_length=80)
    duties = models.TextField(_("工作分工"))
    cv = models.TextField(_("简历"), blank=True)
    # A replaced photo's file is kept: an earlier published version may still show it.
    photo = models.FileField(
        _("照片"), storage=private_storage, upload_to="column/leaders/%Y/", max_length=200, blank=True
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)

    class Meta:
        verbose_name = _("领导信息")
        verbose_name_plural = _("领导信息")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.name}（{self.post}）"

    def snapshot(self) -> dict:
        return {
            "name": self.name, "post": self.post, "duties": self.duties, "cv": self.cv, "photo": self.photo.name or "",
        }  # fmt: skip


class PartVersionQuerySet(models.QuerySet):
    def public(self):
        """THE gate: what a citizen may see of the column's written parts — published versions of active,
        non-grassroots organisations (villages and communities publish 村务 instead, not this column)."""
        from portal.models import GRASSROOTS_KINDS

        return self.filter(organisation__is_active=True).exclude(organisation__kind__in=GRASSROOTS_KINDS)

    def current(self, organisation, part):
        """The newest published version of one part, or None (the page then shows its empty state)."""
        return self.public().filter(organisation=organisation, part=part).order_by("-number").first()


class PartVersion(models.Model):
    """A published, immutable version of a guide, rules or profile: the data as it was published."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="column_versions"
    )
    part = models.CharField(_("栏目"), max_length=10, choices=Part.choices)
    number = models.PositiveIntegerField(_("版本号"))
    data = models.JSONField(_("内容"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PartVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("专栏内容版本")
        verbose_name_plural = _("专栏内容版本")
        ordering = ["organisation", "part", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "part", "number"], name="column_part_version_number")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_part_display()} · {self.number}"

    def lines(self, field):
        """A multi-line field's non-empty lines (internal units, subordinate bodies)."""
        return [line.strip() for line in (self.data.get(field) or "").splitlines() if line.strip()]


class GuideEvent(WorkflowEvent):
    guide = models.ForeignKey(Guide, verbose_name=_("指南"), on_delete=models.CASCADE, related_name="events")

    class Meta:
        verbose_name = _("指南处理记录")
        verbose_name_plural = _("指南处理记录")
        ordering = ["at", "pk"]


class RulesEvent(WorkflowEvent):
    rules = models.ForeignKey(Rules, verbose_name=_("制度"), on_delete=models.CASCADE, related_name="events")

    class Meta:
        verbose_name = _("制度处理记录")
        verbose_name_plural = _("制度处理记录")
        ordering = ["at", "pk"]


class ProfileEvent(WorkflowEvent):
    profile = models.ForeignKey(Profile, verbose_name=_("机构信息"), on_delete=models.CASCADE, related_name="events")

    class Meta:
        verbose_name = _("机构信息处理记录")
        verbose_name_plural = _("机构信息处理记录")
        ordering = ["at", "pk"]
