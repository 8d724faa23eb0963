"""Staff pages under /staff/org/<org_pk>/interaction/ (one view family per object kind, one door each) and the
supervising office's pages under /staff/interaction/ (every organisation; the permission held globally)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from interaction import deadlines, services
from interaction.flows import ANSWER_MESSAGES, HOT_TOPIC, INTERVIEW, REPLY, REVIEW_MESSAGE_REPLIES, SUPERVISE_MESSAGES
from interaction.forms import (
    AssignForm,
    CommentForm,
    ErrorAnswerForm,
    FromRequestForm,
    HotTopicForm,
    InterviewForm,
    NoteForm,
    OrderForm,
    OversightFilterForm,
    PublishForm,
    QueueFilterForm,
    ReplyForm,
    TranscriptForm,
    TransferForm,
)
from interaction.models import (
    OPEN_STATUSES,
    ErrorReport,
    ErrorStatus,
    HotTopic,
    Interview,
    InterviewQuestion,
    Message,
    MessageStatus,
)
from portal.downloads import stored_file_response
from portal.errors import Refusal
from portal.intake.masking import mask_middle, mask_name
from portal.pagination import paginate
from portal.permissions import OrganisationPermissionMixin, can, require
from portal.roles import DRAFT_CONTENT, HANDLE_REQUESTS

PAGE_SIZE = 25
REVIEW_EVENTS = ("approve", "send_back", "reject")
DONE = gettext_lazy("已完成：%(action)s。")


def annotate_days(items, today):
    for item in items:
        item.days_left = deadlines.working_days_left(item.due_on, today) if item.is_open else None
        item.overdue = item.days_left is not None and item.days_left < 0
        item.due_soon = item.days_left is not None and 0 <= item.days_left <= deadlines.REMIND_BEFORE_WORKING_DAYS
        item.masked_name = mask_name(item.name, True)
    return items


def filter_due(queryset, due: str, today: dt.date):
    if due == "overdue":
        return queryset.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    if due == "soon":
        horizon = deadlines.reply_due(today, deadlines.REMIND_BEFORE_WORKING_DAYS)
        return queryset.filter(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=horizon)
    if due in ("2months", "3months"):
        months = 2 if due == "2months" else 3
        return queryset.filter(status__in=OPEN_STATUSES, received_on__lt=today - relativedelta(months=months))
    return queryset


# ---------------------------------------------------------------- messages of one organisation


class StaffMessagesView(OrganisationPermissionMixin, View):
    """The door of every message page: `answer_messages` on the organisation in the URL, else 403."""

    permission = ANSWER_MESSAGES

    def messages_here(self):
        return Message.objects.filter(organisation=self.organisation)

    def get_message(self):
        return get_object_or_404(
            self.messages_here().select_related("organisation", "message_type", "handler"), pk=self.kwargs["pk"]
        )


class QueueView(StaffMessagesView):
    template_name = "interaction/staff/queue.html"
    statuses = OPEN_STATUSES
    title = gettext_lazy("留言办理")

    def get(self, request, org_pk):
        today = timezone.localdate()
        queryset = self.messages_here().select_related("message_type", "handler")
        form = QueueFilterForm(request.GET)
        form.is_valid()  # a refused value shows its message and is left out
        chosen = form.chosen()
        if chosen["status"]:
            queryset = queryset.filter(status=chosen["status"])
        elif not chosen["q"]:
            queryset = queryset.filter(status__in=self.statuses)
        queryset = filter_due(queryset, chosen["due"], today)
        if chosen["mine"]:
            queryset = queryset.filter(handler=request.user)
        if q := chosen["q"]:
            queryset = queryset.filter(Q(tracking_number__icontains=q) | Q(subject__icontains=q))
        page = paginate(queryset.order_by("due_on", "pk"), request.GET.get("page"), PAGE_SIZE)
        annotate_days(page.object_list, today)
        return render(request, self.template_name, {
            "organisation": self.organisation, "page_obj": page, "title": self.title, "filter_form": form,
            "may_convert": can(request.user, HANDLE_REQUESTS, self.organisation),
        })  # fmt: skip


class ApprovalsView(QueueView):
    permission = REVIEW_MESSAGE_REPLIES
    statuses = (MessageStatus.REVIEWING,)
    title = gettext_lazy("待审核的留言答复")


def _handlers(organisation):
    ids = [u.pk for u in get_user_model().objects.filter(memberships__organisation=organisation, is_active=True)
           .distinct() if can(u, ANSWER_MESSAGES, organisation)]  # fmt: skip
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


class DetailView(StaffMessagesView):
    """Everything about one message, unmasked (the handler's page), with the steps this user may take."""

    def get(self, request, org_pk, pk, **bound):
        message = self.get_message()
        annotate_days([message], timezone.localdate())
        user = request.user
        context = {
            "organisation": self.organisation,
            "message": message,
            "events": message.events.select_related("actor", "organisation"),
            # Review steps (the reply itself is drafted with its own form below).
            "transitions": [t for t in REPLY.available(message, user) if t.event in REVIEW_EVENTS],
            "reply_form": bound.get("reply") or ReplyForm(initial={"reply": message.reply}),
            "comment_form": bound.get("review") or CommentForm(),
            "note_form": bound.get("note") or NoteForm(),
            "assign_form": bound.get("assign") or AssignForm(handlers=_handlers(self.organisation)),
            "transfer_form": bound.get("transfer") or TransferForm(organisation=self.organisation),
            "publish_form": bound.get("publish")
            or PublishForm(
                initial={
                    "public_subject": message.public_subject or message.subject,
                    "public_body": message.public_body or message.body,
                }
            ),  # fmt: skip
            "unpublish_form": bound.get("unpublish") or CommentForm(),
            "may_review": can(user, REVIEW_MESSAGE_REPLIES, self.organisation),
            "may_convert": can(user, HANDLE_REQUESTS, self.organisation),
        }
        status = 400 if bound else 200
        return render(request, "interaction/staff/detail.html", context, status=status)


class ActionView(StaffMessagesView):
    """POST one step; a refusal or a form error re-renders the detail page with the input kept."""

    # action → (permission, form, service call(message, form, user))
    ACTIONS = {
        "reply": (ANSWER_MESSAGES, ReplyForm, lambda m, f, u: services.submit_reply(m, f.cleaned_data["reply"], by=u)),
        "note": (ANSWER_MESSAGES, NoteForm, lambda m, f, u: services.add_note(m, f.cleaned_data["text"], by=u)),
        "assign": (ANSWER_MESSAGES, AssignForm, lambda m, f, u: services.assign(m, f.cleaned_data["handler"], by=u)),
        "transfer": (ANSWER_MESSAGES, TransferForm,
                     lambda m, f, u: services.transfer(m, f.cleaned_data["target"], f.cleaned_data["reason"], by=u)),
        "review": (REVIEW_MESSAGE_REPLIES, CommentForm, None),
        "publish": (REVIEW_MESSAGE_REPLIES, PublishForm, lambda m, f, u: services.publish(m, by=u, **f.cleaned_data)),
        "unpublish": (REVIEW_MESSAGE_REPLIES, CommentForm,
                      lambda m, f, u: services.unpublish(m, by=u, reason=f.cleaned_data["comment"])),
    }  # fmt: skip
    LABELS = {
        "reply": gettext_lazy("提交答复审核"), "note": gettext_lazy("添加备注"), "assign": gettext_lazy("分配承办人"),
        "transfer": gettext_lazy("转办"), "publish": gettext_lazy("公开"), "unpublish": gettext_lazy("取消公开"),
    }  # fmt: skip

    def post(self, request, org_pk, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        permission, form_class, call = self.ACTIONS[action]
        require(request.user, permission, self.organisation)
        message = self.get_message()
        kwargs = {}
        if form_class is AssignForm:
            kwargs["handlers"] = _handlers(self.organisation)
        if form_class is TransferForm:
            kwargs["organisation"] = self.organisation
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                if action == "review":
                    event = request.POST.get("event", "")
                    if event not in REVIEW_EVENTS:
                        raise Http404
                    services.review_reply(message, event, by=request.user, comment=form.cleaned_data["comment"])
                    label = REPLY.transition(event).label
                else:
                    call(message, form, request.user)
                    label = self.LABELS[action]
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, DONE % {"action": label})
                return redirect("interaction_staff:detail", org_pk=self.organisation.pk, pk=message.pk)
        detail = DetailView()
        detail.setup(request, org_pk=org_pk, pk=pk)
        detail.organisation = self.organisation
        return detail.get(request, org_pk, pk, **{action: form})


class AttachmentView(StaffMessagesView):
    def get(self, request, org_pk, pk):
        message = self.get_message()
        if not message.attachment:
            raise Http404
        return stored_file_response(message.attachment, message.attachment_name or message.attachment.name)


class ToRequestView(StaffMessagesView):
    """The message asks for government information: register it as an information request (both linked)."""

    def _form(self, data=None):
        from requests_app.forms import ApplicantFieldsForm

        message = self.get_message()
        initial = {"applicant_name": message.name, "phone": message.phone, "email": message.email,
                   "subject": message.subject, "description": message.body}  # fmt: skip
        return message, ApplicantFieldsForm(data, organisation=self.organisation, initial=initial)

    def get(self, request, org_pk, pk):
        require(request.user, HANDLE_REQUESTS, self.organisation)
        message, form = self._form()
        return render(request, "interaction/staff/to_request.html", {"organisation": self.organisation,
                      "message": message, "form": form})  # fmt: skip

    def post(self, request, org_pk, pk):
        require(request.user, HANDLE_REQUESTS, self.organisation)
        message, form = self._form(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
            try:
                info_request, code = services.convert_to_request(message, data, by=request.user)
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("已转为依申请公开：受理编号 %(number)s，查询码 %(code)s（只显示这一次，已发送到申请人邮箱）。")
                                 % {"number": info_request.tracking_number, "code": code})  # fmt: skip
                return redirect("interaction_staff:detail", org_pk=self.organisation.pk, pk=message.pk)
        return render(request, "interaction/staff/to_request.html", {"organisation": self.organisation,
                      "message": message, "form": form}, status=400)  # fmt: skip


class FromRequestView(StaffMessagesView):
    """An information request that is really a consultation or complaint becomes a message (both linked)."""

    def get(self, request, org_pk):
        require(request.user, HANDLE_REQUESTS, self.organisation)
        return render(request, "interaction/staff/from_request.html",
                      {"organisation": self.organisation, "form": FromRequestForm()})  # fmt: skip

    def post(self, request, org_pk):
        from requests_app.models import InformationRequest

        require(request.user, HANDLE_REQUESTS, self.organisation)
        form = FromRequestForm(request.POST)
        if form.is_valid():
            number = "".join(form.cleaned_data["tracking_number"].split()).upper()
            info_request = InformationRequest.objects.filter(organisation=self.organisation,
                                                             tracking_number=number).first()  # fmt: skip
            if info_request is None:
                form.add_error("tracking_number", _("本机构没有该受理编号的申请。"))
            else:
                try:
                    message, code = services.convert_from_request(info_request, form.cleaned_data["message_type"],
                                                                  by=request.user)  # fmt: skip
                except Refusal as refusal:
                    form.add_error(None, refusal)
                else:
                    messages.success(request, _("已转为留言 %(number)s，查询码 %(code)s（只显示这一次）。")
                                     % {"number": message.tracking_number, "code": code})  # fmt: skip
                    return redirect("interaction_staff:detail", org_pk=self.organisation.pk, pk=message.pk)
        return render(request, "interaction/staff/from_request.html",
                      {"organisation": self.organisation, "form": form}, status=400)  # fmt: skip


# ---------------------------------------------------------------- hot topics and interviews


class StaffContentView(OrganisationPermissionMixin, View):
    permission = DRAFT_CONTENT
    model = HotTopic
    flow = HOT_TOPIC
    url_prefix = "hot_topic"

    def objects_here(self):
        return self.model.objects.filter(organisation=self.organisation)

    def get_object(self):
        return get_object_or_404(self.objects_here(), pk=self.kwargs["pk"])


class HotTopicListView(StaffContentView):
    def get(self, request, org_pk):
        page = paginate(self.objects_here().order_by("-pk"), request.GET.get("page"), PAGE_SIZE)
        return render(request, "interaction/staff/hot_topics.html", {"organisation": self.organisation,
                      "page_obj": page})  # fmt: skip


def _save_hot_topic(topic, organisation, form):
    data = form.cleaned_data
    topic = topic or HotTopic(organisation=organisation)
    topic.title, topic.concern, topic.response = data["title"], data["concern"], data["response"]
    topic.save()
    topic.documents.set(form.documents)
    return topic


class HotTopicEditView(StaffContentView):
    def _render(self, request, topic, form, status=200):
        transitions = self.flow.available(topic, request.user) if topic else []
        return render(request, "interaction/staff/hot_topic.html", {"organisation": self.organisation,
                      "topic": topic, "form": form, "transitions": transitions,
                      "comment_form": CommentForm()}, status=status)  # fmt: skip

    def get(self, request, org_pk, pk=None):
        topic = self.get_object() if pk else None
        initial = {}
        if topic:
            initial = {"title": topic.title, "concern": topic.concern, "response": topic.response,
                       "index_numbers": "\n".join(topic.documents.values_list("index_number", flat=True))}  # fmt: skip
        return self._render(request, topic, HotTopicForm(initial=initial))

    def post(self, request, org_pk, pk=None):
        topic = self.get_object() if pk else None
        form = HotTopicForm(request.POST)
        if form.is_valid():
            try:
                if topic:
                    services.editable(topic)
                topic = _save_hot_topic(topic, self.organisation, form)
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("已保存。"))
                return redirect("interaction_staff:hot_topic", org_pk=self.organisation.pk, pk=topic.pk)
        return self._render(request, topic, form, status=400)


class ContentEventView(StaffContentView):
    """POST a workflow event (submit / publish / send_back / withdraw) on a hot topic or an interview."""

    def post(self, request, org_pk, pk, event):
        obj = self.get_object()
        try:
            transition = self.flow.transition(event)
        except KeyError as error:
            raise Http404 from error
        try:
            self.flow.apply(obj, event, by=request.user, comment=request.POST.get("comment", ""))
        except Refusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, DONE % {"action": transition.label})
        return redirect(f"interaction_staff:{self.url_prefix}", org_pk=self.organisation.pk, pk=obj.pk)


class HotTopicEventView(ContentEventView):
    pass


class InterviewContentView(StaffContentView):
    model = Interview
    flow = INTERVIEW
    url_prefix = "interview"


class InterviewListView(InterviewContentView):
    def get(self, request, org_pk):
        page = paginate(self.objects_here().annotate(pending=Count("questions", filter=Q(questions__status="pending")))
                         .order_by("-starts_at"), request.GET.get("page"), PAGE_SIZE)  # fmt: skip
        return render(request, "interaction/staff/interviews.html", {"organisation": self.organisation,
                      "page_obj": page})  # fmt: skip


class InterviewEditView(InterviewContentView):
    def _render(self, request, interview, form, transcript_form=None, status=200):
        context = {"organisation": self.organisation, "interview": interview, "form": form,
                   "transitions": self.flow.available(interview, request.user) if interview else [],
                   "comment_form": CommentForm()}  # fmt: skip
        if interview:
            context["questions"] = interview.questions.all()
            context["transcript_form"] = transcript_form or TranscriptForm(initial={"transcript": interview.transcript})
            context["may_transcribe"] = interview.is_published and interview.starts_at <= timezone.now()
        return render(request, "interaction/staff/interview.html", context, status=status)

    def get(self, request, org_pk, pk=None):
        interview = self.get_object() if pk else None
        return self._render(request, interview, InterviewForm(instance=interview))

    def post(self, request, org_pk, pk=None):
        interview = self.get_object() if pk else None
        form = InterviewForm(request.POST, instance=interview or Interview(organisation=self.organisation))
        if form.is_valid():
            try:
                if interview:
                    services.editable(interview)
                interview = form.save()
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("已保存。"))
                return redirect("interaction_staff:interview", org_pk=self.organisation.pk, pk=interview.pk)
        return self._render(request, interview, form, status=400)


class InterviewEventView(InterviewContentView, ContentEventView):
    pass


class QuestionModerationView(InterviewContentView):
    def post(self, request, org_pk, pk, question_pk, decision):
        interview = self.get_object()
        question = get_object_or_404(InterviewQuestion, interview=interview, pk=question_pk)
        if decision not in ("approve", "reject"):
            raise Http404
        services.moderate_question(question, decision == "approve", by=request.user)
        messages.success(request, _("已审核问题。"))
        return redirect("interaction_staff:interview", org_pk=self.organisation.pk, pk=interview.pk)


class TranscriptView(InterviewContentView):
    def post(self, request, org_pk, pk):
        interview = self.get_object()
        form = TranscriptForm(request.POST)
        if form.is_valid():
            try:
                services.publish_transcript(interview, form.cleaned_data["transcript"], by=request.user)
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("文字实录已发布。"))
                return redirect("interaction_staff:interview", org_pk=self.organisation.pk, pk=interview.pk)
        edit = InterviewEditView()
        edit.setup(request, **self.kwargs)
        edit.organisation = self.organisation
        return edit._render(request, interview, InterviewForm(instance=interview), form, status=400)


# ---------------------------------------------------------------- the supervising office


class OfficeView(LoginRequiredMixin, View):
    """The supervising office: `supervise_messages` held globally (Django staff in group 督导办公室)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not (request.user.is_active and request.user.has_perm(f"portal.{SUPERVISE_MESSAGES}")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OversightView(OfficeView):
    """Every organisation's open and overdue messages: counts per organisation (one grouped query) and a list."""

    def get(self, request):
        today = timezone.localdate()
        open_messages = Message.objects.filter(status__in=OPEN_STATUSES)
        three_months = today - relativedelta(months=3)
        counts = (
            open_messages.values("organisation", "organisation__name")
            .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)),
                      veto=Count("pk", filter=Q(received_on__lt=three_months)))
            .order_by("organisation__path")
        )  # fmt: skip
        form = OversightFilterForm(request.GET)
        listed = filter_due(open_messages, form.chosen_due(), today)
        if org := request.GET.get("organisation", "").strip():
            listed = listed.filter(organisation_id=int(org)) if org.isdigit() else listed.none()
        page = paginate(listed.select_related("organisation", "message_type").order_by("due_on", "pk"), request.GET.get("page"), PAGE_SIZE)  # fmt: skip
        annotate_days(page.object_list, today)
        return render(request, "interaction/staff/oversight.html", {"counts": counts, "page_obj": page,
                      "filter_form": form})  # fmt: skip


class OrderView(OfficeView):
    def _render(self, request, message, form, status=200):
        annotate_days([message], timezone.localdate())
        return render(request, "interaction/staff/order.html", {"message": message, "form": form,
                      "masked_phone": mask_middle(message.phone)}, status=status)  # fmt: skip

    def get(self, request, pk):
        return self._render(request, get_object_or_404(Message.objects.select_related("organisation"), pk=pk),
                            OrderForm())  # fmt: skip

    def post(self, request, pk):
        message = get_object_or_404(Message.objects.select_related("organisation"), pk=pk)
        form = OrderForm(request.POST)
        if form.is_valid():
            try:
                services.order_answer(message, form.cleaned_data["note"], by=request.user)
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("已督办，机构将看到督办意见。"))
                return redirect("interaction_office:oversight")
        return self._render(request, message, form, status=400)


class ErrorReportsView(OfficeView):
    def get(self, request):
        today = timezone.localdate()
        status = request.GET.get("status", ErrorStatus.RECEIVED)
        reports = ErrorReport.objects.filter(status=status) if status in ErrorStatus.values else ErrorReport.objects
        page = paginate(reports.order_by("due_on", "pk"), request.GET.get("page"), PAGE_SIZE)
        for report in page.object_list:
            report.overdue = report.status == ErrorStatus.RECEIVED and report.due_on < today
        return render(request, "interaction/staff/error_reports.html", {"page_obj": page, "status": status,
                      "statuses": ErrorStatus.choices})  # fmt: skip


class ErrorReportView(OfficeView):
    def _render(self, request, report, form, status=200):
        return render(request, "interaction/staff/error_report.html", {"report": report, "form": form},
                      status=status)  # fmt: skip

    def get(self, request, pk):
        return self._render(request, get_object_or_404(ErrorReport, pk=pk), ErrorAnswerForm())

    def post(self, request, pk):
        report = get_object_or_404(ErrorReport, pk=pk)
        form = ErrorAnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_error_report(report, form.cleaned_data["answer"], by=request.user)
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("已答复。"))
                return redirect("interaction_office:error_reports")
        return self._render(request, report, form, status=400)
