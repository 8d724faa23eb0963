"""Public pages under /interaction/: write, track, the published answers (list, detail, feeds), monthly
statistics, 我为政府网站找错, 热点回应 and 在线访谈. Everything citizens see starts at a `public()` queryset."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from interaction import services, stats
from interaction.forms import ErrorReportForm, MessageForm, PublicFilterForm, QuestionForm, TrackingForm
from interaction.models import CITIZEN_EVENTS, ErrorReport, HotTopic, Interview, InterviewQuestion, Message
from portal.errors import Refusal
from portal.intake import throttle
from portal.intake.masking import mask_email

WRITE_SCOPE, TRACK_SCOPE, ERROR_SCOPE, QUESTION_SCOPE = (
    "interaction.message", "interaction.track", "interaction.error", "interaction.question",
)  # fmt: skip
SESSION_KEY = "interaction_created"
PAGE_SIZE = 20
TOO_OFTEN = _("提交过于频繁，请一小时后再试。")


def _submit_limit():
    return settings.GONGKAI_INTERACTION_SUBMIT_PER_HOUR


def _track_limit():
    return settings.GONGKAI_REQUESTS_TRACK_PER_HOUR


def home(request):
    public = Message.objects.public().select_related("organisation", "message_type").order_by("-published_at")
    context = {
        "latest": public[:5],
        "hot_topics": HotTopic.objects.public().select_related("organisation")[:5],
        "interviews": Interview.objects.public().select_related("organisation")[:5],
    }
    return render(request, "interaction/home.html", context)


def write(request):
    """The message form. A message asking for government information is pointed to the request form."""
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not throttle.allow_submission(request, WRITE_SCOPE, _submit_limit):
            form.add_error(None, TOO_OFTEN)
            status = 429
        elif form.is_spam():
            return redirect("interaction:write")
        elif (
            form.is_valid()
            and not form.cleaned_data["send_anyway"]
            and services.looks_like_information_request(form.cleaned_data["subject"], form.cleaned_data["body"])
        ):
            form.offer_request_form()  # nothing stored: the writer chooses the request form or confirms
            return render(request, "interaction/write.html", {"form": form, "suggest_request": True})
        elif form.is_valid():
            try:
                message, code = services.submit_message(
                    form.cleaned_data, attachment=form.cleaned_data.get("attachment"),
                    attachment_name=getattr(form, "attachment_name", ""),
                )  # fmt: skip
            except Refusal as refusal:
                form.add_error(None, refusal)
                status = 400
            else:
                throttle.record_submission(request, WRITE_SCOPE)
                request.session[SESSION_KEY] = {
                    "tracking_number": message.tracking_number,
                    "query_code": code,
                    "duplicate": code is None,
                    "email": mask_email(message.email) if message.email else "",
                    "organisation": message.organisation.name,
                    "due_on": message.due_on.isoformat(),
                }
                return redirect("interaction:write_done")
        else:
            status = 400
    return render(request, "interaction/write.html", {"form": form}, status=status)


@never_cache
def write_done(request):
    """The tracking number and query code, shown once."""
    created = request.session.pop(SESSION_KEY, None)
    if created is None:
        return redirect("interaction:track")
    return render(request, "interaction/write_done.html", {"created": created})


@never_cache
def track(request):
    form = TrackingForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allow_lookup(request, TRACK_SCOPE, _track_limit):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            status = 429
        else:
            found = services.find_for_writer(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
            if found is None:
                form.add_error(None, _("没有找到与该编号和查询码相符的记录，请核对后重新输入。"))
                status = 404
    context = {"form": form, "found": found, "is_report": isinstance(found, ErrorReport)}
    if isinstance(found, Message):
        context["events"] = found.events.filter(kind__in=CITIZEN_EVENTS).select_related("organisation")
    return render(request, "interaction/track.html", context, status=status)


def _public_messages(form):
    found = Message.objects.public().select_related("organisation", "message_type")
    if form.is_valid():
        data = form.cleaned_data
        if data["organisation"]:
            found = found.filter(organisation=data["organisation"])
        if data["message_type"]:
            found = found.filter(message_type=data["message_type"])
        if data["month"]:
            year, month = (int(p) for p in data["month"].split("-"))
            if 1 <= month <= 12:
                found = found.filter(answered_on__range=stats.month_bounds(year, month))
        if data["q"]:
            found = found.filter(services.search_filter(data["q"]))
    return found.order_by("-answered_on", "-pk")


def message_list(request):
    form = PublicFilterForm(request.GET or None)
    page = Paginator(_public_messages(form), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interaction/messages.html", {"form": form, "page_obj": page}, status=200)


def message_detail(request, pk):
    message = get_object_or_404(Message.objects.public().select_related("organisation", "message_type"), pk=pk)
    return render(request, "interaction/message.html", {"message": message})


def _month_from(request):
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in request.GET.get("month", "").split("-"))
        if not (2000 <= year <= today.year and 1 <= month <= 12):
            raise ValueError
    except ValueError:
        year, month = today.year, today.month
    return year, month


def statistics(request):
    year, month = _month_from(request)
    rows = stats.monthly(year, month)
    context = {"rows": rows, "chart": stats.chart(rows), "month": f"{year:04d}-{month:02d}", "year": year,
               "month_number": month}  # fmt: skip
    return render(request, "interaction/statistics.html", context)


def statistics_csv(request):
    year, month = _month_from(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("机构"), _("收到"), _("已答复"), _("按期答复"), _("平均答复用时（工作日）"), _("未办结")])
    for row in stats.monthly(year, month):
        writer.writerow([row.organisation.name, row.received, row.answered, row.on_time,
                         "" if row.average_working_days is None else row.average_working_days, row.still_open])  # fmt: skip
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interaction-{year:04d}-{month:02d}.csv"'
    return response


def report_error(request):
    """我为政府网站找错: the page the visitor came from is filled in (?page=…)."""
    initial = {"page_url": request.GET.get("page", "")[:500]}
    form = ErrorReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not throttle.allow_submission(request, ERROR_SCOPE, _submit_limit):
            form.add_error(None, TOO_OFTEN)
            status = 429
        elif form.is_spam():
            return redirect("interaction:report_error")
        elif form.is_valid():
            report, code = services.submit_error_report(form.cleaned_data)
            throttle.record_submission(request, ERROR_SCOPE)
            request.session[SESSION_KEY] = {
                "tracking_number": report.tracking_number,
                "query_code": code,
                "duplicate": code is None,
                "email": mask_email(report.email) if report.email else "",
                "due_on": report.due_on.isoformat(),
                "is_report": True,
            }
            return redirect("interaction:write_done")
        else:
            status = 400
    return render(request, "interaction/report_error.html", {"form": form}, status=status)


def hot_topics(request):
    page = Paginator(HotTopic.objects.public().select_related("organisation"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "interaction/hot_topics.html", {"page_obj": page})


def hot_topic(request, pk):
    from disclosure.models import Document

    topic = get_object_or_404(HotTopic.objects.public().select_related("organisation"), pk=pk)
    documents = Document.objects.public().filter(pk__in=topic.documents.values("pk")).order_by("-published_at")
    return render(request, "interaction/hot_topic.html", {"topic": topic, "documents": documents})


def interviews(request):
    now = timezone.now()
    public = Interview.objects.public().select_related("organisation")
    context = {
        "coming": public.filter(starts_at__gte=now).order_by("starts_at"),
        "page_obj": Paginator(public.filter(starts_at__lt=now), PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "interaction/interviews.html", context)


def interview(request, pk):
    item = get_object_or_404(Interview.objects.public().select_related("organisation"), pk=pk)
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not throttle.allow_submission(request, QUESTION_SCOPE, _submit_limit):
            form.add_error(None, TOO_OFTEN)
            status = 429
        elif form.is_spam():
            return redirect(item)
        elif form.is_valid():
            try:
                services.ask_question(item, form.cleaned_data["text"], form.cleaned_data["name"])
            except Refusal as refusal:
                form.add_error(None, refusal)
                status = 400
            else:
                throttle.record_submission(request, QUESTION_SCOPE)
                messages.success(request, _("问题已提交，经审核后显示。"))
                return redirect(item)
        else:
            status = 400
    questions = InterviewQuestion.objects.public().filter(interview=item).only("text", "submitted_at")
    context = {"interview": item, "form": form, "questions": questions, "takes_questions": item.takes_questions()}
    return render(request, "interaction/interview.html", context, status=status)
