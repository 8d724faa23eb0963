"""Staff forms. They validate what a person typed; the state rules are in services.py."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import CatalogItem, Domain
from disclosure.models import Attribute, Document, DocumentType, Status, Validity
from disclosure.richtext import clean_body
from disclosure.widgets import BodyEditorWidget
from portal.editing import VersionedFormMixin
from portal.forms import BoundedModelMultipleChoiceField
from portal.legal import WithholdingGround
from portal.uploads import check_upload
from portal.validators import validate_not_in_future

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A periodic review is due within a year by default; more than five years ahead is a typo.
REVIEW_HORIZON_DAYS = 5 * 366


def validate_review_date(value):
    if value and value > timezone.localdate() + dt.timedelta(days=REVIEW_HORIZON_DAYS):
        raise forms.ValidationError(_("下次复核日期不能晚于五年后。"), code="too_far")


class DocumentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "title", "document_number", "doc_type", "topic", "statutory_heading", "domain", "catalog_items",
            "written_on", "formed_on",
            "body", "attribute", "withholding_ground", "withholding_explanation", "next_review_on",
            "interprets", "needs_interpretation",
        ]  # fmt: skip
        widgets = {
            "written_on": DATE,
            "formed_on": DATE,
            "next_review_on": DATE,
            "body": BodyEditorWidget(),
            "withholding_explanation": forms.Textarea(attrs={"rows": 3}),
            "catalog_items": forms.SelectMultiple(attrs={"size": 6}),
        }
        error_messages = {"title": {"required": _("请填写标题。")}}
        field_classes = {"catalog_items": BoundedModelMultipleChoiceField}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        # Only the working copy: a removed item must not receive new documents.
        self.fields["catalog_items"].queryset = (
            CatalogItem.objects.working().filter(organisation=organisation).select_related("domain")
        )
        self.fields["interprets"].queryset = (
            Document.objects.filter(
                organisation=organisation, doc_type__in=[DocumentType.POLICY, DocumentType.NORMATIVE]
            )
            .exclude(status__in=[Status.WITHDRAWN, Status.SUPERSEDED])
            .exclude(pk=self.instance.pk)
            .only("pk", "title")
        )
        self.fields["domain"].queryset = self.fields["domain"].queryset.filter(is_active=True)
        self.fields["withholding_ground"].help_text = _("依申请公开或不予公开时必填。")
        self.fields["next_review_on"].help_text = _("依申请公开或不予公开的文件定期复核，默认一年后。")
        # Dates of what has happened cannot lie ahead: a 9999 typo would break every deadline computed from them.
        self.fields["written_on"].validators.append(validate_not_in_future)
        self.fields["formed_on"].validators.append(validate_not_in_future)
        self.fields["next_review_on"].validators.append(validate_review_date)

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_body(self):
        # The editor's HTML is a proposal: the one sanitiser decides (services.prepare cleans again on save).
        return clean_body(self.cleaned_data["body"])

    def clean(self):
        data = super().clean()
        attribute = data.get("attribute")
        if attribute and attribute != Attribute.PROACTIVE:
            if not data.get("withholding_ground"):
                self.add_error("withholding_ground", _("依申请公开或不予公开的文件须选择法定依据。"))
            if not (data.get("withholding_explanation") or "").strip():
                self.add_error("withholding_explanation", _("依申请公开或不予公开的文件须填写理由说明。"))
            elif data.get("withholding_ground") == WithholdingGround.OTHER_LAW and "《" not in data.get(
                "withholding_explanation", ""
            ):
                self.add_error(
                    "withholding_explanation", _("依据“其他法律、法规规定”时，请写明具体法律法规名称（用书名号）。")
                )
        if data.get("doc_type") == DocumentType.INTERPRETATION and not data.get("interprets"):
            self.add_error("interprets", _("政策解读须选择所解读的政策文件。"))
        if data.get("needs_interpretation") and data.get("doc_type") == DocumentType.INTERPRETATION:
            self.add_error("needs_interpretation", _("政策解读本身无需再配解读。"))
        written, formed = data.get("written_on"), data.get("formed_on")
        if written and formed and formed < written:
            self.add_error("formed_on", _("形成或变更日期不能早于成文日期。"))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"),
        help_text=_("支持 PDF、OFD、DOC/DOCX、XLS/XLSX、JPG/PNG、ZIP。"),
        error_messages={"required": _("请选择要上传的文件。"), "empty": _("文件是空的。")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        checked = check_upload(upload)  # type by content, size limit, random stored name
        self.kind = checked.kind
        self.original_name = checked.original_name
        return upload


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": _("请填写理由。")}
    )


class ReassessForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("复核结论"),
        choices=[("keep", _("继续不予主动公开")), ("disclose", _("转为主动公开"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择复核结论。")},
    )
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": _("请填写理由。")}
    )


class CleanupForm(forms.Form):
    held_on = forms.DateField(
        label=_("清理日期"), widget=DATE, initial=timezone.localdate, validators=[validate_not_in_future]
    )
    scope = forms.CharField(label=_("清理范围"), max_length=200, error_messages={"required": _("请填写清理范围。")})
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    new_validity = forms.ChoiceField(
        label=_("清理结果"), choices=[(Validity.EXPIRED, _("失效")), (Validity.REPEALED, _("废止"))]
    )
    effective_on = forms.DateField(label=_("失效或废止日期"), widget=DATE, initial=timezone.localdate)
    documents = BoundedModelMultipleChoiceField(
        label=_("文件"),
        queryset=Document.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个文件。")},
    )

    def __init__(self, *args, organisation, filters=None, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = Document.objects.filter(
            organisation=organisation, status=Status.PUBLISHED, validity=Validity.VALID
        ).order_by("-published_on", "-pk")
        if filters is not None:
            candidates = filters.apply(candidates)
        # Any matching document may be chosen (validation), but only the first CANDIDATE_LIMIT are rendered:
        # an office with thousands of valid documents narrows the list with the filter instead.
        field = self.fields["documents"]
        field.queryset = candidates
        shown = list(candidates.only("pk", "title", "document_number", "published_on")[: CANDIDATE_LIMIT + 1])
        self.candidates_capped = len(shown) > CANDIDATE_LIMIT
        field.widget.choices = [(d.pk, field.label_from_instance(d)) for d in shown[:CANDIDATE_LIMIT]]
        if self.candidates_capped:
            field.help_text = _("仅列出最近的 %(n)d 份文件；请用上方的筛选条件缩小范围。") % {"n": CANDIDATE_LIMIT}


CANDIDATE_LIMIT = 100


class CleanupFilterForm(forms.Form):
    """Narrows the clean-up candidates (GET): by publication year, domain and title words."""

    year = forms.IntegerField(label=_("发布年份"), required=False, min_value=1990, max_value=2100)
    domain = forms.ModelChoiceField(
        label=_("所属领域"), queryset=Domain.objects.active(), to_field_name="code", required=False,
        empty_label=_("全部领域"),
    )  # fmt: skip
    q = forms.CharField(label=_("标题包含"), max_length=100, required=False)

    def apply(self, documents):
        if not self.is_bound or not self.is_valid():
            return documents
        data = self.cleaned_data
        if data.get("year"):
            year = data["year"]
            documents = documents.filter(
                published_on__gte=dt.date(year, 1, 1), published_on__lt=dt.date(year + 1, 1, 1)
            )
        if data.get("domain"):
            documents = documents.filter(domain=data["domain"])
        if data.get("q"):
            documents = documents.filter(title__icontains=data["q"].strip())
        return documents
