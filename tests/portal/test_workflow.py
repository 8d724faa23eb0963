"""The workflow engine, driven through a tiny reviewed model (tests/shellapp): table-driven moves,
permissions, guards, hooks, four-eyes by who drafted the change, repeated clicks, and locking."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from portal.errors import Refusal
from portal.roles import Role
from portal.workflow import Transition, Workflow
from tests.factories import OrganisationFactory, UserFactory, member
from tests.shellapp.flow import FLOW
from tests.shellapp.models import Widget, WidgetEvent

S = Widget.Status


@pytest.fixture
def org(db):
    return OrganisationFactory()


@pytest.fixture
def editor(org):
    return member(Role.EDITOR, org)


@pytest.fixture
def reviewer(org):
    return member(Role.REVIEWER, org)


def widget_in(org, status):
    return Widget.objects.create(organisation=org, title="部件", status=status)


@pytest.mark.parametrize(
    ("status", "event", "role", "target"),
    [
        (S.DRAFT, "submit", Role.EDITOR, S.SUBMITTED),
        (S.DRAFT, "submit", Role.REVIEWER, S.SUBMITTED),
        (S.SUBMITTED, "publish", Role.REVIEWER, S.PUBLISHED),
        (S.SUBMITTED, "withdraw", Role.REVIEWER, S.WITHDRAWN),
        (S.DRAFT, "withdraw", Role.REVIEWER, S.WITHDRAWN),
        (S.PUBLISHED, "revise", Role.EDITOR, S.DRAFT),
    ],
)
def test_allowed_moves_set_the_state_and_write_one_event(org, status, event, role, target):
    widget = widget_in(org, status)
    user = member(role, org)
    row = FLOW.apply(widget, event, by=user, comment="说明")
    assert widget.status == target  # the caller's instance is refreshed
    assert Widget.objects.get().status == target
    assert (row.from_state, row.to_state, row.actor, row.comment) == (status, target, user, "说明")
    assert WidgetEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "event"),
    [
        (S.DRAFT, "publish"),
        (S.PUBLISHED, "submit"),
        (S.WITHDRAWN, "publish"),
        (S.PUBLISHED, "send_back"),
        (S.WITHDRAWN, "revise"),
    ],
)
def test_moves_the_state_does_not_allow_are_refused(org, reviewer, status, event):
    widget = widget_in(org, status)
    with pytest.raises(Refusal) as refused:
        FLOW.apply(widget, event, by=reviewer)
    assert refused.value.code == "state" and "不能进行" in str(refused.value)
    assert WidgetEvent.objects.count() == 0 and Widget.objects.get().status == status


@pytest.mark.parametrize(
    ("status", "event", "role"),
    [
        (S.SUBMITTED, "publish", Role.EDITOR),
        (S.SUBMITTED, "send_back", Role.EDITOR),
        (S.DRAFT, "submit", Role.REQUEST_HANDLER),
        (S.DRAFT, "withdraw", Role.ORGANISATION_ADMIN),
    ],
)
def test_missing_permission_is_forbidden(org, status, event, role):
    widget = widget_in(org, status)
    with pytest.raises(PermissionDenied):
        FLOW.apply(widget, event, by=member(role, org))
    with pytest.raises(PermissionDenied):
        FLOW.apply(widget, event, by=None)
    assert WidgetEvent.objects.count() == 0


def test_permission_counts_on_the_objects_organisation_only(org):
    outsider = member(Role.REVIEWER, OrganisationFactory())
    with pytest.raises(PermissionDenied):
        FLOW.apply(widget_in(org, S.SUBMITTED), "publish", by=outsider)


def test_the_supervising_office_holds_permissions_everywhere(org):
    from django.contrib.auth.models import Permission

    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(Permission.objects.get(codename="review_content"))
    FLOW.apply(widget_in(org, S.SUBMITTED), "publish", by=supervisor)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.EDITOR, set()),
        (Role.REVIEWER, {"publish", "send_back", "withdraw"}),
        (Role.REQUEST_HANDLER, set()),
    ],
)
def test_available_lists_what_the_user_may_do_now(org, role, expected):
    widget = widget_in(org, S.SUBMITTED)
    assert {t.event for t in FLOW.available(widget, member(role, org))} == expected


def test_available_leaves_out_steps_the_guard_refuses(org, editor, reviewer):
    widget = Widget.objects.create(organisation=org, title=" ", status=S.DRAFT)
    assert "submit" not in {t.event for t in FLOW.available(widget, editor)}
    with pytest.raises(Refusal, match="标题不能为空") as refused:
        FLOW.apply(widget, "submit", by=editor)
    assert refused.value.code == "guard"


def test_send_back_needs_a_reason(org, reviewer):
    widget = widget_in(org, S.SUBMITTED)
    with pytest.raises(Refusal, match="须填写") as refused:
        FLOW.apply(widget, "send_back", by=reviewer, comment="  ")
    assert refused.value.code == "comment"
    FLOW.apply(widget, "send_back", by=reviewer, comment="请补充依据")
    assert widget.status == S.DRAFT


def test_hook_sets_fields_and_event_data(org, editor, reviewer):
    widget = widget_in(org, S.DRAFT)
    FLOW.apply(widget, "submit", by=editor)
    row = FLOW.apply(widget, "publish", by=reviewer, note="已核对")
    assert widget.published_by == reviewer and Widget.objects.get().published_by == reviewer
    assert row.note == "已核对" and row.kind == "publish"


def test_data_without_a_hook_is_a_programming_error(org, editor):
    with pytest.raises(TypeError):
        FLOW.apply(widget_in(org, S.DRAFT), "submit", by=editor, note="x")


def test_event_kind_can_differ_from_the_event(org, editor):
    row = FLOW.apply(widget_in(org, S.PUBLISHED), "revise", by=editor)
    assert row.kind == "revision_started"


def test_a_repeated_click_writes_no_second_event(org, editor, reviewer):
    widget = widget_in(org, S.DRAFT)
    FLOW.apply(widget, "submit", by=editor)
    stale = Widget.objects.get()  # another tab: already submitted
    assert FLOW.apply(widget_in_state_copy(stale, S.DRAFT), "submit", by=editor) is None
    assert WidgetEvent.objects.filter(kind="submit").count() == 1
    FLOW.apply(widget, "publish", by=reviewer)
    assert FLOW.apply(widget, "publish", by=reviewer) is None
    assert WidgetEvent.objects.filter(kind="publish").count() == 1


def widget_in_state_copy(widget, status):
    """The object as a page rendered it before the other click landed (state in memory is stale)."""
    widget.status = status
    return widget


def test_reaching_the_target_another_way_is_not_taken_for_a_repeat(org, reviewer):
    widget = widget_in(org, S.SUBMITTED)
    FLOW.apply(widget, "send_back", by=reviewer, comment="改")  # now draft, by send_back
    with pytest.raises(Refusal):
        FLOW.apply(widget, "revise", by=reviewer)  # revise leads to draft but was never taken


# ---------------------------------------------------------------- four eyes


def test_the_drafter_of_the_change_may_not_approve_it(org, reviewer, settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    widget = widget_in(org, S.DRAFT)
    FLOW.apply(widget, "submit", by=reviewer)
    assert "publish" not in {t.event for t in FLOW.available(widget, reviewer)}
    with pytest.raises(Refusal, match="四眼原则"):
        FLOW.apply(widget, "publish", by=reviewer)
    other = member(Role.REVIEWER, org)
    FLOW.apply(widget, "publish", by=other)


def test_four_eyes_counts_who_drafted_the_change_not_who_made_the_object(org, editor, settings):
    """A reviewer published the first version; an editor drafts and submits a correction; the same reviewer
    may publish the correction — they did not draft it."""
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    first_reviewer = member(Role.REVIEWER, org)
    widget = widget_in(org, S.DRAFT)
    FLOW.apply(widget, "submit", by=editor)
    FLOW.apply(widget, "publish", by=first_reviewer)
    FLOW.apply(widget, "revise", by=editor)
    FLOW.apply(widget, "submit", by=editor)
    assert FLOW.actors_since(widget, states={S.PUBLISHED}) == {editor.pk}
    FLOW.apply(widget, "publish", by=first_reviewer)
    assert widget.status == S.PUBLISHED


def test_four_eyes_can_be_switched_off(org, reviewer, settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = False
    widget = widget_in(org, S.DRAFT)
    FLOW.apply(widget, "submit", by=reviewer)
    FLOW.apply(widget, "publish", by=reviewer)


# ---------------------------------------------------------------- definition errors


def test_an_ambiguous_table_is_rejected():
    with pytest.raises(ValueError, match="ambiguous"):
        Workflow(
            event_model="shellapp.WidgetEvent",
            event_object_field="widget",
            transitions=[Transition("a", "go", "b", None), Transition(("a", "c"), "go", "d", None)],
        )


def test_a_transition_without_permission_is_open_to_the_system(org):
    flow = Workflow(
        event_model=WidgetEvent,
        event_object_field="widget",
        transitions=[Transition(S.DRAFT, "auto", S.SUBMITTED, None)],
    )
    row = flow.apply(widget_in(org, S.DRAFT), "auto", by=None)
    assert row.actor is None and row.to_state == S.SUBMITTED


# ---------------------------------------------------------------- locking (PostgreSQL)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_clicks_make_one_event(settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = False
    org = OrganisationFactory()
    reviewer = member(Role.REVIEWER, org)
    widget = widget_in(org, S.SUBMITTED)
    barrier, results, errors = threading.Barrier(6), [], []

    def click():
        try:
            barrier.wait()
            results.append(FLOW.apply(Widget.objects.get(pk=widget.pk), "publish", by=reviewer))
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len([r for r in results if r is not None]) == 1
    assert WidgetEvent.objects.filter(kind="publish").count() == 1


# ---------------------------------------------------------------- options


def _strict_flow():
    return Workflow(
        event_model=WidgetEvent,
        event_object_field="widget",
        on_repeat="refuse",
        transitions=[
            Transition(S.DRAFT, "submit", S.SUBMITTED, None, not_now="已经提交过了。"),
            Transition(S.SUBMITTED, "send_back", S.DRAFT, None, needs_comment="请写明退回理由。"),
        ],
    )


def test_on_repeat_refuse_and_custom_messages(org):
    flow = _strict_flow()
    widget = widget_in(org, S.DRAFT)
    flow.apply(widget, "submit", by=None)
    with pytest.raises(Refusal, match="已经提交过了") as refused:
        flow.apply(widget, "submit", by=None)
    assert refused.value.code == "done"
    with pytest.raises(Refusal, match="请写明退回理由"):
        flow.apply(widget, "send_back", by=None)
    assert WidgetEvent.objects.count() == 1


def test_action_buttons_describe_each_available_step(org, reviewer):
    from django import forms

    from portal.workflow import action_buttons

    class Reason(forms.Form):
        comment = forms.CharField()

    widget = widget_in(org, S.SUBMITTED)
    buttons = action_buttons(FLOW, widget, reviewer, url=lambda t: f"/w/{t.event}/", reason_form=Reason)
    by_event = {b["event"]: b for b in buttons}
    assert set(by_event) == {"publish", "send_back", "withdraw"}
    assert by_event["send_back"]["form"] is not None and by_event["publish"]["form"] is None
    assert by_event["withdraw"]["css"] == "button-danger" and by_event["publish"]["url"] == "/w/publish/"
