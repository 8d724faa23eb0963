"""The review flow of the column's written parts (guide, rules, organisation information), on portal.workflow.

Editors (draft_content) write and submit; a reviewer (review_content) who did not draft the change publishes,
which freezes the working copy into a new PartVersion, or sends it back with a reason. Editing a published part
starts a new change (the part is a draft again) while citizens keep reading the published version.
"""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from column.models import Part, PartVersion
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import Transition, Workflow, four_eyes


def _drafters(obj):
    return FLOWS[obj.PART].actors_since(obj, states={"published"})


def _publish(part, *, by, on, comment, **data):
    """Freeze the working copy (row locked by the engine) into the next numbered version."""
    last = PartVersion.objects.filter(organisation=part.organisation_id, part=part.PART).aggregate(n=Max("number"))
    PartVersion.objects.create(
        organisation_id=part.organisation_id,
        part=part.PART,
        number=(last["n"] or 0) + 1,
        data=part.snapshot(),
        published_at=timezone.now(),
        published_by=by,
    )


def _flow(model, field):
    return Workflow(
        event_model=f"column.{model}",
        event_object_field=field,
        transitions=[
            Transition("draft", "submit", "submitted", DRAFT_CONTENT, label=_("提交审核"), style="primary"),
            Transition(
                "submitted",
                "publish",
                "published",
                REVIEW_CONTENT,
                guard=four_eyes(_drafters),
                hook=_publish,
                label=_("审核通过并发布"),
                style="primary",
            ),
            Transition("submitted", "send_back", "draft", REVIEW_CONTENT, needs_comment=True, label=_("退回修改")),
        ],
    )


FLOWS = {
    Part.GUIDE: _flow("GuideEvent", "guide"),
    Part.RULES: _flow("RulesEvent", "rules"),
    Part.PROFILE: _flow("ProfileEvent", "profile"),
}
