"""Staff screens for one organisation's documents: one view family, guarded once by StaffMixin.

Editors (draft_content) draft, edit, attach and submit; reviewers (review_content) publish, send back,
withdraw, reassess and clean up. Business rules are in services.py; these views translate HTTP.
"""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from disclosure import services
from disclosure.forms import (
    AttachmentForm,
    CleanupFilterForm,
    CleanupForm,
    CommentForm,
    DocumentForm,
    ReassessForm,
    RequiredCommentForm,
)
from disclosure.models import Attachment, Attribute, Document, Status
from portal.downloads import stored_file_response
from portal.editing import EditConflict
from portal.errors import Refusal
from portal.pagination import paginate
from portal.permissions import OrganisationPermissionMixin, can, permissions_by_organisation
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import action_buttons


class StaffMixin(OrganisationPermissionMixin):
    """The one door: the organisation from the URL, the permission from the view, documents of that organisation only."""

    permission = DRAFT_CONTENT

    def get_document(self):
        if not hasattr(self, "_document"):
            # is_public: whether citizens see it, asked of the one gate (in the same query).
            public = Document.objects.public().filter(pk=OuterRef("pk"))
            self._document = get_object_or_404(
                Document.objects.select_related("organisation", "domain").annotate(is_public=Exists(public)),
                pk=self.kwargs["pk"],
                organisation=self.organisation,
            )
        return self._document

    def detail_url(self, document=None):
        document = document or self.get_document()
        return reverse("disclosure:staff_detail", kwargs={"org_pk": self.organisation.pk, "pk": document.pk})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("may_review", can(self.request.user, REVIEW_CONTENT, self.organisation))
        return super().get_context_data(**kwargs)


def _staff_documents(organisation):
    return (
        Document.objects.filter(organisation=organisation)
        .select_related("domain")
        .defer("body", "body_html", "search_tokens")
    )


class StaffHomeView(StaffMixin, TemplateView):
    template_name = "disclosure/staff/home.html"

    def get_context_data(self, **kwargs):
        documents = _staff_documents(self.organisation).order_by("-updated_at", "-pk")
        status = self.request.GET.get("status", "")
        if status in Status.values:
            documents = documents.filter(status=status)
        # No counts per status: at a million documents the GROUP BY was most of this page's time (issue #17).
        page = paginate(documents, self.request.GET.get("page"), 30)
        statuses = Status.choices
        return super().get_context_data(page_obj=page, status=status, statuses=statuses, **kwargs)


class DocumentCreateView(StaffMixin, FormView):
    template_name = "disclosure/staff/form.html"
    form_class = DocumentForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation, "instance": self.get_instance()}

    def get_instance(self):
        return Document(organisation=self.organisation)

    def get_initial(self):
        # A new draft started from requests (Art. 44 candidates) arrives with its title filled in.
        initial = super().get_initial()
        if self.request.GET.get("title") and not self.get_instance().pk:
            initial["title"] = self.request.GET["title"][:300]
        return initial

    def form_valid(self, form):
        document = form.save(commit=False)
        try:
            services.save_draft(
                document,
                by=self.request.user,
                catalog_items=form.cleaned_data["catalog_items"],
                loaded_version=form.loaded_version,
            )
        except EditConflict as conflict:  # another editor saved meanwhile: show what, keep this input
            form.show_conflict(conflict)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存草稿。"))
        return redirect(self.detail_url(document))


class DocumentEditView(DocumentCreateView):
    def get_instance(self):
        return self.get_document()

    def get(self, request, *args, **kwargs):
        if self.get_document().status != Status.DRAFT:
            messages.error(request, _("只有草稿可以修改；已发布的文件请使用“更正”。"))
            return redirect(self.detail_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except Refusal as error:
            messages.error(self.request, str(error))
            return redirect(self.detail_url())


class StaffDetailView(StaffMixin, TemplateView):
    template_name = "disclosure/staff/detail.html"

    def get_context_data(self, **kwargs):
        document = self.get_document()
        held = permissions_by_organisation(self.request.user, [self.organisation])[self.organisation.pk]
        return super().get_context_data(
            document=document,
            may_review=REVIEW_CONTENT in held,
            events=document.events.select_related("actor"),
            attachments=document.attachments.all(),
            catalog_items=document.catalog_items.all(),
            interpretations=document.interpretations.all().only("pk", "title", "status"),
            correction=Document.objects.filter(supersedes=document).only("pk", "title", "status").first(),
            publication_due=services.publication_due(document),
            is_public=document.is_public,
            attachment_form=AttachmentForm(),
            comment_form=CommentForm(auto_id="comment_%s"),
            reason_form=RequiredCommentForm(auto_id="reason_%s"),
            actions=self.actions(document, held),
            may_edit=document.status == Status.DRAFT,
            may_delete=DRAFT_CONTENT in held and services.may_delete_draft(document, self.request.user),
            show_publication_due=document.status in (Status.DRAFT, Status.SUBMITTED),
            may_correct=document.status == Status.PUBLISHED and DRAFT_CONTENT in held,
            may_reassess=(
                document.attribute != Attribute.PROACTIVE
                and document.status in (Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED)
                and REVIEW_CONTENT in held
            ),
            **kwargs,
        )

    def actions(self, document, held):
        """The workflow steps this user may take now (the template loops over them)."""
        kwargs = {"org_pk": self.organisation.pk, "pk": document.pk}
        return action_buttons(
            services.FLOW,
            document,
            self.request.user,
            url=lambda t: reverse(f"disclosure:staff_{t.event}", kwargs=kwargs),
            comment_form=CommentForm,
            reason_form=RequiredCommentForm,
            held=held,
        )


class StaffPrintView(StaffMixin, TemplateView):
    """The print view of any of the organisation's documents, with its attribute mark (此件不予公开…)."""

    template_name = "disclosure/print.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.get_document(), back_url=self.detail_url(), **kwargs)


class AttachmentUploadView(StaffMixin, View):
    def post(self, request, *args, **kwargs):
        document = self.get_document()
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            for error in form.errors.get("file", []):
                messages.error(request, error)
            return redirect(self.detail_url())
        try:
            services.add_attachment(
                document,
                by=request.user,
                upload=form.cleaned_data["file"],
                original_name=form.original_name,
                kind=form.kind,
            )
        except Refusal as error:  # StorageError (a full or unwritable file storage) is a Refusal too
            messages.error(request, str(error))
        else:
            messages.success(request, _("已上传附件“%(name)s”。") % {"name": form.original_name})
        return redirect(self.detail_url())


class AttachmentFileView(StaffMixin, View):
    """Staff preview of an attachment of their own organisation's document (any state)."""

    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(Attachment, pk=kwargs["attachment_pk"], document=self.get_document())
        return stored_file_response(attachment.file, attachment.original_name)


class AttachmentDeleteView(StaffMixin, View):
    def post(self, request, *args, **kwargs):
        document = self.get_document()
        attachment = get_object_or_404(Attachment, pk=kwargs["attachment_pk"], document=document)
        try:
            services.remove_attachment(attachment, by=request.user)
        except Refusal as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已删除附件“%(name)s”。") % {"name": attachment.original_name})
        return redirect(self.detail_url())


class ActionView(StaffMixin, View):
    """POST-only step: validate the comment form, call the service, report the outcome as a message."""

    form_class = CommentForm
    success_message = ""

    def act(self, document, comment):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        document = self.get_document()
        form = self.form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.detail_url())
        try:
            result = self.act(document, form.cleaned_data["comment"])
        except Refusal as error:
            messages.error(request, str(error))
            return redirect(self.detail_url())
        messages.success(request, self.success_message)
        return redirect(self.detail_url(result))


class SubmitView(ActionView):
    success_message = gettext_lazy("已提交审核。")

    def act(self, document, comment):
        return services.submit(document, by=self.request.user, comment=comment)


class PublishView(ActionView):
    permission = REVIEW_CONTENT
    success_message = gettext_lazy("已审核通过并发布。")

    def act(self, document, comment):
        return services.publish(document, by=self.request.user, comment=comment)


class SendBackView(ActionView):
    permission = REVIEW_CONTENT
    form_class = RequiredCommentForm
    success_message = gettext_lazy("已退回修改。")

    def act(self, document, comment):
        return services.send_back(document, by=self.request.user, comment=comment)


class WithdrawView(ActionView):
    permission = REVIEW_CONTENT
    form_class = RequiredCommentForm
    success_message = gettext_lazy("已撤回。")

    def act(self, document, comment):
        return services.withdraw(document, by=self.request.user, reason=comment)


class CorrectView(ActionView):
    success_message = gettext_lazy("已创建更正版本草稿，发布后将替代原文件并沿用原索引号。")

    def act(self, document, comment):
        return services.supersede(document, by=self.request.user)


QUEUE_PAGE_SIZE = 50


class ReviewQueueView(StaffMixin, TemplateView):
    permission = REVIEW_CONTENT
    template_name = "disclosure/staff/review.html"

    def get_context_data(self, **kwargs):
        documents = _staff_documents(self.organisation).filter(status=Status.SUBMITTED).order_by("updated_at", "pk")
        page = paginate(documents, self.request.GET.get("page"), QUEUE_PAGE_SIZE)
        return super().get_context_data(documents=page, page_obj=page, **kwargs)


class ReassessmentQueueView(StaffMixin, TemplateView):
    permission = REVIEW_CONTENT
    template_name = "disclosure/staff/reassessment.html"

    def get_context_data(self, **kwargs):
        documents = (
            _staff_documents(self.organisation)
            .due_for_reassessment(timezone.localdate())
            .order_by("next_review_on", "pk")
        )
        page = paginate(documents, self.request.GET.get("page"), QUEUE_PAGE_SIZE)
        return super().get_context_data(documents=page, page_obj=page, form=ReassessForm(), **kwargs)


class ReassessView(StaffMixin, FormView):
    permission = REVIEW_CONTENT
    template_name = "disclosure/staff/reassess.html"
    form_class = ReassessForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.get_document(), **kwargs)

    def form_valid(self, form):
        try:
            document = services.reassess(
                self.get_document(),
                by=self.request.user,
                disclose=form.cleaned_data["decision"] == "disclose",
                reason=form.cleaned_data["reason"],
            )
        except Refusal as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("已记录复核结论。"))
        return redirect(self.detail_url(document))


class CleanupCreateView(StaffMixin, FormView):
    permission = REVIEW_CONTENT
    template_name = "disclosure/staff/cleanup.html"
    form_class = CleanupForm

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = CleanupFilterForm(self.request.GET or None)
        return self._filter_form

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation, "filters": self.get_filter_form()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.get_filter_form(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        changes = [(d, data["new_validity"], data["effective_on"]) for d in data["documents"]]
        try:
            batch = services.clean_up(
                self.organisation,
                by=self.request.user,
                held_on=data["held_on"],
                scope=data["scope"],
                note=data["note"],
                changes=changes,
            )
        except Refusal as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("清理结果已公布。"))
        return redirect(batch)


class DraftDeleteView(StaffMixin, TemplateView):
    """A mistaken draft (never published) deleted by its drafter: a confirm page, then the service."""

    template_name = "disclosure/staff/delete.html"

    def get_context_data(self, **kwargs):
        document = self.get_document()
        return super().get_context_data(
            document=document, back_url=self.detail_url(),
            may_delete=services.may_delete_draft(document, self.request.user), **kwargs
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        document = self.get_document()
        try:
            services.delete_draft(document, by=request.user)
        except Refusal as error:
            messages.error(request, str(error))
            return redirect(self.detail_url())
        messages.success(request, _("已删除草稿“%(title)s”。") % {"title": document.title})
        return redirect("disclosure:staff_home", org_pk=self.organisation.pk)
