"""The disclosure document page shows the consultations behind a final policy (the slot
`participation/_document_consultations.html`); the page is stored whole for anonymous readers
(disclosure/rendering.py), so a change of what the slot shows forgets the stored pages of the documents
concerned: the final document a consultation names now and the one it named before the save."""

from disclosure import rendering


def remember_final_document(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._final_document_before = (
        sender.objects.filter(pk=instance.pk).values_list("final_document_id", flat=True).first()
    )


def consultation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("_final_document_before", None)
    rendering.invalidate({instance.final_document_id, before})


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    from participation.models import PublicConsultation

    uid = "document-pages-consultation"
    pre_save.connect(remember_final_document, sender=PublicConsultation, dispatch_uid=f"{uid}-pre")
    post_save.connect(consultation_changed, sender=PublicConsultation, dispatch_uid=uid)
    post_delete.connect(consultation_changed, sender=PublicConsultation, dispatch_uid=f"{uid}-delete")
