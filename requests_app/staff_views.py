"""Staff pages for information requests. One view family, one door: `StaffRequestsView`.

Every staff URL carries the organisation (`org_pk`); `StaffRequestsView` checks the permission on it
through portal.permissions (403 otherwise) and only ever looks requests up inside that organisation,
so a member of another organisation cannot reach a request by guessing its number.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from portal.downloads import DOCX, attachment_response, stored_file_response
from portal.errors import Refusal
from portal.intake.masking import mask_email, mask_middle, mask_name
from portal.models import Organisation
from portal.pagination import paginate
from portal.permissions import OrganisationPermissionMixin, can
from portal.roles import HANDLE_REQUESTS, REVIEW_CONTENT
from portal.validators import validate_not_in_future
from requests_app import art44, deadlines, fees, letters, services
from requests_app.actions import ACTIONS, offered_actions
from requests_app.forms import ApplicantFieldsForm
from requests_app.models import (
    OPEN_STATES,
    ApplicantCategory,
    InformationRequest,
    LetterKind,
    Reply,
    ReplyFile,
    ReplyStatus,
    ReplyType,
    State,
)

PAGE_SIZE = 25
INTAKE_SESSION_KEY = "requests_app_intake"


class StaffRequestsView(OrganisationPermissionMixin):
    """The guard of every staff page here: `permission` on the organisation in the URL, else 403."""

    permission = HANDLE_REQUESTS

    def requests(self):
        return InformationRequest.objects.filter(organisation=self.organisation)

    def get_request(self):
        return get_object_or_404(self.requests().select_related("organisation", "handler"), pk=self.kwargs["pk"])


class QueueFilter(django_filters.FilterSet):
    DUE_CHOICES = [
        ("soon", gettext_lazy("3个工作日内到期")),
        ("overdue", gettext_lazy("已超期")),
        ("unconfirmed", gettext_lazy("网上申请超期未确认收到")),
    ]

    state = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"), choices=State.choices, empty_label=gettext_lazy("未办结的全部")
    )
    due = django_filters.ChoiceFilter(
        label=gettext_lazy("期限"), choices=DUE_CHOICES, method="filter_due", empty_label=gettext_lazy("不限")
    )
    q = django_filters.CharFilter(label=gettext_lazy("受理编号或信息名称"), method="filter_text")

    class Meta:
        model = InformationRequest
        fields = ["state", "due", "q"]

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "unconfirmed":
            return queryset.overdue_to_confirm(today)
        queryset = queryset.filter(state__in=OPEN_STATES)
        if value == "overdue":
            return queryset.filter(due_on__lt=today)
        return queryset.filter(due_on__gte=today, due_on__lte=deadlines.due_soon_horizon(today))

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(tracking_number__icontains=value.strip()) | Q(subject__icontains=value.strip()))

    @property
    def qs(self):
        queryset = super().qs
        chosen = getattr(self.form, "cleaned_data", {})
        if not chosen.get("state") and not chosen.get("q"):
            queryset = queryset.exclude(
                state__in=[
                    State.CLOSED,
                    State.ABANDONED,
                    State.TRANSFERRED,
                    State.WITHDRAWN,
                    State.NOT_PROCESSED,
                    State.ANSWERED,
                    State.DISCARDED,
                ]
            )
        return queryset


class QueueView(StaffRequestsView, TemplateView):
    """The organisation's requests with working days left; filters by state and by deadline."""

    template_name = "requests_app/staff/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordering = (F("due_on").asc(nulls_last=True), "pk")  # most urgent first; stopped clocks last
        filterset = QueueFilter(self.request.GET or None, queryset=self.requests().for_queue().order_by(*ordering))
        page = paginate(filterset.qs, self.request.GET.get("page"), PAGE_SIZE)
        today = timezone.localdate()
        for item in page.object_list:
            item.days_left = (
                deadlines.working_days_left(item.due_on, today) if item.due_on and item.state in OPEN_STATES else None
            )
            item.overdue_by = -item.days_left if item.days_left is not None and item.days_left < 0 else 0
            item.due_soon = item.days_left is not None and deadlines.is_due_soon(item.due_on, today)
        context.update(
            filter=filterset,
            page_obj=page,
            requests=page.object_list,
            today=today,
            unconfirmed_overdue=self.requests().overdue_to_confirm(today).exists(),
        )
        return context


class IntakeForm(ApplicantFieldsForm):
    """Staff intake of in-person, postal and fax applications with their Art. 31 dates."""

    channel = forms.ChoiceField(
        label=gettext_lazy("申请方式"),
        choices=[c for c in deadlines.Channel.choices if c[0] != deadlines.Channel.ONLINE],
    )
    arrived_on = forms.DateField(
        label=gettext_lazy("提交、签收或收到日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_not_in_future],
        help_text=gettext_lazy("当面提交：提交之日；需签收的邮件：签收之日；平信、传真：收到之日。"),
    )
    confirmed_on = forms.DateField(
        label=gettext_lazy("与申请人确认日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_not_in_future],
        help_text=gettext_lazy("平信邮寄和传真申请以双方确认之日为收到申请之日。"),
    )


class IntakeView(StaffRequestsView, FormView):
    template_name = "requests_app/staff/intake.html"
    form_class = IntakeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "organisation"}
        try:
            info_request, code = services.register_offline(
                self.organisation,
                data,
                channel=form.cleaned_data["channel"],
                arrived_on=form.cleaned_data["arrived_on"],
                confirmed_on=form.cleaned_data["confirmed_on"],
                by=self.request.user,
            )
        except Refusal as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        self.request.session[INTAKE_SESSION_KEY] = {"pk": info_request.pk, "query_code": code}
        return redirect("requests_app:staff_intake_done", org_pk=self.organisation.pk)


class IntakeDoneView(StaffRequestsView, TemplateView):
    """The query code for the applicant, shown once (staff print or read it to the applicant)."""

    template_name = "requests_app/staff/intake_done.html"

    def get(self, request, *args, **kwargs):
        created = request.session.pop(INTAKE_SESSION_KEY, None)
        if not created:
            return redirect("requests_app:staff_queue", org_pk=self.organisation.pk)
        info_request = get_object_or_404(self.requests(), pk=created["pk"])
        code = created["query_code"]
        receipt = letters.build(LetterKind.RECEIPT, info_request, query_code=code)  # printed now: the code shows once
        return self.render_to_response(
            self.get_context_data(info_request=info_request, query_code=code, receipt=receipt)
        )


class DetailView(StaffRequestsView, TemplateView):
    """The handler's own view: the only page with the applicant's unmasked identity and contacts.

    A reviewer who is not a handler opens the same page for a request whose reply they review, with the
    applicant's personal data masked, and the review steps as buttons.
    """

    template_name = "requests_app/staff/detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.reviewing_only = False
        organisation = self._organisation = Organisation.objects.filter(pk=kwargs.get("org_pk")).first()
        user = request.user
        if organisation and not can(user, HANDLE_REQUESTS, organisation) and can(user, REVIEW_CONTENT, organisation):
            self.permission, self.reviewing_only = REVIEW_CONTENT, True

    def get_permission_organisation(self):
        if self._organisation is None:
            raise Http404
        return self._organisation

    def requests(self):
        found = super().requests()
        return found.filter(reply__isnull=False) if self.reviewing_only else found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        info_request = get_object_or_404(
            self.requests().select_related("organisation", "handler").prefetch_related("consultations", "fee_notices"),
            pk=self.kwargs["pk"],
        )
        reply = getattr(info_request, "reply", None)
        held = {p for p in (HANDLE_REQUESTS, REVIEW_CONTENT) if can(self.request.user, p, self.organisation)}
        month_rank = info_request.applicant_month_rank()
        context.update(
            info_request=info_request,
            explanation=services.explain_due_on(info_request) if info_request.is_open else None,
            explanation_consulting=info_request.is_consulting,
            month_rank=month_rank,
            piece_fee=fees.piece_fee(month_rank),
            events=info_request.events.select_related("actor"),
            consultations=info_request.consultations.all(),
            fee_notices=info_request.fee_notices.all(),
            letters=letters.links(info_request),
            remedies=info_request.remedies.all(),
            reply=reply,
            reply_files=reply.files.all() if reply else [],
            reply_documents=reply.documents.public().order_by("title") if reply else [],
            actions=offered_actions(info_request, self.request.user, held=held),
            applicant=_applicant(info_request, masked=self.reviewing_only),
            reviewing_only=self.reviewing_only,
            correction_notice_due=(
                deadlines.correction_notice_due(info_request.received_on) if info_request.received_on else None
            ),
            days_left=(
                deadlines.working_days_left(info_request.due_on, timezone.localdate())
                if info_request.due_on and info_request.is_open
                else None
            ),
        )
        return context


def _applicant(info_request, *, masked: bool) -> dict:
    """The applicant's identity and contacts as this page may show them (masked for a reviewer)."""
    natural = info_request.applicant_category == ApplicantCategory.NATURAL_PERSON
    values = {
        "name": info_request.applicant_name,
        "id_number": info_request.id_document_number,
        "phone": info_request.phone,
        "email": info_request.email,
        "address": info_request.postal_address,
    }
    if masked:
        values.update(
            name=mask_name(values["name"], natural),
            id_number=mask_middle(values["id_number"]),
            phone=mask_middle(values["phone"], 3, 2),
            email=mask_email(values["email"]) if values["email"] else "",
            address=mask_middle(values["address"], 3, 0) if values["address"] else "",
        )
    return values


class ActionView(StaffRequestsView, FormView):
    """Every transition: the action's form, then its service; refusals come back as form errors."""

    template_name = "requests_app/staff/action.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.action = ACTIONS.get(kwargs["action"])
        # An unknown action is a 404 only after the permission check (get/post), like every staff URL.
        self.permission = self.action.permission if self.action else HANDLE_REQUESTS

    def post(self, request, *args, **kwargs):
        if self.action is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_info_request(self):
        if not hasattr(self, "_info_request"):
            self._info_request = self.get_request()
        return self._info_request

    def get(self, request, *args, **kwargs):
        if self.action is None:
            raise Http404
        if not self.action.offered(self.get_info_request(), request.user):
            messages.warning(request, _("当前状态下不能进行“%(action)s”。") % {"action": self.action.label})
            return redirect(self.back_url())
        return super().get(request, *args, **kwargs)

    def get_form_class(self):
        return self.action.form

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "info_request": self.get_info_request()}

    def back_url(self):
        if can(self.request.user, HANDLE_REQUESTS, self.organisation):
            return reverse(
                "requests_app:staff_detail", kwargs={"org_pk": self.organisation.pk, "pk": self.get_info_request().pk}
            )
        return reverse("requests_app:staff_approvals", kwargs={"org_pk": self.organisation.pk})

    def form_valid(self, form):
        try:
            self.action.perform(self.get_info_request(), form.cleaned_data, self.request.user)
        except Refusal as error:  # StorageError (a full or unwritable file storage) is a Refusal too
            self.get_info_request().refresh_from_db()  # the refused service may have changed it in memory
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("已完成：%(action)s。") % {"action": self.action.label})
        return redirect(self.back_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        info_request = self.get_info_request()
        reply = getattr(info_request, "reply", None)
        context.update(
            info_request=info_request,
            action=self.action,
            action_name=self.kwargs["action"],
            letter=(
                letters.letter(reply)
                if reply is not None and self.kwargs["action"] in ("approve_reply", "send_back_reply")
                else None
            ),
            detail_url=reverse(
                "requests_app:staff_detail", kwargs={"org_pk": self.organisation.pk, "pk": info_request.pk}
            ),
            back_url=self.back_url(),
        )
        return context


class LetterView(StaffRequestsView, View):
    """Any letter of a request in the official layout: printable HTML, or DOCX with the `docx` URL kwarg.

    `kind` names the letter (requests_app.letters.LetterKind); consultation letters and fee notices take the
    consultation's or notice's pk as `item`. The old reply-letter URLs pass kind="reply".
    """

    def get(self, request, *args, **kwargs):
        info_request = get_object_or_404(
            self.requests().select_related("organisation", "handler").prefetch_related("consultations", "fee_notices"),
            pk=self.kwargs["pk"],
        )
        content = letters.find(info_request, kwargs.get("kind", LetterKind.REPLY), kwargs.get("item"))
        if content is None:
            raise Http404
        if kwargs.get("docx"):
            suffix = "" if content.kind == LetterKind.REPLY else f"-{content.kind}"
            filename = f"{info_request.tracking_number}{suffix}.docx"
            return attachment_response(letters.to_docx(content), DOCX, filename)
        back = reverse("requests_app:staff_detail", kwargs={"org_pk": self.organisation.pk, "pk": info_request.pk})
        return render(request, "requests_app/letters/official.html", {"letter": content, "back_url": back})


class ReplyFileView(StaffRequestsView, View):
    def get(self, request, *args, **kwargs):
        reply_file = get_object_or_404(
            ReplyFile.objects.filter(reply__request__organisation=self.organisation),
            pk=kwargs["file_pk"],
            reply__request__pk=kwargs["pk"],
        )
        return stored_file_response(reply_file.file, reply_file.name)


class ApprovalsView(StaffRequestsView, TemplateView):
    """Replies waiting for the reviewer's sign-off."""

    permission = REVIEW_CONTENT
    template_name = "requests_app/staff/approvals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = (
            self.requests()
            .filter(reply__status=ReplyStatus.SUBMITTED, state__in=OPEN_STATES)
            .select_related("reply", "reply__drafted_by")
            .order_by("due_on", "pk")
        )
        context["page_obj"] = paginate(waiting, self.request.GET.get("page"), PAGE_SIZE)
        return context


class Art44View(StaffRequestsView, TemplateView):
    """Art. 44: information several applicants asked for and received — candidates for proactive disclosure.

    Reads the most recent `art44.WINDOW` replies that provided information (not those that only pointed to
    information already public) with their files and documents in three queries, then groups them (art44.group).
    """

    template_name = "requests_app/staff/art44.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        provided = [ReplyType.PROVIDED, ReplyType.PARTLY_PROVIDED]
        replies = list(
            Reply.objects.filter(
                request__organisation=self.organisation, reply_type__in=provided, sent_on__isnull=False
            )
            .order_by("-sent_on", "-pk")
            .values_list("pk", "request_id", "request__subject", "request__id_document_number", "request__received_on")[
                : art44.WINDOW
            ]
        )
        reply_ids = [row[0] for row in replies]
        given: dict[int, set[str]] = {pk: set() for pk in reply_ids}
        for reply_id, name in ReplyFile.objects.filter(reply_id__in=reply_ids).values_list("reply_id", "name"):
            given[reply_id].add(f"file:{name}")
        documents = Reply.documents.through.objects.filter(reply_id__in=reply_ids)
        for reply_id, document_id in documents.values_list("reply_id", "document_id"):
            given[reply_id].add(f"document:{document_id}")
        rows = [
            art44.Answered(request_pk, subject, applicant, received_on, frozenset(given[reply_pk]))
            for reply_pk, request_pk, subject, applicant, received_on in replies
        ]
        context["page_obj"] = paginate(art44.group(rows), self.request.GET.get("page"), PAGE_SIZE)
        return context
