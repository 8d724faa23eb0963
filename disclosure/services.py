"""The business steps of a document's life. Views check *who* may act (portal/permissions.py);
these functions check *whether* the step is allowed now, change the state and record the event in
one transaction. The review flow (submit → publish / send back, withdraw) is the `FLOW` table on the
portal workflow engine; every service takes the acting user as the keyword-only `by`.
"""

import datetime as dt
import re

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure import rendering, richtext, search
from disclosure.models import (
    Attachment,
    Attribute,
    CleanupBatch,
    CleanupEntry,
    Document,
    DocumentEvent,
    EventKind,
    IndexSerialCounter,
    Status,
    Validity,
)
from portal.audit import records_actor
from portal.editing import check_version
from portal.errors import Refusal
from portal.permissions import self_approval_forbidden
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.uploads import stored_together
from portal.workdays import add_working_days, working_days_between
from portal.workflow import WAY_THROUGH, Transition, Workflow, four_eyes

# Art. 26: proactive information is published within 20 working days of being formed or changed.
PUBLICATION_LIMIT_WORKING_DAYS = 20
REVIEW_INTERVAL = dt.timedelta(days=365)


# --- pure rules -------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[\[［【(（]\s*(\d{4})\s*[\]］】)）]")


def normalise_document_number(number: str) -> str:
    """济政办发[2020]12号 / （2020） / 【2020】 → 济政办发〔2020〕12号; spaces removed."""
    number = re.sub(r"\s+", "", number or "")
    return _BRACKETS.sub(r"〔\1〕", number)


def format_index_number(code: str, year: int, serial: int) -> str:
    """索引号: organisation code, slash, year, hyphen, five-digit serial (wider once past 99999)."""
    if serial < 1:
        raise ValueError("serial starts at 1")
    return f"{code}/{year}-{serial:05d}"


def organisation_code(organisation) -> str:
    """The credit code; a committee without one uses its zero-padded id so numbers stay unique."""
    return organisation.credit_code or f"{organisation.pk:09d}"


def is_late(formed_on: dt.date | None, published_on: dt.date) -> bool:
    """More than 20 working days between forming (or changing) and publication (Art. 26)."""
    if formed_on is None or formed_on >= published_on:
        return False
    try:
        return working_days_between(formed_on, published_on) > PUBLICATION_LIMIT_WORKING_DAYS
    except ValueError:  # a date outside the calendar (legacy data): no lateness can be computed
        return False


def publication_due(document) -> dt.date | None:
    """The last day to publish a proactive document on time (Art. 26), or None when it does not apply."""
    if document.attribute != Attribute.PROACTIVE or document.formed_on is None:
        return None
    try:
        return add_working_days(document.formed_on, PUBLICATION_LIMIT_WORKING_DAYS)
    except ValueError:  # formed_on near the calendar's end (9999-12-31, saved before dates were bounded)
        return None


# --- helpers ----------------------------------------------------------------------------------


def _record(document, kind, by, comment="", from_state="", to_state=""):
    return DocumentEvent.objects.create(
        document=document, kind=kind, actor=by, comment=comment, from_state=from_state, to_state=to_state
    )


def _move(document, to_state, kind, by, comment=""):
    """A move that follows from another step (the original superseded, an interpretation published with its
    policy): same event shape as the engine writes."""
    from_state = document.status
    document.status = to_state
    document.save(update_fields=["status", "updated_at"])
    _record(document, kind, by, comment, from_state, to_state)


def _require_status(document, *statuses):
    if document.status not in statuses:
        raise Refusal(_("文件当前状态为“%(status)s”，不能进行此操作。") % {"status": document.get_status_display()})


def _locked(document):
    return Document.objects.select_for_update().get(pk=document.pk)


# --- drafting ---------------------------------------------------------------------------------


def prepare(document) -> None:
    """Derived columns every save needs: normalised number, cleaned body, search tokens, review date.

    The body is cleaned here, whoever wrote it (staff form, admin, a script): the one sanitiser, never the
    browser's editor, decides what HTML is stored."""
    document.document_number = normalise_document_number(document.document_number)
    document.body = richtext.clean_body(document.body)
    document.body_html = document.body
    document.search_tokens = search.document_tokens(
        document.title, document.document_number, strip_tags(document.body_html)
    )
    if document.attribute == Attribute.PROACTIVE:
        document.withholding_ground = ""
        document.withholding_explanation = ""
        document.next_review_on = None
    elif document.next_review_on is None:
        document.next_review_on = timezone.localdate() + REVIEW_INTERVAL


@transaction.atomic
def save_draft(document, *, by, catalog_items=None, loaded_version=None) -> Document:
    """Create or edit a draft (or a sent-back document); the event says which.

    `loaded_version` is the edit_version the editor's form started from: if someone saved since, nothing
    is written and EditConflict (portal/editing.py) carries the saved document."""
    if document.pk:
        locked = _locked(document)
        _require_status(locked, Status.DRAFT)
        check_version(locked, loaded_version)
        document.edit_version = locked.edit_version + 1
    creating = document.pk is None
    if creating:
        document.created_by = by
        document.status = Status.DRAFT
    prepare(document)
    document.save()
    if catalog_items is not None:
        document.catalog_items.set(catalog_items)
    _record(document, EventKind.CREATED if creating else EventKind.EDITED, by)
    return document


def submit(document, *, by, comment="") -> Document:
    FLOW.apply(document, "submit", by=by, comment=comment)
    return document


def send_back(document, *, by, comment) -> Document:
    FLOW.apply(document, "send_back", by=by, comment=comment)
    return document


@transaction.atomic
def admin_edit(document, *, by, changed) -> Document:
    """An edit in the admin (the supervising office correcting a typo): derived columns re-rendered, the
    change in the document's history. The status and disclosure attribute are not editable there."""
    prepare(document)
    document.save()
    _record(document, EventKind.EDITED, by, _("管理后台修改：%(fields)s") % {"fields": "、".join(changed) or "—"})
    return document


def add_attachment(document, *, by, upload, original_name, kind) -> Attachment:
    """Attach a checked upload (forms.AttachmentForm) to a draft.

    The file and its record are one unit (portal.uploads.stored_together): a full or unwritable storage
    raises StorageError and leaves neither a file nor a row."""
    with stored_together() as store:
        document = _locked(document)
        _require_status(document, Status.DRAFT)
        attachment = Attachment(
            document=document, original_name=original_name, kind=kind, size=upload.size, uploaded_by=by
        )
        store(attachment, "file", upload)
        attachment.save()
        _record(document, EventKind.ATTACHMENT_ADDED, by, original_name)
    return attachment


@transaction.atomic
def remove_attachment(attachment, *, by) -> None:
    document = _locked(attachment.document)
    _require_status(document, Status.DRAFT)
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))
    _record(document, EventKind.ATTACHMENT_REMOVED, by, attachment.original_name)


NOT_A_MISTAKEN_DRAFT = gettext_lazy("只能删除从未发布过的草稿；已发布的文件请撤回或更正。")
NOT_THE_DRAFTER = gettext_lazy("只有起草人可以删除此草稿。")
STILL_REFERENCED = gettext_lazy("此草稿已被其他记录引用，不能删除。")


def may_delete_draft(document, user) -> bool:
    """Pure-ish rule for the button and the service: a draft never published, deleted by the one who wrote it."""
    return bool(
        document.status == Status.DRAFT
        and document.published_at is None
        and user.is_authenticated
        and document.created_by_id == user.pk
    )


@records_actor
def delete_draft(document, *, by) -> None:
    """Delete a mistaken draft: never published, by its drafter (who must still hold draft_content — the view
    checks that). The audit trail keeps the deleted row; its attachments' files go once the deletion commits."""
    from django.db.models import ProtectedError

    with transaction.atomic():
        document = _locked(document)
        published_before = document.events.filter(kind__in=[EventKind.PUBLISHED, EventKind.CORRECTED]).exists()
        if document.status != Status.DRAFT or document.published_at is not None or published_before:
            raise Refusal(NOT_A_MISTAKEN_DRAFT, code="state")
        if not may_delete_draft(document, by):
            raise Refusal(NOT_THE_DRAFTER, code="drafter")
        files = [attachment.file for attachment in document.attachments.all()]
        try:
            with transaction.atomic():
                document.attachments.all().delete()
                document.delete()
        except ProtectedError:
            raise Refusal(STILL_REFERENCED, code="referenced") from None
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])


# --- publication ------------------------------------------------------------------------------


def next_index_number(organisation, year: int) -> tuple[int, str]:
    """Take the next serial of (organisation, year) under a row lock: concurrent publications queue here."""
    try:
        with transaction.atomic():
            IndexSerialCounter.objects.get_or_create(organisation=organisation, year=year)
    except IntegrityError:  # another transaction created the row first; it exists now
        pass
    counter = IndexSerialCounter.objects.select_for_update().get(organisation=organisation, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial, format_index_number(organisation_code(organisation), year, counter.last_serial)


# What counts as drafting the change under review (four-eyes): writing it, submitting it. Starting a
# correction copies the published text and is not drafting; nor is sending back or publishing.
DRAFTING_KINDS = frozenset(
    {EventKind.CREATED, EventKind.EDITED, EventKind.SUBMITTED, EventKind.ATTACHMENT_ADDED, EventKind.ATTACHMENT_REMOVED}
)


def drafters(documents) -> set[int]:
    """Who drafted or submitted the current change of any of the documents: they may not approve it.

    Counted since each document last left review (its last publication or send-back does not reset it: a
    sent-back draft is the same change); a correction's "created" event (the copy) is not drafting.
    """
    ids = set()
    events = DocumentEvent.objects.filter(document__in=documents, kind__in=DRAFTING_KINDS).values_list(
        "document__supersedes_id", "kind", "actor_id"
    )
    for supersedes_id, kind, actor_id in events:
        if kind == EventKind.CREATED and supersedes_id:
            continue
        ids.add(actor_id)
    ids.discard(None)
    return ids


SELF_APPROVAL = format_lazy("{} {}", gettext_lazy("不能审核发布本人起草或提交的文件。"), WAY_THROUGH)
NEEDS_GROUND = gettext_lazy("依申请公开或不予公开的文件须填写依据和理由说明。")


def _has_ground(document, user):
    if document.attribute != Attribute.PROACTIVE and not (
        document.withholding_ground and document.withholding_explanation
    ):
        return NEEDS_GROUND
    return None


def _stamp_publication(document, by, comment):
    """Index number (kept by a correction), publication time, lateness; supersede the corrected original."""
    today = timezone.localdate()
    if document.supersedes_id:
        previous = _locked(document.supersedes)
        if previous.status == Status.PUBLISHED:
            _move(previous, Status.SUPERSEDED, EventKind.SUPERSEDED, by, comment)
        # The 解读 of the original interprets the correction now (its link on both pages stays), and documents
        # the original repealed name the correction as their repealing document.
        now = timezone.now()
        # update() sends no signal: their stored pages name the original (disclosure/rendering.py).
        rendering.invalidate(Document.objects.filter(Q(interprets=previous) | Q(repealed_by=previous)))
        Document.objects.filter(interprets=previous).exclude(pk=document.pk).update(interprets=document, updated_at=now)
        Document.objects.filter(repealed_by=previous).update(repealed_by=document, updated_at=now)
        document.index_number, document.index_year, document.index_serial = (
            previous.index_number,
            previous.index_year,
            previous.index_serial,
        )
    if not document.index_number:
        document.index_year = today.year
        document.index_serial, document.index_number = next_index_number(document.organisation, today.year)
    document.published_at = timezone.now()
    document.published_on = today
    document.is_late = document.attribute == Attribute.PROACTIVE and is_late(document.formed_on, today)


def _publish_with_group(document, *, by, on, comment):
    """The publish hook: a policy and its interpretations go out together, each with its own event; the
    four-eyes rule covers the whole group. `document` is locked and already marked published."""
    group = [document]
    policy = document.interprets if document.doc_type == "interpretation" else None
    if policy and policy.needs_interpretation and policy.status != Status.PUBLISHED:
        if policy.status != Status.SUBMITTED:
            raise Refusal(_("所解读的政策文件尚未提交审核，解读须与其同步发布。"))
        group.insert(0, _locked(policy))
    head = group[0]
    if head.needs_interpretation:
        ready = list(head.interpretations.select_for_update().filter(status=Status.SUBMITTED))
        already = Document.objects.filter(
            interprets__in=[head.pk, head.supersedes_id], status=Status.PUBLISHED
        ).exists()
        if not ready and not already:
            raise Refusal(_("此文件需要同步发布政策解读，请先提交其解读材料。"))
        group += [i for i in ready if i.pk != document.pk]
    if self_approval_forbidden(by, *drafters(group)):
        raise Refusal(SELF_APPROVAL)
    for item in group:
        _stamp_publication(item, by, comment)
        if item is not document:
            item.save()
            _move(
                item, Status.PUBLISHED, EventKind.CORRECTED if item.supersedes_id else EventKind.PUBLISHED, by, comment
            )
    return {"kind": EventKind.CORRECTED if document.supersedes_id else EventKind.PUBLISHED}


FLOW = Workflow(
    event_model=DocumentEvent,
    event_object_field="document",
    state_field="status",
    transitions=[
        Transition(
            Status.DRAFT, "submit", Status.SUBMITTED, DRAFT_CONTENT, guard=_has_ground,
            label=gettext_lazy("提交审核"), kind=EventKind.SUBMITTED, style="primary",
        ),
        Transition(
            Status.SUBMITTED, "publish", Status.PUBLISHED, REVIEW_CONTENT,
            guard=four_eyes(lambda d: drafters([d]), SELF_APPROVAL), hook=_publish_with_group,
            label=gettext_lazy("审核通过并发布"), kind=EventKind.PUBLISHED, takes_comment=True, style="primary",
        ),
        Transition(
            Status.SUBMITTED, "send_back", Status.DRAFT, REVIEW_CONTENT, needs_comment=True,
            label=gettext_lazy("退回修改"), kind=EventKind.SENT_BACK, style="secondary",
        ),
        Transition(
            Status.PUBLISHED, "withdraw", Status.WITHDRAWN, REVIEW_CONTENT, needs_comment=True,
            label=gettext_lazy("撤回"), kind=EventKind.WITHDRAWN, style="danger",
        ),
    ],
)  # fmt: skip


def publish(document, *, by, comment="") -> Document:
    """Approve and publish a submitted document (with its policy interpretation, published together).

    The index number is taken at first publication and kept by corrected versions.
    """
    FLOW.apply(document, "publish", by=by, comment=comment)
    rendering.schedule_render(document)  # its new page rendered by the worker after commit, if one runs
    return document


def withdraw(document, *, by, reason) -> Document:
    FLOW.apply(document, "withdraw", by=by, comment=reason)
    return document


def supersede(document, *, by) -> Document:
    """Start a corrected version of a published document: a draft copy that, once reviewed and
    published, replaces the original (now `superseded`) under the same index number. Starting it is not
    drafting it: whoever edits and submits the copy drafts the change (four-eyes).

    The copy keeps everything the original carries: its catalog items and its attachments (each file copied,
    so removing one from the draft never touches the published original's file). Interpretations and
    repeals pointing at the original move to the correction when it is published (`_stamp_publication`)."""
    with stored_together() as store:
        original = _locked(document)
        _require_status(original, Status.PUBLISHED)
        if Document.objects.filter(supersedes=original).exists():
            raise Refusal(_("此文件已有一个更正版本在办理中。"))
        items = list(original.catalog_items.all())
        copy = Document.objects.get(pk=original.pk)
        copy.pk = None
        copy.id = None
        copy._state.adding = True
        copy.status = Status.DRAFT
        copy.supersedes = original
        copy.index_number = copy.published_at = copy.published_on = None
        copy.index_year = copy.index_serial = None
        copy.is_late = False
        copy.created_by = by
        copy.save()
        copy.catalog_items.set(items)
        for attachment in original.attachments.all():
            duplicate = Attachment(
                document=copy, original_name=attachment.original_name, kind=attachment.kind, size=attachment.size,
                uploaded_by=attachment.uploaded_by,
            )  # fmt: skip
            with attachment.file.open("rb") as content:
                store(duplicate, "file", File(content, name=attachment.original_name))
            duplicate.save()
        _record(copy, EventKind.CREATED, by, _("更正“%(title)s”") % {"title": original.title})
    return copy


# --- dynamic management -----------------------------------------------------------------------


@transaction.atomic
def reassess(document, *, by, disclose: bool, reason) -> Document:
    """Periodic review of withheld information: keep it (next review in a year) or disclose it.

    Disclosing makes the document proactive and puts it back in the review queue, so it is
    published by the normal flow (a reviewer publishes it).
    """
    if not (reason or "").strip():
        raise Refusal(_("复核须填写理由。"))
    document = _locked(document)
    if document.attribute == Attribute.PROACTIVE:
        raise Refusal(_("此文件已是主动公开，无需复核。"))
    _require_status(document, Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED)
    if not disclose:
        document.next_review_on = timezone.localdate() + REVIEW_INTERVAL
        document.save(update_fields=["next_review_on", "updated_at"])
        _record(document, EventKind.REASSESSED_KEEP, by, reason, document.status, document.status)
        return document
    from_status = document.status
    document.attribute = Attribute.PROACTIVE
    document.status = Status.SUBMITTED if from_status != Status.DRAFT else Status.DRAFT
    document.formed_on = timezone.localdate()  # the information "changes" now: the 20-day clock restarts
    document.edit_version += 1
    prepare(document)
    document.save()
    _record(document, EventKind.REASSESSED_DISCLOSE, by, reason, from_status, document.status)
    return document


@transaction.atomic
def clean_up(organisation, *, by, held_on, scope, note, changes) -> CleanupBatch:
    """Declare documents expired or repealed in one batch; `changes` is [(document, validity, effective_on)]."""
    if not changes:
        raise Refusal(_("请至少选择一个文件。"))
    batch = CleanupBatch.objects.create(
        organisation=organisation, held_on=held_on, scope=scope, note=note, created_by=by
    )
    for document, validity, effective_on in changes:
        if validity not in (Validity.EXPIRED, Validity.REPEALED):
            raise Refusal(_("清理结果只能是失效或废止。"))
        document = _locked(document)
        if document.organisation_id != organisation.pk:
            raise Refusal(_("只能清理本机构的文件。"))
        document.validity = validity
        document.validity_changed_on = effective_on
        document.save(update_fields=["validity", "validity_changed_on", "updated_at"])
        CleanupEntry.objects.create(batch=batch, document=document, new_validity=validity, effective_on=effective_on)
        kind = EventKind.EXPIRED if validity == Validity.EXPIRED else EventKind.REPEALED
        _record(document, kind, by, scope, document.status, document.status)
    return batch
