"""Forms of the supervising office and of the organisations answering it. Field rules here, state rules in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.editing import VersionedFormMixin
from portal.models import Membership, Organisation
from supervision import indicators, scoring
from supervision.models import (
    Demonstration,
    Designation,
    EvaluationScheme,
    Notice,
    RuleKind,
    SchemeIndicator,
    SupervisionOrder,
    Training,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationChoiceMixin:
    def _organisations(self):
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.active().in_tree_order()
        field.label_from_instance = lambda org: ("　" * org.depth) + org.name


class DesignationForm(forms.ModelForm):
    class Meta:
        model = Designation
        fields = ["unit", "officer", "phone", "email"]

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or "").strip() and not (data.get("email") or "").strip():
            raise forms.ValidationError(_("请至少填写联系电话或电子邮箱中的一项。"))
        return data


class TrainingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Training
        fields = ["held_on", "topic", "organiser", "hours", "attendees", "materials"]
        widgets = {"held_on": DATE, "attendees": forms.SelectMultiple(attrs={"size": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Organisation.objects.active().in_tree_order()
        self.fields["attendees"].queryset = (
            Membership.objects.filter(user__is_active=True).select_related("user", "organisation").order_by(
                "organisation__path", "user__username", "role"
            )
        )
        self.fields["attendees"].label_from_instance = lambda m: (
            f"{m.organisation.display_name} · {m.user.get_full_name() or m.user.username} · {m.get_role_display()}"
        )

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError(_("学时须大于0。"))
        return hours


class SchemeForm(forms.ModelForm):
    class Meta:
        model = EvaluationScheme
        fields = ["year", "title", "notes"]


class NewSchemeForm(SchemeForm):
    copy_from = forms.ModelChoiceField(
        EvaluationScheme.objects.all(), label=_("复制以下方案的指标"), required=False,
        help_text=_("新方案从该方案的指标、分值和评分规则开始，再按本年度要求修改。"),
    )  # fmt: skip


class SchemeIndicatorForm(forms.ModelForm):
    code = forms.ChoiceField(label=_("指标"))

    class Meta:
        model = SchemeIndicator
        fields = ["code", "weight", "rule", "zero_at", "full_at", "steps", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(i.code, f"{i.group} · {i.label}") for i in indicators.all_indicators() if i.unit != "date"]
        if self.instance.pk and self.instance.code not in dict(choices):
            choices.append((self.instance.code, _("（已不可用）%(code)s") % {"code": self.instance.code}))
        self.fields["code"].choices = [("", "---------"), *choices]

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight is not None and weight <= 0:
            raise forms.ValidationError(_("分值须大于0。"))
        return weight

    def clean(self):
        data = super().clean()
        rule = data.get("rule")
        if rule == RuleKind.LINEAR:
            if data.get("zero_at") is None or data.get("full_at") is None:
                raise forms.ValidationError(_("线性规则须填写零分和满分对应的数值。"))
            if data["zero_at"] == data["full_at"]:
                raise forms.ValidationError(_("零分和满分对应的数值不能相同。"))
        if rule == RuleKind.THRESHOLDS:
            try:
                steps = scoring.parse_steps(data.get("steps", ""))
            except ValueError as error:
                raise forms.ValidationError(
                    _("分档“%(part)s”无法识别，请写成“95=100, 80=60”。") % {"part": error.args[0]}
                ) from error
            if not steps:
                raise forms.ValidationError(_("分档规则须至少填写一档，如“95=100, 80=60”。"))
        return data


SchemeIndicatorFormSet = forms.inlineformset_factory(
    EvaluationScheme, SchemeIndicator, form=SchemeIndicatorForm, extra=3, can_delete=True
)


class OrderForm(OrganisationChoiceMixin, forms.ModelForm):
    indicator = forms.ChoiceField(label=_("相关指标"), required=False)

    class Meta:
        model = SupervisionOrder
        fields = ["organisation", "kind", "indicator", "subject", "details", "deadline"]
        widgets = {"deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations()
        self.fields["indicator"].choices = [("", "---------")] + [
            (i.code, f"{i.group} · {i.label}") for i in indicators.all_indicators()
        ]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)


class NoticeForm(VersionedFormMixin, OrganisationChoiceMixin, forms.ModelForm):
    class Meta:
        model = Notice
        fields = ["organisation", "kind", "title", "body", "issued_on", "is_published"]
        widgets = {"issued_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations()


class DemonstrationForm(VersionedFormMixin, OrganisationChoiceMixin, forms.ModelForm):
    class Meta:
        model = Demonstration
        fields = ["organisation", "kind", "year", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations()
