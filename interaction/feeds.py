"""RSS and Atom feeds of published answers (Message.objects.public()). Django's feed generator escapes every
field; Atom entries carry `updated` (the answer's publication) and `author` (the answering organisation)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from interaction.models import Message

FEED_SIZE = 30


class AnswersFeed(Feed):
    title = _("政民互动 · 最新答复")
    description = _("已答复并经留言人同意公开的留言")

    def author_name(self):
        return settings.GONGKAI_SITE_NAME

    def link(self):
        return reverse("interaction:messages")

    def items(self):
        return (
            Message.objects.public()
            .select_related("organisation", "message_type")
            .order_by("-published_at")[:FEED_SIZE]
        )

    def item_title(self, message):
        return f"[{message.message_type.name}] {message.shown_subject}"

    def item_description(self, message):
        return f"{message.public_body}\n\n{_('答复')}（{message.organisation.name}）：{message.reply}"

    def item_pubdate(self, message):
        return message.published_at

    def item_updateddate(self, message):
        return message.published_at

    def item_author_name(self, message):
        return message.organisation.name


class AnswersAtomFeed(AnswersFeed):
    feed_type = Atom1Feed
    subtitle = AnswersFeed.description
