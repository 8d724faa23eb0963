"""Documents and their disclosure attribute (公开属性), their publication history and attachments.

What a citizen may see is decided in exactly one place: `DocumentQuerySet.public()`.
Business steps (submit, publish, withdraw, …) live in `disclosure/services.py`; this module only
holds data, the gate, and small derived properties.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.headings import StatutoryHeading, default_heading
from disclosure.validity import in_effect_q, validity_on
from portal.legal import WithholdingGround
from portal.models import WorkflowEvent


class DocumentType(models.TextChoices):
    POLICY = "policy", _("政策文件")
    NORMATIVE = "normative", _("行政规范性文件")
    INTERPRETATION = "interpretation", _("政策解读")
    NOTICE = "notice", _("通知公告")
    PLAN = "plan", _("规划计划")
    REPORT = "report", _("工作报告")
    STATISTICS = "statistics", _("统计信息")
    OTHER = "other", _("其他")


class Attribute(models.TextChoices):
    """The disclosure attribute decided when a document is drafted (regulations.md §1)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


# The mark printed on the document for each attribute.
ATTRIBUTE_MARKS = {
    Attribute.PROACTIVE: _("此件公开发布"),
    Attribute.ON_REQUEST: _("此件依申请公开"),
    Attribute.WITHHELD: _("此件不予公开"),
}


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    SUPERSEDED = "superseded", _("已被更正版本替代")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """THE gate: what an anonymous visitor may see.

        Proactive (主动公开) and currently published. Withdrawn documents and versions replaced by a
        corrected version (superseded) have a different status, so they fall out here; the corrected
        version carries the same index number and is the one that is shown.
        """
        return self.filter(status=Status.PUBLISHED, attribute=Attribute.PROACTIVE)

    def in_effect(self, state, on=None):
        """Documents valid, expired or repealed on `on` (today): a repeal or expiry dated later still counts as
        valid until its day, as the document page says (disclosure/validity.py, one rule)."""
        return self.filter(in_effect_q(state, on or timezone.localdate()))

    def of_organisation_tree(self, organisation):
        """Documents issued by the organisation or any organisation below it.

        The subtree's ids are fetched first (one small indexed query): a plain IN list lets the
        database count and page documents without joining organisations for every row.
        """
        from portal.models import Organisation

        ids = list(Organisation.objects.descendants_of(organisation).values_list("pk", flat=True))
        return self.filter(organisation_id__in=ids)

    def due_for_reassessment(self, on):
        """Withheld or on-request documents whose periodic reassessment date has come (dynamic management)."""
        return self.filter(
            attribute__in=[Attribute.ON_REQUEST, Attribute.WITHHELD],
            next_review_on__lte=on,
        ).exclude(status__in=[Status.WITHDRAWN, Status.SUPERSEDED])


class Document(models.Model):
    """A piece of government information with its disclosure attribute, drafted and published by one organisation."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="documents"
    )
    domain = models.ForeignKey(
        "catalog.Domain",
        verbose_name=_("所属领域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    catalog_items = models.ManyToManyField(
        "catalog.CatalogItem", verbose_name=_("目录事项"), blank=True, related_name="documents"
    )
    title = models.CharField(_("标题"), max_length=300)
    document_number = models.CharField(
        _("文号"), max_length=100, blank=True, help_text=_("如：济政办发〔2020〕12号；[ ] 与（）会自动改为〔〕。")
    )
    doc_type = models.CharField(_("文件类型"), max_length=20, choices=DocumentType.choices, default=DocumentType.NOTICE)
    topic = models.CharField(_("主题分类"), max_length=100, blank=True)
    # Where the document sits in the column's 法定主动公开内容 (Art. 20/21); defaulted in save() when left empty.
    statutory_heading = models.CharField(
        _("法定主动公开内容类别"),
        max_length=20,
        choices=StatutoryHeading.choices,
        blank=True,
        help_text=_("第二十条、第二十一条规定的类别；留空则按文件类型和所属领域自动归类。"),
    )
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(
        _("形成或变更日期"), null=True, blank=True, help_text=_("主动公开信息应自形成或变更之日起20个工作日内公开。")
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    # The date shown and sorted on; kept beside published_at so list queries use a plain date index.
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)

    # Cleaned HTML (disclosure/richtext.py: the allow-list, `clean_body`), edited with the rich-text editor.
    body = models.TextField(
        _("正文"),
        blank=True,
        help_text=_("可用标题、列表、表格、链接；Word 粘贴的格式自动清理。无脚本时输入纯文本，空行分段。"),
    )
    # What pages show: the body as cleaned on the last save (services.prepare), never re-cleaned per request.
    body_html = models.TextField(editable=False, blank=True)

    attribute = models.CharField(_("公开属性"), max_length=12, choices=Attribute.choices, default=Attribute.PROACTIVE)
    withholding_ground = models.CharField(
        _("不主动公开的依据"), max_length=20, choices=WithholdingGround.choices, blank=True
    )
    withholding_explanation = models.TextField(_("理由说明"), blank=True)
    next_review_on = models.DateField(_("下次复核日期"), null=True, blank=True)

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField(_("失效或废止日期"), null=True, blank=True)
    repealed_by = models.ForeignKey(
        "self",
        verbose_name=_("废止依据文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeals",
    )

    index_number = models.CharField(_("索引号"), max_length=60, null=True, blank=True, editable=False)
    index_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    index_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_late = models.BooleanField(
        _("超期公开"), default=False, editable=False, help_text=_("形成或变更后超过20个工作日才公开（第二十六条）。")
    )

    interprets = models.ForeignKey(
        "self",
        verbose_name=_("所解读的政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    needs_interpretation = models.BooleanField(
        _("需要同步发布政策解读"), default=False, help_text=_("勾选后，须与其解读材料同时审核、同时发布。")
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("更正的原版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        editable=False,
    )

    # jieba search-mode tokens of title, number and body, separated by spaces (filled in services).
    # On PostgreSQL a generated tsvector column with a GIN index is built from it (migration 0002).
    search_tokens = models.TextField(blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    # Raised by every save of the draft's fields; the edit form carries it (portal/editing.py).
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息文件")
        verbose_name_plural = _("政府信息文件")
        ordering = ["-published_on", "-pk"]
        indexes = [
            # The public list and the sitemap: gate columns then the sort key (keyset pagination walks it).
            models.Index(fields=["status", "attribute", "-published_on", "-id"], name="doc_public_date"),
            models.Index(fields=["organisation", "status", "-published_on", "-id"], name="doc_org_date"),
            models.Index(fields=["domain", "status", "-published_on", "-id"], name="doc_domain_date"),
            models.Index(fields=["next_review_on"], name="doc_next_review"),
            # The admin changelist (newest first by id, all states; by state) and the staff list (last edited first),
            # paged without a count (portal/pagination.py): each page walks one of these (issue #17).
            models.Index(fields=["status", "-id"], name="doc_status_id"),
            models.Index(fields=["organisation", "-updated_at", "-id"], name="doc_org_updated"),
            models.Index(fields=["organisation", "status", "-updated_at", "-id"], name="doc_org_status_updated"),
            # The admin's 超期公开 filter: late documents are few, so the primary key alone walks a million rows.
            models.Index(fields=["-id"], condition=Q(is_late=True), name="doc_late_id"),
            # The admin's year filter (a date range, so newest published first): partial, so that the public list's
            # planner, whose query does not imply it, never walks it past the undated drafts.
            models.Index(fields=["-published_on", "-id"], condition=Q(published_on__isnull=False), name="doc_dated"),
            # The column's 法定主动公开内容 page: one organisation's public documents under one heading.
            models.Index(
                fields=["organisation", "statutory_heading", "status", "-published_on", "-id"], name="doc_org_heading"
            ),
            # The supervising office's indicators (supervision/metrics.py): a few rows each among a million.
            models.Index(
                fields=["organisation"],
                condition=Q(
                    doc_type="normative", validity__in=["expired", "repealed"], validity_changed_on__isnull=True
                ),
                name="doc_validity_unmarked",
            ),
            models.Index(
                fields=["published_on"], condition=Q(needs_interpretation=True), name="doc_needs_interpretation"
            ),
            # Reassessment due (Document.objects.due_for_reassessment), counted per organisation from the index alone.
            models.Index(
                fields=["next_review_on", "organisation", "status"],
                condition=Q(attribute__in=["on_request", "withheld"]),
                name="doc_reassessment",
            ),
        ]
        constraints = [
            # A corrected version keeps its predecessor's index number; otherwise numbers are unique.
            models.UniqueConstraint(
                fields=["index_number"],
                condition=Q(index_number__isnull=False) & ~Q(status="superseded"),
                name="unique_current_index_number",
            ),
            models.CheckConstraint(
                condition=Q(attribute="proactive") | ~Q(withholding_ground=""),
                name="withheld_needs_ground",
            ),
        ]

    def __str__(self):
        return self.title

    def validity_now(self, today=None):
        """The validity in effect today (and a change announced for later): what every page and the API show."""
        return validity_on(self.validity, self.validity_changed_on, today or timezone.localdate())

    def get_absolute_url(self):
        return reverse("disclosure:detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        """Every document sits under one heading of 法定主动公开内容: suggest it when the editor chose none."""
        if not self.statutory_heading:
            code = self.domain.code if self.domain_id else None
            self.statutory_heading = default_heading(self.doc_type, code)
            fields = kwargs.get("update_fields")
            if fields is not None and self.statutory_heading:
                kwargs["update_fields"] = {*fields, "statutory_heading"}
        super().save(*args, **kwargs)

    @property
    def attribute_mark(self):
        return ATTRIBUTE_MARKS[self.attribute]


class IndexSerialCounter(models.Model):
    """The last index-number serial issued by an organisation in a year; locked while a number is taken."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号流水")
        verbose_name_plural = _("索引号流水")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="unique_serial_counter")]

    def __str__(self):
        return f"{self.organisation_id}/{self.year}: {self.last_serial}"


class EventKind(models.TextChoices):
    CREATED = "created", _("起草")
    EDITED = "edited", _("修改")
    SUBMITTED = "submitted", _("提交审核")
    SENT_BACK = "sent_back", _("退回修改")
    PUBLISHED = "published", _("发布")
    WITHDRAWN = "withdrawn", _("撤回")
    SUPERSEDED = "superseded", _("被更正版本替代")
    CORRECTED = "corrected", _("发布更正版本")
    REASSESSED_KEEP = "reassessed_keep", _("复核：继续不予主动公开")
    REASSESSED_DISCLOSE = "reassessed_disclose", _("复核：转为主动公开")
    EXPIRED = "expired", _("宣布失效")
    REPEALED = "repealed", _("宣布废止")
    ATTACHMENT_ADDED = "attachment_added", _("上传附件")
    ATTACHMENT_REMOVED = "attachment_removed", _("删除附件")


class DocumentEvent(WorkflowEvent):
    """One step in a document's life: who did what, when, and why (the history is re-derivable)."""

    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    from_state = models.CharField(_("原状态"), max_length=30, choices=Status.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=30, choices=Status.choices, blank=True)

    class Meta:
        verbose_name = _("文件处理记录")
        verbose_name_plural = _("文件处理记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.document} · {self.get_kind_display()}"


def private_storage():
    """Attachments are stored outside every public URL; only the gated download view serves them."""
    return storages["private"]


class Attachment(models.Model):
    """A file attached to a document, stored under a generated name; the original name is kept for downloads."""

    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), storage=private_storage, upload_to="attachments/%Y/%m/", max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class CleanupBatch(models.Model):
    """A clean-up (清理) of an organisation's documents: which became expired or repealed, published as a page."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="cleanup_batches"
    )
    held_on = models.DateField(_("清理日期"))
    scope = models.CharField(_("清理范围"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文件清理批次")
        verbose_name_plural = _("文件清理批次")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.held_on} · {self.scope}"

    def get_absolute_url(self):
        return reverse("disclosure:cleanup_detail", kwargs={"pk": self.pk})


class CleanupEntry(models.Model):
    """One document a clean-up batch declared expired or repealed."""

    batch = models.ForeignKey(
        CleanupBatch, verbose_name=_("清理批次"), on_delete=models.CASCADE, related_name="entries"
    )
    document = models.ForeignKey(
        Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="cleanup_entries"
    )
    new_validity = models.CharField(_("清理结果"), max_length=10, choices=Validity.choices)
    effective_on = models.DateField(_("生效日期"))

    class Meta:
        verbose_name = _("清理结果")
        verbose_name_plural = _("清理结果")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["batch", "document"], name="unique_cleanup_entry")]

    def __str__(self):
        return f"{self.document} → {self.get_new_validity_display()}"


class RenderedDocument(models.Model):
    """The stored HTML of a public document page, its own part and the whole page, per language ("render on
    write", issue #17).

    Written and read only by `disclosure/rendering.py`, which also deletes it whenever something it shows
    changes. It is a cache of what the templates would produce, never a source: the read still goes through
    `Document.objects.public()`, so a row of a document withdrawn since is never served.
    """

    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="renderings")
    language = models.CharField(_("语言"), max_length=15)
    html = models.TextField(_("正文部分"))
    head = models.TextField(_("页面标签部分"))
    # The whole page as anonymous readers get it, with markers where they differ (portal/stored_pages.py);
    # empty when only the part was stored.
    page = models.TextField(_("整页"), blank=True, default="")
    build = models.CharField(_("构建标识"), max_length=64)
    # The document's updated_at when it was rendered: a row rendered from an older copy is not served.
    source_updated_at = models.DateTimeField(_("文件修改时间"))
    # The validity it shows (disclosure.rendering.validity_shown): "将于…废止" becomes "已废止" on the day, with
    # no save, so a part is served only while the document's validity today is still the one it shows.
    validity_shown = models.CharField(_("所示有效性"), max_length=40)
    rendered_at = models.DateTimeField(_("生成时间"), auto_now=True)

    class Meta:
        verbose_name = _("已生成的文件页面")
        verbose_name_plural = _("已生成的文件页面")
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="unique_rendering_language")]

    def __str__(self):
        return f"{self.document_id} {self.language}"


class RenderedListRow(models.Model):
    """A public document's row in the document list (`disclosure/_document_row.html`), stored per language.

    Written and read only by `disclosure/stored_lists.py`; deleted with the document's stored page whenever
    something the row shows changes (`disclosure.rendering.invalidate`). Like `RenderedDocument` it is a cache,
    never a source: the list's query goes through `Document.objects.public()` and joins the row alongside.
    """

    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="list_rows")
    language = models.CharField(_("语言"), max_length=15)
    html = models.TextField(_("列表行"))
    build = models.CharField(_("构建标识"), max_length=64)
    source_updated_at = models.DateTimeField(_("文件修改时间"))
    validity_shown = models.CharField(_("所示有效性"), max_length=40)

    class Meta:
        verbose_name = _("已生成的列表行")
        verbose_name_plural = _("已生成的列表行")
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="unique_list_row_language")]

    def __str__(self):
        return f"{self.document_id} {self.language}"
