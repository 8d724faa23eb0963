"""Writing, reviewing and publishing the column's parts on the one workflow engine."""

import pytest

from column import services
from column.models import Leader, Part, PartStatus, PartVersion
from portal.editing import EditConflict
from portal.errors import Refusal
from tests.column.conftest import publish, write

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("part", list(Part))
def test_publishing_freezes_a_numbered_version(org, editor, reviewer, part):
    copy = publish(org, part, editor, reviewer)
    assert copy.status == PartStatus.PUBLISHED
    version = PartVersion.objects.current(org, part)
    assert version.number == 1 and version.published_by == reviewer
    assert [e.kind for e in services.FLOWS[part].events(copy)] == ["edited", "submit", "publish"]


def test_an_edit_after_publishing_is_a_draft_the_public_does_not_see(org, editor, reviewer):
    publish(org, Part.GUIDE, editor, reviewer)
    write(org, Part.GUIDE, editor, phone="0318-9999999")
    current = PartVersion.objects.current(org, Part.GUIDE)
    assert current.number == 1 and current.data["phone"] == "0318-7000001"
    assert services.working_copy(org, Part.GUIDE).status == PartStatus.DRAFT
    publish(org, Part.GUIDE, editor, reviewer, phone="0318-9999999")
    assert PartVersion.objects.current(org, Part.GUIDE).data["phone"] == "0318-9999999"
    assert PartVersion.objects.filter(organisation=org, part=Part.GUIDE).count() == 2


def test_the_drafter_cannot_publish_their_own_change(org, editor, reviewer):
    copy = write(org, Part.RULES, reviewer)  # the reviewer wrote it
    services.transition(copy, "submit", by=reviewer)
    with pytest.raises(Refusal):
        services.transition(copy, "publish", by=reviewer)
    assert not PartVersion.objects.exists()


def test_an_editor_may_not_publish(org, editor):
    from django.core.exceptions import PermissionDenied

    copy = write(org, Part.RULES, editor)
    services.transition(copy, "submit", by=editor)
    with pytest.raises(PermissionDenied):
        services.transition(copy, "publish", by=editor)


def test_sending_back_needs_a_reason_and_a_submitted_part_cannot_be_edited(org, editor, reviewer):
    copy = write(org, Part.PROFILE, editor)
    services.transition(copy, "submit", by=editor)
    with pytest.raises(Refusal):
        write(org, Part.PROFILE, editor, phone="0318-1")
    with pytest.raises(Refusal):
        services.transition(copy, "send_back", by=reviewer, comment="")
    services.transition(copy, "send_back", by=reviewer, comment="请补充下属单位。")
    assert copy.status == PartStatus.DRAFT


def test_a_stale_form_raises_an_edit_conflict(org, editor):
    copy = write(org, Part.GUIDE, editor)
    stale = services.working_copy(org, Part.GUIDE)
    write(org, Part.GUIDE, editor, phone="0318-1234567")
    stale.phone = "0318-7654321"
    with pytest.raises(EditConflict):
        services.save_part(stale, by=editor, loaded_version=copy.edit_version)


def test_a_leader_change_reopens_the_profile_for_review(org, editor, reviewer):
    profile = publish(org, Part.PROFILE, editor, reviewer)
    leader = services.save_leader(Leader(profile=profile, name="张三", post="局长", duties="主持全面工作。"), by=editor)
    profile.refresh_from_db()
    assert profile.status == PartStatus.DRAFT
    assert PartVersion.objects.current(org, Part.PROFILE).data["leaders"] == []  # not yet published
    services.transition(profile, "submit", by=editor)
    services.transition(profile, "publish", by=reviewer)
    assert PartVersion.objects.current(org, Part.PROFILE).data["leaders"][0]["name"] == "张三"
    services.remove_leader(leader, by=editor)
    assert not Leader.objects.exists()
    assert PartVersion.objects.current(org, Part.PROFILE).data["leaders"][0]["name"] == "张三"  # still published


def test_a_second_first_copy_is_refused_not_an_error(org, editor):
    first = services.working_copy(org, Part.GUIDE)
    second = services.working_copy(org, Part.GUIDE)
    from tests.column.conftest import GUIDE

    for copy in (first, second):
        for name, value in GUIDE.items():
            setattr(copy, name, value)
    services.save_part(first, by=editor)
    with pytest.raises(Refusal):
        services.save_part(second, by=editor)
