"""The standard disclosure catalog (政务公开事项标准目录).

Guideline entries (the national standard guidelines) are the starting point; each organisation keeps
its own CatalogItems per domain (its working copy, grouped in a `Catalog`), and a reviewer publishes
the working copy as an immutable, numbered `CatalogVersion` of snapshot rows. Citizens only ever see
published versions, through `CatalogVersion.objects.published()` / `current()` and
`CatalogItem.objects.published()`.
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from catalog.timelimits import TimeLimitKind, TimeLimitTrigger, parse_time_limit
from portal.legal import WithholdingGround
from portal.models import WorkflowEvent
from portal.notes import render_notes


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


class Channel(models.TextChoices):
    """公开渠道和载体: the ticked vocabulary of county catalogs (anything else goes in free text)."""

    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEW_MEDIA = "new_media", _("两微一端")
    PRESS_HEARING = "press_hearing", _("发布会/听证会")
    BROADCAST = "broadcast", _("广播电视")
    PRINT = "print", _("纸质媒体")
    READING_POINT = "reading_point", _("公开查阅点")
    SERVICE_CENTRE = "service_centre", _("政务服务中心")
    SERVICE_STATION = "service_station", _("便民服务站")
    ON_SITE = "on_site", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("社区/企事业单位/村公示栏（电子屏）")
    TARGETED = "targeted", _("精准推送")
    HOTLINE = "hotline", _("12345政务服务热线")
    OTHER = "other", _("其他")


# The columns of a catalog row, in table order; snapshots and the diff compare exactly these.
COLUMN_FIELDS = (
    "first_level",
    "second_level",
    "content_elements",
    "legal_basis",
    "time_limit",
    "responsible_body",
    "channels",
    "channels_other",
    "audience_public",
    "audience_specific",
    "mode_proactive",
    "mode_on_request",
    "level_county",
    "level_township",
    "level_village",
)


class CatalogColumns(models.Model):
    """The standard columns of a catalog row, shared by guideline entries, items and snapshots."""

    first_level = models.CharField(_("一级事项"), max_length=100)
    second_level = models.CharField(_("二级事项"), max_length=100)
    content_elements = models.TextField(_("公开内容（要素）"), blank=True)
    legal_basis = models.TextField(_("公开依据"), blank=True)
    time_limit = models.CharField(_("公开时限"), max_length=200, blank=True)
    time_limit_kind = models.CharField(
        _("时限类型"), max_length=20, choices=TimeLimitKind.choices, blank=True, editable=False
    )
    time_limit_days = models.PositiveIntegerField(_("时限天数"), null=True, blank=True, editable=False)
    time_limit_trigger = models.CharField(
        _("时限起算"), max_length=20, choices=TimeLimitTrigger.choices, blank=True, editable=False
    )
    time_limit_period = models.CharField(_("公开周期"), max_length=20, blank=True, editable=False)
    responsible_body = models.CharField(_("公开主体"), max_length=200, blank=True)
    # A list of Channel values: JSON works alike on SQLite and PostgreSQL, and the list is short.
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    channels_other = models.CharField(_("其他渠道"), max_length=200, blank=True)
    audience_public = models.BooleanField(_("全社会"), default=True)
    audience_specific = models.BooleanField(_("特定群体"), default=False)
    mode_proactive = models.BooleanField(_("主动公开"), default=True)
    mode_on_request = models.BooleanField(_("依申请公开"), default=False)
    level_county = models.BooleanField(_("县级"), default=False)
    level_township = models.BooleanField(_("乡级"), default=False)
    level_village = models.BooleanField(_("村级"), default=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.read_time_limit()
        super().save(*args, **kwargs)

    def read_time_limit(self) -> None:
        """Fill the machine-readable rule from the 公开时限 text (save() does; bulk writes call it)."""
        rule = parse_time_limit(self.time_limit)
        self.time_limit_kind = rule.kind if rule else ""
        self.time_limit_days = rule.days if rule else None
        self.time_limit_trigger = rule.trigger if rule else ""
        self.time_limit_period = rule.period if rule else ""

    def column_values(self) -> dict:
        return {name: getattr(self, name) for name in COLUMN_FIELDS}

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        shown = [str(labels[c]) for c in self.channels if c in labels and c != Channel.OTHER]
        if self.channels_other:
            shown.append(self.channels_other)
        elif Channel.OTHER in self.channels:
            shown.append(str(Channel.OTHER.label))
        return shown

    @property
    def channels_text(self) -> str:
        return "、".join(self.channel_labels)

    @property
    def audience_text(self) -> str:
        return "、".join(str(t) for on, t in ((self.audience_public, _("全社会")), (self.audience_specific, _("特定群体"))) if on)

    @property
    def mode_text(self) -> str:
        return "、".join(str(t) for on, t in ((self.mode_proactive, _("主动")), (self.mode_on_request, _("依申请"))) if on)

    @property
    def time_limit_rule_text(self) -> str:
        """The machine-readable rule read back in words ("20个工作日内"), for staff to check what was recognised."""
        from catalog.timelimits import TimeLimitKind

        if self.time_limit_kind == TimeLimitKind.WORKING_DAYS and self.time_limit_days:
            return _("%(n)s个工作日内") % {"n": self.time_limit_days}
        if self.time_limit_kind == TimeLimitKind.NATURAL_DAYS and self.time_limit_days:
            return _("%(n)s日内（自然日）") % {"n": self.time_limit_days}
        return str(self.get_time_limit_kind_display()) if self.time_limit_kind else ""

    @property
    def level_text(self) -> str:
        pairs = ((self.level_county, _("县级")), (self.level_township, _("乡级")), (self.level_village, _("村级")))
        return "、".join(str(t) for on, t in pairs if on)


class GuidelineEntry(CatalogColumns):
    """One row of a national standard guideline (标准指引); organisations adopt entries into their catalogs."""

    domain = models.ForeignKey(Domain, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="guideline_entries")
    code = models.SlugField(_("编号"), max_length=60, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("标准指引事项")
        verbose_name_plural = _("标准指引事项")
        ordering = ["domain__number", "sort_order", "pk"]

    def __str__(self):
        return f"{self.domain} · {self.first_level} / {self.second_level}"


class Catalog(models.Model):
    """An organisation's working copy for one domain, or (domain empty) its negative list, and its state."""

    class State(models.TextChoices):
        DRAFT = "draft", _("编制中")
        SUBMITTED = "submitted", _("待审核")
        PUBLISHED = "published", _("已发布")

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="catalogs"
    )
    domain = models.ForeignKey(
        Domain, verbose_name=_("领域"), null=True, blank=True, on_delete=models.PROTECT, related_name="catalogs"
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    current_version = models.OneToOneField(
        "CatalogVersion",
        verbose_name=_("现行版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="current_of",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("目录（工作稿）")
        verbose_name_plural = _("目录（工作稿）")
        ordering = ["organisation__path", "domain__number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="catalog_one_per_org_domain"),
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(domain__isnull=True), name="catalog_one_negative_list_per_org"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.title}"

    @property
    def is_negative_list(self) -> bool:
        return self.domain_id is None

    @property
    def title(self) -> str:
        return str(_("负面清单")) if self.is_negative_list else self.domain.name

    def sent_back_event(self):
        """The reviewer's send-back the draft is answering (its reason and who sent it), when the last review step
        sent it back and it has not been submitted again; shown at the top of the catalog's staff page."""
        if self.pk is None or self.state != self.State.DRAFT:
            return None
        last = self.events.exclude(kind="import").select_related("actor").first()  # newest first
        return last if last is not None and last.kind == "send_back" else None


class CatalogEvent(WorkflowEvent):
    """Who moved a catalog through submit / publish / send back (or imported a spreadsheet), when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交审核")
        PUBLISH = "publish", _("审核发布")
        SEND_BACK = "send_back", _("退回修改")
        IMPORT = "import", _("导入表格")

    catalog = models.ForeignKey(Catalog, verbose_name=_("目录"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("操作"), max_length=30, choices=Action.choices)
    from_state = models.CharField(_("原状态"), max_length=30, choices=Catalog.State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=30, choices=Catalog.State.choices, blank=True)
    # The portal's own comment (an import's counts) as translatable notes (portal/notes.py); `comment` is the record.
    note = models.JSONField(_("说明（可翻译）"), default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("目录操作记录")
        verbose_name_plural = _("目录操作记录")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.catalog} · {self.get_kind_display()}"

    @property
    def display_comment(self) -> str:
        return render_notes(self.note) if self.note else self.comment


class CatalogItemQuerySet(models.QuerySet):
    def working(self):
        """The items of the working copies (not removed)."""
        return self.filter(removed=False)

    def published(self):
        """THE public gate for items: applicable items in the current published version of their catalog.

        Each item carries its published names (`published_first_level`, `published_second_level`, shown by
        `str()`): the working copy's unpublished edits never reach a citizen.
        """
        rows = VersionItem.objects.filter(version__in=CatalogVersion.objects.current(), is_applicable=True)
        return self.filter(pk__in=rows.values("item_id"))._with_published_names(rows)

    def _with_published_names(self, rows):
        latest = rows.filter(item=OuterRef("pk")).order_by("-version__number")
        return self.annotate(
            published_first_level=Subquery(latest.values("first_level")[:1]),
            published_second_level=Subquery(latest.values("second_level")[:1]),
        )

    def ever_published(self):
        """Items citizens may see named beside a document: applicable in ANY published version of their catalog.

        Wider than `published()` on purpose: a document filed under an item that a later version
        removed still shows that item (it was public when the document was filed). Working-copy items
        that were never published, or only published as not applicable, stay hidden. Names are those of
        the item's latest published applicable row, never the working copy's.
        """
        rows = VersionItem.objects.filter(version__in=CatalogVersion.objects.published(), is_applicable=True)
        return self.filter(pk__in=rows.values("item_id"))._with_published_names(rows)


class CatalogItem(CatalogColumns):
    """One matter in an organisation's catalog, with a stable identity across catalog versions.

    Documents are filed under a CatalogItem; published catalog versions snapshot its columns. An item
    that was ever published is only marked removed, so older versions and filed documents keep it.
    """

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="catalog_items"
    )
    domain = models.ForeignKey(Domain, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="catalog_items")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    guideline = models.ForeignKey(
        GuidelineEntry,
        verbose_name=_("来源标准指引事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )
    adopted_at = models.DateTimeField(_("采用时间"), null=True, blank=True)
    is_applicable = models.BooleanField(_("适用"), default=True)
    not_applicable_reason = models.CharField(_("不适用理由"), max_length=300, blank=True)
    removed = models.BooleanField(_("已删除"), default=False)
    # Raised by every save of the item's columns; the edit form carries it (portal/editing.py).
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        ordering = ["organisation", "domain__number", "sort_order", "pk"]

    def __str__(self):
        # Items fetched through the public gates (objects.published() / ever_published()) carry their
        # published names; staff querysets show the working copy.
        first = getattr(self, "published_first_level", None) or self.first_level
        second = getattr(self, "published_second_level", None) or self.second_level
        return f"{first} / {second}"

    @property
    def origin(self) -> str:
        """采用 (as in the guideline) / 修改 (adopted, then edited) / 自行添加 (local)."""
        if self.guideline_id is None:
            return str(_("自行添加"))
        if self.guideline.column_values() == self.column_values():
            return str(_("采用"))
        return str(_("采用后修改"))

    @property
    def guideline_changed(self) -> bool:
        """The guideline entry was revised after this item was adopted (staff should review it)."""
        return bool(self.guideline_id and self.adopted_at and self.guideline.updated_at > self.adopted_at)


class CatalogVersionQuerySet(models.QuerySet):
    def published(self):
        """THE public gate for versions: every version is published, but only of active organisations and domains."""
        return self.filter(catalog__organisation__is_active=True).filter(
            Q(catalog__domain__isnull=True) | Q(catalog__domain__is_active=True)
        )

    def current(self):
        """The latest published version of each catalog: what citizens see by default."""
        return self.published().filter(current_of__isnull=False)


class CatalogVersion(models.Model):
    """An immutable, numbered publication of a catalog (or negative list) with its change summary."""

    catalog = models.ForeignKey(Catalog, verbose_name=_("目录"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    change_summary = models.TextField(_("变更说明"))

    objects = CatalogVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录发布版本")
        verbose_name_plural = _("目录发布版本")
        ordering = ["catalog", "-number"]
        constraints = [models.UniqueConstraint(fields=["catalog", "number"], name="catalog_version_number_unique")]

    def __str__(self):
        return _("%(catalog)s · 第%(number)s版") % {"catalog": self.catalog, "number": self.number}


class VersionItem(CatalogColumns):
    """A published row: the item's columns frozen at publication, still pointing at the stable item."""

    version = models.ForeignKey(CatalogVersion, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(CatalogItem, verbose_name=_("目录事项"), on_delete=models.PROTECT, related_name="snapshots")
    position = models.PositiveIntegerField(_("序号"))
    is_applicable = models.BooleanField(_("适用"), default=True)
    not_applicable_reason = models.CharField(_("不适用理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("版本事项")
        verbose_name_plural = _("版本事项")
        ordering = ["version", "position"]

    def __str__(self):
        return f"{self.position}. {self.first_level} / {self.second_level}"


NEGATIVE_FIELDS = ("scope", "ground", "legal_basis", "last_reviewed")


class NegativeListEntry(models.Model):
    """A matter the organisation does not disclose (负面清单), with its statutory ground."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="negative_list_entries"
    )
    scope = models.CharField(_("不予公开的事项范围"), max_length=300)
    ground = models.CharField(_("不予公开的理由"), max_length=30, choices=WithholdingGround.choices)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    last_reviewed = models.DateField(_("最近评估日期"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    removed = models.BooleanField(_("已删除"), default=False)

    class Meta:
        verbose_name = _("负面清单事项")
        verbose_name_plural = _("负面清单事项")
        ordering = ["organisation", "sort_order", "pk"]

    def __str__(self):
        return self.scope

    def column_values(self) -> dict:
        return {name: getattr(self, name) for name in NEGATIVE_FIELDS}


class VersionNegativeEntry(models.Model):
    """A published negative-list row, frozen at publication."""

    version = models.ForeignKey(
        CatalogVersion, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="negative_entries"
    )
    entry = models.ForeignKey(
        NegativeListEntry, verbose_name=_("负面清单事项"), on_delete=models.PROTECT, related_name="snapshots"
    )
    position = models.PositiveIntegerField(_("序号"))
    scope = models.CharField(_("不予公开的事项范围"), max_length=300)
    ground = models.CharField(_("不予公开的理由"), max_length=30, choices=WithholdingGround.choices)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    last_reviewed = models.DateField(_("最近评估日期"))

    class Meta:
        verbose_name = _("版本负面清单事项")
        verbose_name_plural = _("版本负面清单事项")
        ordering = ["version", "position"]

    def __str__(self):
        return f"{self.position}. {self.scope}"

    def column_values(self) -> dict:
        return {name: getattr(self, name) for name in NEGATIVE_FIELDS}


class CatalogCoverage(Catalog):
    """Admin entry point for the coverage table (organisation × domain); no data of its own."""

    class Meta:
        proxy = True
        verbose_name = _("目录编制覆盖情况")
        verbose_name_plural = _("目录编制覆盖情况")


class ImportJob(models.Model):
    """A large spreadsheet import run by the task worker (catalog.tasks), with its progress for the page.

    The uploaded workbook is kept here until the job has run (then emptied); the import itself is one
    transaction (services.import_items), so a job either applies every row or none.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        READING = "reading", _("正在检查表格")
        APPLYING = "applying", _("正在写入")
        DONE = "done", _("已完成")
        FAILED = "failed", _("未导入")

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="catalog_import_jobs"
    )
    domain = models.ForeignKey(Domain, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="import_jobs")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="catalog_import_jobs"
    )
    filename = models.CharField(_("文件名"), max_length=255)
    data = models.BinaryField(_("表格内容"), blank=True)
    size = models.PositiveIntegerField(_("文件大小"), default=0)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.QUEUED)
    rows_read = models.PositiveIntegerField(_("已读取行数"), default=0)
    added = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    problems = models.JSONField(_("问题"), default=list, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("目录导入任务")
        verbose_name_plural = _("目录导入任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.domain} · {self.filename}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE

    @property
    def has_failed(self) -> bool:
        return self.state == self.State.FAILED

    @property
    def is_queued(self) -> bool:
        return self.state == self.State.QUEUED

    @property
    def is_reading(self) -> bool:
        return self.state == self.State.READING
