"""The subscription form: an address and exactly one thing to watch; a honeypot against robots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Kind
from alerts.targets import Target
from catalog.models import CatalogItem, Domain
from disclosure import search as full_text
from disclosure.filters import FastSelect, OrganisationChoiceField
from portal.intake.honeypot import HoneypotMixin
from portal.models import Organisation

ONE_TARGET = _("请在发布机构、公开领域、检索词中选择一项（每次订阅一项）。")


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"), max_length=254, help_text=_("我们会先发送一封确认邮件，点击其中的链接后订阅才生效。")
    )
    organisation = OrganisationChoiceField(
        label=_("发布机构（含下级）"),
        queryset=Organisation.objects.active().in_tree_order(),
        required=False,
        empty_label=_("—— 不按机构 ——"),
        widget=FastSelect,
    )
    domain = forms.ModelChoiceField(
        label=_("公开领域"),
        queryset=Domain.objects.active(),
        to_field_name="code",
        required=False,
        empty_label=_("—— 不按领域 ——"),
        widget=FastSelect,
    )
    query = forms.CharField(label=_("检索词"), max_length=100, required=False, help_text=_("如：低保、义务教育招生"))
    item = forms.ModelChoiceField(
        queryset=CatalogItem.objects.ever_published(), required=False, widget=forms.HiddenInput
    )

    def clean_query(self):
        query = " ".join(self.cleaned_data["query"].split())
        if query and not full_text.query_words(query):
            raise forms.ValidationError(_("请输入能够检索的词语。"))
        return query

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("organisation", "domain", "item", "query") if data.get(name)]
        if len(chosen) != 1 and not self.errors:
            raise forms.ValidationError(ONE_TARGET)
        return data

    def target(self) -> Target:
        data = self.cleaned_data
        if data.get("item"):
            return Target(Kind.ITEM, item=data["item"])
        if data.get("organisation"):
            return Target(Kind.ORGANISATION, organisation=data["organisation"])
        if data.get("domain"):
            return Target(Kind.DOMAIN, domain=data["domain"])
        return Target(Kind.SEARCH, query=data["query"])
