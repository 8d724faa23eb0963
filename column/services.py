"""Business steps on the column's written parts. Views call these; who may act is checked in staff_views."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from column.flows import FLOWS
from column.models import Guide, Leader, Part, PartStatus, Profile, Rules
from portal.audit import records_actor
from portal.editing import check_version
from portal.errors import Refusal

MODELS = {Part.GUIDE: Guide, Part.RULES: Rules, Part.PROFILE: Profile}
UNDER_REVIEW = _("已提交审核，审核人退回后才能修改。")
CREATED_MEANWHILE = _("其他工作人员刚刚保存了此内容，请返回重新打开后再修改。")


def working_copy(organisation, part):
    """The organisation's working copy of `part`, unsaved (pk None) when nobody has written it yet."""
    model = MODELS[part]
    return model.objects.filter(organisation=organisation).first() or model(organisation=organisation)


def _start_change(locked):
    """An edit makes the part a draft again (a published part keeps its published version until the next one)
    and is recorded as drafting, so its author cannot approve it (four eyes)."""
    if locked.status == PartStatus.SUBMITTED:
        raise Refusal(UNDER_REVIEW, code="state")
    from_state = locked.status
    locked.status = PartStatus.DRAFT
    return from_state


def _record_edit(part, from_state, *, by):
    flow = FLOWS[part.PART]
    flow.get_event_model().objects.create(
        **{flow.event_object_field: part}, kind="edited", actor=by, from_state=from_state, to_state=part.status
    )


@records_actor
@transaction.atomic
def save_part(part, *, by, loaded_version=None):
    """Save an edited working copy (a form's instance with the new values). EditConflict if someone saved since
    `loaded_version`; Refusal while it is under review."""
    if part.pk:
        locked = type(part).objects.select_for_update().get(pk=part.pk)
        check_version(locked, loaded_version)
        from_state = _start_change(locked)
        part.edit_version = locked.edit_version + 1
    else:
        from_state = ""
    part.status = PartStatus.DRAFT
    try:
        with transaction.atomic():
            part.save()
    except IntegrityError as error:  # two editors created the organisation's first copy at once
        raise Refusal(CREATED_MEANWHILE, code="exists") from error
    _record_edit(part, from_state, by=by)
    return part


def _locked_profile(profile):
    return Profile.objects.select_for_update().get(pk=profile.pk)


@records_actor
@transaction.atomic
def save_leader(leader, *, by, loaded_version=None):
    """Add or edit a leader of a saved profile: the profile becomes a draft again (the change is reviewed)."""
    profile = _locked_profile(leader.profile)
    from_state = _start_change(profile)
    if leader.pk:
        locked = Leader.objects.select_for_update().get(pk=leader.pk, profile=profile)
        check_version(locked, loaded_version)
        leader.edit_version = locked.edit_version + 1
    leader.save()
    profile.edit_version += 1
    profile.save()
    _record_edit(profile, from_state, by=by)
    return leader


@records_actor
@transaction.atomic
def remove_leader(leader, *, by):
    profile = _locked_profile(leader.profile)
    from_state = _start_change(profile)
    Leader.objects.filter(pk=leader.pk, profile=profile).delete()  # the photo file stays for earlier versions
    profile.edit_version += 1
    profile.save()
    _record_edit(profile, from_state, by=by)


def transition(part, event, *, by, comment=""):
    """Submit, publish (a new PartVersion) or send back, on the one workflow engine."""
    return FLOWS[part.PART].apply(part, event, by=by, comment=comment)
