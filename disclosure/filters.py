"""The public document list's filters (django-filter): what a visitor can narrow the list by."""

import datetime as dt

import django_filters
from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from catalog.models import CatalogItem, Domain
from disclosure.models import DocumentType, Validity
from portal.caching import cached_public_data
from portal.models import GRASSROOTS_KINDS, Organisation

DATA_LANG = mark_safe(' lang="zh-CN"')  # noqa: S308 - a constant attribute


class FastSelect(forms.Select):
    """A single <select> built in Python rather than one template render per <option>.

    The organisation filter lists every organisation of the county on every list page; rendering
    each option through Django's widget templates costs more than the page's queries. Its choices are
    names from the database, so every real option is marked `lang="zh-CN"` (the empty one is interface text).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                (str(key), " selected" if str(key) in selected else "", DATA_LANG if str(key) else "", label)
                for key, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        """Indented by depth, so the flat <select> still reads as the county's tree."""
        return "\u3000" * organisation.depth + organisation.name


class OrganisationFilter(django_filters.ModelChoiceFilter):
    field_class = OrganisationChoiceField


def listed_organisations(organisations: list) -> list:
    """The organisations the filter's select lists: all of them in a county; in a province-sized site (more than
    GONGKAI_FILTER_ORGANISATIONS_MAX) the government organs only, without the village and community committees.

    Why: 3,009 options made the list page 180 kB, most of it the select, and no one picks from thousands of
    options on a phone; a committee's documents are found through its township (the filter includes the
    subordinates) and on its own page under /villages/. A committee chosen by address still filters the list
    and shows as chosen (`_cached_choices`)."""
    if len(organisations) > getattr(settings, "GONGKAI_FILTER_ORGANISATIONS_MAX", 400):
        return [organisation for organisation in organisations if organisation.kind not in GRASSROOTS_KINDS]
    return organisations


def _cached_choices(name, field, form):
    """A callable giving the select's (value, label) pairs, kept with the public-content generation.

    Only rendering calls it: validating a chosen value is one query by key (`ModelChoiceField.to_python`), and the
    rendered fields are themselves kept per generation (`disclosure.views.filter_fields_html`). A province's
    3,009 organisations read and normalised on every list request cost 25 ms of CPU (docs/performance.md, 5M).
    """
    kept = []  # a form renders the select more than once (its label, the widget)

    def compute():
        if name != "organisation":  # the field's own ModelChoiceIterator, its empty label first
            return [(str(value), str(label)) for value, label in field.iterator(field)]
        listed = listed_organisations(list(field.queryset))  # one query, once per generation
        return [("", str(field.empty_label))] + [(str(o.pk), field.label_from_instance(o)) for o in listed]

    def choices():
        if not kept:
            options = cached_public_data(f"filter-choices:{name}", compute)
            chosen = form.cleaned_data.get(name) if form.is_bound and form.is_valid() else None
            value = str(field.prepare_value(chosen)) if chosen is not None else ""
            if value and value not in {key for key, _label in options}:  # chosen by address, not listed
                options = [*options, (value, field.label_from_instance(chosen))]
            kept.append(options)
        return kept[0]

    return choices


class DocumentFilter(django_filters.FilterSet):
    organisation = OrganisationFilter(
        label=_("发布机构（含下级）"),
        queryset=Organisation.objects.active().in_tree_order(),
        method="filter_organisation",
        empty_label=_("全部机构"),
        widget=FastSelect,
    )
    domain = django_filters.ModelChoiceFilter(
        label=_("所属领域"),
        queryset=Domain.objects.active(),
        to_field_name="code",
        empty_label=_("全部领域"),
        widget=FastSelect,
    )
    item = django_filters.ModelChoiceFilter(
        label=_("目录事项"),
        queryset=CatalogItem.objects.ever_published(),
        field_name="catalog_items",
        widget=forms.HiddenInput,
    )
    doc_type = django_filters.ChoiceFilter(label=_("文件类型"), choices=DocumentType.choices, empty_label=_("全部类型"))
    year = django_filters.NumberFilter(label=_("发布年份"), method="filter_year", min_value=1990, max_value=2100)
    # In effect today, not the stored decision: a repeal dated next month is still 有效 until then.
    validity = django_filters.ChoiceFilter(
        label=_("有效性"), choices=Validity.choices, empty_label=_("全部"), method="filter_validity"
    )
    sort = django_filters.ChoiceFilter(
        label=_("排序"),
        choices=[("new", _("发布日期从新到旧")), ("old", _("发布日期从旧到新"))],
        method="filter_nothing",
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The two selects list every organisation and domain: building their Organisation objects per request
        # was about 40 % of the page at 349 organisations (docs/performance.md, R4). Their choices are a
        # callable now, which Django calls only when a select is rendered (CallableChoiceIterator).
        for name in ("organisation", "domain"):
            field = self.form.fields[name]
            # Django's plain setter: django-filter's would wrap the callable in a ModelChoiceIterator again.
            forms.ChoiceField.choices.fset(field, _cached_choices(name, field, self.form))

    def filter_organisation(self, queryset, name, value):
        return queryset.of_organisation_tree(value)

    def filter_year(self, queryset, name, value):
        # A date range rather than __year so the published_on index serves it.
        year = int(value)
        return queryset.filter(published_on__gte=dt.date(year, 1, 1), published_on__lt=dt.date(year + 1, 1, 1))

    def filter_validity(self, queryset, name, value):
        return queryset.in_effect(value)

    def filter_nothing(self, queryset, name, value):
        return queryset  # ordering is the paginator's job

    @property
    def qs(self):
        """Invalid filters are otherwise dropped; but a list asked for a catalog item that was never published
        must not fall back to every document, as if the item had all of them filed under it."""
        if self.is_bound and "item" in self.form.errors:
            return self.queryset.none()
        return super().qs

    @property
    def newest_first(self) -> bool:
        return self.form.cleaned_data.get("sort") != "old" if self.form.is_valid() else True


class SearchFilter(DocumentFilter):
    """The search page's narrowing: organisation (with its subtree), domain, type and year — the list's
    filters, so a value means the same on both pages (and the selects' cached choices are shared)."""

    FIELDS = ("organisation", "domain", "doc_type", "year")

    def __init__(self, *args, **kwargs):
        # FilterSet.__init__ copies base_filters into the instance's filters: narrow them first.
        self.base_filters = {name: f for name, f in DocumentFilter.base_filters.items() if name in self.FIELDS}
        super().__init__(*args, **kwargs)

    @property
    def narrowed(self) -> bool:
        return self.form.is_valid() and any(self.form.cleaned_data.get(name) for name in self.FIELDS)
