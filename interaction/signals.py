"""Published messages, hot topics and interviews are on cached public pages: any change invalidates them."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from interaction.models import HotTopic, Interview, InterviewQuestion, Message
from portal.caching import bump_public_generation

for _model in (Message, HotTopic, Interview, InterviewQuestion):
    post_save.connect(bump_public_generation, sender=_model, dispatch_uid=f"interaction-bump-save-{_model.__name__}")
    post_delete.connect(bump_public_generation, sender=_model, dispatch_uid=f"interaction-bump-del-{_model.__name__}")
m2m_changed.connect(bump_public_generation, sender=HotTopic.documents.through, dispatch_uid="interaction-bump-docs")
