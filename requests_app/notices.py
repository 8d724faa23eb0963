"""Telling the applicant: every step they must be told of e-mails them the letter's text (if they gave an address).

The steps are events (`RequestEvent`); this module listens for the ones that carry a notice, so no service has
to remember to send it, and the mail goes out after the commit through portal.mail (never inside the request).
The same letters are on the tracking page for applicants without e-mail and for printing.
"""

from django.db import transaction

from requests_app import letters
from requests_app.models import EventKind, LetterKind, RequestEvent

NOTICE_OF_EVENT = {
    EventKind.RECEIPT_CONFIRMED: LetterKind.RECEIPT,
    EventKind.CORRECTION_REQUESTED: LetterKind.CORRECTION,
    EventKind.EXTENDED: LetterKind.EXTENSION,
    EventKind.FEE_NOTICE_SENT: LetterKind.FEE,
    EventKind.TRANSFERRED: LetterKind.TRANSFER,
    EventKind.REPLY_SENT: LetterKind.REPLY,
}


def event_recorded(event: RequestEvent) -> None:
    """After the step's transaction commits, mail the applicant the letter the step produced."""
    if event.kind in NOTICE_OF_EVENT and event.request.email:
        transaction.on_commit(lambda: notify_applicant(event.pk))


def notify_applicant(event_pk: int) -> None:
    from portal.mail import send_templated_mail

    event = RequestEvent.objects.select_related("request__organisation").filter(pk=event_pk).first()
    if event is None:
        return
    request, kind = event.request, NOTICE_OF_EVENT[event.kind]
    item = request.fee_notices.order_by("-sent_on", "-pk").first() if kind == LetterKind.FEE else None
    if kind == LetterKind.REPLY and getattr(request, "reply", None) is None:
        return
    letter = letters.build(kind, request, item)
    # Letters are official documents in Chinese whatever language the page was in.
    send_templated_mail(
        "requests_app/emails/notice", {"request": request, "letter": letter}, [request.email], language="zh-hans"
    )
