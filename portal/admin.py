"""The supervising office's view of the shared core."""

import datetime as dt

from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from portal import workdays
from portal.models import CalendarOverride, ConfirmedCalendarYear, Membership, Organisation
from portal.pagination import UncountedAdminMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["granted_by", "created_account"]


@admin.register(Organisation)
class OrganisationAdmin(GuardedModelAdmin):
    list_display = ["indented_name", "kind", "credit_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    list_per_page = 100

    @admin.display(description=_("名称"), ordering="path")
    def indented_name(self, obj):
        return ("　" * obj.depth) + obj.name


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "granted_by", "created_at"]
    readonly_fields = ["granted_by", "created_account"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__first_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


class CalendarWarningMixin:
    def changelist_view(self, request, extra_context=None):
        for year in workdays.unconfirmed_years(dt.date.today()):
            messages.warning(
                request,
                _(
                    "%(year)d 年的法定节假日安排尚未确认：该年日期按暂定日历计算并标注“暂定”。"
                    "国务院办公厅公布安排后，请录入调休日期并在“已确认的年度节假日安排”中登记该年。"
                )
                % {"year": year},
            )
        return super().changelist_view(request, extra_context)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(CalendarWarningMixin, admin.ModelAdmin):
    list_display = ["date", "kind", "note", "source_document"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["note", "source_document"]


@admin.register(ConfirmedCalendarYear)
class ConfirmedCalendarYearAdmin(CalendarWarningMixin, admin.ModelAdmin):
    list_display = ["year", "source_document", "note"]


class AuditedModelFilter(admin.SimpleListFilter):
    """The audit log by model: the choices are the models registered with auditlog, not a DISTINCT over the log."""

    title = _("对象类型")
    parameter_name = "resource_type"

    def lookups(self, request, model_admin):
        types = ContentType.objects.get_for_models(*auditlog.get_models())
        return sorted(((str(ct.pk), str(model._meta.verbose_name)) for model, ct in types.items()), key=lambda c: c[1])

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(content_type_id=value) if value and value.isdigit() else queryset


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class BoundedLogEntryAdmin(UncountedAdminMixin, LogEntryAdmin):
    """auditlog's own admin, over a table that grows with every staff edit: nothing on the changelist counts it
    and the model filter lists the audited models instead of reading the log for them."""

    list_filter = ["action", AuditedModelFilter, CIDFilter]
