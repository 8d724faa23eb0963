"""One review-workflow engine for every flow (catalog versions, documents, request replies, and new apps).

A flow is data: a `Workflow` holding `Transition(source, event, target, permission, guard, …)` rows.

    REVIEW = Workflow(
        event_model="disclosure.DocumentEvent", event_object_field="document", state_field="status",
        transitions=[
            Transition("draft", "submit", "submitted", DRAFT_CONTENT, label=_("提交审核")),
            Transition("submitted", "publish", "published", REVIEW_CONTENT, guard=four_eyes(drafters)),
        ],
    )
    REVIEW.available(document, user)         # the transitions this user may take now (buttons)
    REVIEW.apply(document, "publish", by=user, comment="")   # one transaction, one event row

`apply` locks the object's row, re-reads its state and re-checks permission and guard inside the lock,
moves the state, runs the transition's hook and writes the event. A repeated click on a step already done
writes nothing and returns None; any other move the state does not allow raises `portal.errors.Refusal`.
Permissions are codenames on the object's organisation, checked through `portal.permissions.can`
(PermissionDenied when missing: the view should not have offered the step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.errors import Refusal
from portal.permissions import can, self_approval_forbidden

# guard(obj, user) → None to allow, or the (translatable) reason for refusing.
Guard = Callable[[object, object], object]
# hook(obj, *, by, on, comment, **data) → extra fields of the event row, or None; runs inside the lock after
# the state is set and before the object is saved, so it may set more fields or write related rows.
Hook = Callable[..., dict | None]

NOT_NOW = _("当前状态“%(state)s”下不能进行“%(action)s”。")
NEEDS_COMMENT = _("“%(action)s”须填写意见或理由。")
# How an office gets a change approved when its only reviewer drafted it (docs/conventions.md).
WAY_THROUGH = _(
    "请由本机构另一位审核人审核；只有一位审核人的机构，可由机构管理员在“成员管理”中为另一位工作人员授予审核人角色，"
    "或请督导办公室审核。"
)
SELF_APPROVAL = format_lazy("{} {}", _("不能审核本人起草或提交的内容（四眼原则）。"), WAY_THROUGH)


@dataclass(frozen=True)
class Transition:
    """From `source` (a state or a tuple of states), `event` leads to `target` for holders of `permission`
    (a portal.roles codename on the object's organisation; None = no staff permission, e.g. a citizen's step)."""

    source: str | tuple[str, ...]
    event: str
    target: str
    permission: str | None
    guard: Guard | None = None
    label: str = ""
    kind: str = ""  # the event row's kind; defaults to `event`
    hook: Hook | None = None
    needs_comment: object = False  # e.g. sending back: a reason is required (True, or the message to show)
    takes_comment: bool = False  # an optional comment (shown as a field next to the button)
    style: str = ""  # how the button looks: "" (plain), "primary", "secondary", "danger"
    not_now: object = None  # the refusal when the state does not allow this step (default: NOT_NOW)

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,) if isinstance(self.source, str) else tuple(self.source)

    @property
    def event_kind(self) -> str:
        return self.kind or self.event


@dataclass
class Workflow:
    """The transitions of one kind of object, and where its events are written.

    `event_model` ("app_label.Model" or the class) subclasses portal.models.WorkflowEvent and has a foreign key
    `event_object_field` to the object; `organisation` is the attribute path (dotted) or a callable giving the
    object's Organisation, on which permissions are checked.
    """

    transitions: list[Transition]
    event_model: object
    event_object_field: str
    state_field: str = "status"
    organisation: str | Callable = "organisation"
    # The row the event belongs to, when it is not the object itself (a reply's events are its request's).
    event_object: Callable | None = None
    # Fields every event row of this flow gets (e.g. the request's state for a reply's events); the hook's wins.
    event_fields: Callable | None = None
    # A repeated click on a step already taken: "ignore" (return None, write nothing) or "refuse" (Refusal).
    on_repeat: str = "ignore"
    # The refusal when the caller's copy shows another state than the locked row and the click is not a repeat
    # (a page out of date: someone else moved the object meanwhile), even when the new state would allow the
    # step; None: judge the step by the locked state alone.
    stale: object = None
    # Steps that record a fact from outside rather than react to what the page showed (the applicant withdrew):
    # judged by the locked state alone, even with `stale` set.
    judged_by_locked_state: frozenset = frozenset()
    _by_event: dict = field(init=False, repr=False)

    def __post_init__(self):
        self._by_event = {}
        for transition in self.transitions:
            self._by_event.setdefault(transition.event, []).append(transition)
        for transition in self.transitions:  # one event from one state leads to one place
            clash = [t for t in self._by_event[transition.event] if set(t.sources) & set(transition.sources)]
            if len(clash) > 1:
                raise ValueError(f"event {transition.event!r} is ambiguous from {transition.sources}")

    # ------------------------------------------------------------------ reading

    def get_event_model(self):
        return apps.get_model(self.event_model) if isinstance(self.event_model, str) else self.event_model

    def organisation_of(self, obj):
        if callable(self.organisation):
            return self.organisation(obj)
        value = obj
        for part in self.organisation.split("."):
            value = getattr(value, part)
        return value

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def transition(self, event: str, state: str | None = None) -> Transition:
        """The transition `event` names (from `state`, when given); KeyError for an unknown event."""
        candidates = self._by_event[event]
        if state is None:
            return candidates[0]
        return next(t for t in candidates if state in t.sources)

    def events(self, obj):
        """The object's events, oldest first."""
        owner = self.event_object(obj) if self.event_object else obj
        return self.get_event_model().objects.filter(**{self.event_object_field: owner}).order_by("at", "pk")

    def refusal(self, obj, transition: Transition, user) -> object | None:
        """Why `user` may not take `transition` now (a message), or None. Permission is not included."""
        if self.state_of(obj) not in transition.sources:
            return self._not_now(obj, transition)
        if transition.guard is not None:
            return transition.guard(obj, user)
        return None

    def check_state(self, obj, event: str) -> Transition:
        """The transition `event` takes from `obj`'s state as the caller sees it; Refusal(code="state") when that
        state does not allow it. Services call it before their own checks so the state's refusal comes first;
        `apply` checks again inside the lock."""
        state = self.state_of(obj)
        transition = next((t for t in self._by_event[event] if state in t.sources), None)
        if transition is None:
            raise Refusal(self._not_now(obj, self._by_event[event][0]), code="state")
        return transition

    def available(self, obj, user, *, held=None) -> list[Transition]:
        """The transitions `user` may take on `obj` now: the state matches, they hold the permission, the guard
        passes. Staff pages loop over this for their buttons instead of comparing states. `held`: the user's
        codenames on the object's organisation when the page has them already (saves the queries)."""
        state = self.state_of(obj)
        found = []
        for transition in self.transitions:
            if state not in transition.sources:
                continue
            if transition.permission is not None:
                if held is not None:
                    if transition.permission not in held:
                        continue
                elif not can(user, transition.permission, self.organisation_of(obj)):  # cached per user
                    continue
            if transition.guard is not None and transition.guard(obj, user):
                continue
            found.append(transition)
        return found

    def actors_since(self, obj, *, states: Iterable[str] = ()) -> set[int]:
        """User ids of everyone who acted on `obj` after it last entered one of `states` (since the start when
        it never did): with states={"published"}, the people who drafted and submitted the current change."""
        events = list(self.events(obj).values_list("actor_id", "to_state"))
        states = set(states)
        start = 0
        for index, (_actor, to_state) in enumerate(events):
            if to_state in states:
                start = index + 1
        return {actor for actor, _to in events[start:] if actor is not None}

    # ------------------------------------------------------------------ changing

    def apply(self, obj, event: str, *, by, on=None, comment: str = "", **data):
        """Take `event` on `obj` for user `by` (None for the system or a citizen). Returns the new event row,
        or None when the step had already been taken (a repeated click). Refreshes `obj` in place."""
        candidates = self._by_event[event]  # KeyError: a programming error, not a refusal
        if data and not all(t.hook for t in candidates):
            raise TypeError(f"event {event!r} takes no data without a hook: {sorted(data)}")
        comment = (comment or "").strip()
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            state = self.state_of(locked)
            transition = next((t for t in candidates if state in t.sources), None)
            stale = self.stale is not None and event not in self.judged_by_locked_state and self.state_of(obj) != state
            if stale and transition is not None:
                transition = None  # moved meanwhile: a repeat is answered as done, anything else refused as stale
            if transition is None:
                done = self._already_done(locked, candidates, state)
                if not done and stale:
                    raise Refusal(self.stale, code="stale_state")
                if done and self.on_repeat == "ignore":
                    self._copy(locked, obj)
                    return None
                raise Refusal(self._not_now(locked, candidates[0]), code="done" if done else "state")
            if transition.permission is not None and not (
                by is not None and can(by, transition.permission, self.organisation_of(locked))
            ):
                raise PermissionDenied
            if transition.needs_comment and not comment:
                message = transition.needs_comment
                if message is True:
                    message = NEEDS_COMMENT % {"action": transition.label or event}
                raise Refusal(message, code="comment")
            if transition.guard is not None:
                reason = transition.guard(locked, by)
                if reason:
                    raise Refusal(reason, code="guard")
            setattr(locked, self.state_field, transition.target)
            extra = transition.hook(locked, by=by, on=on, comment=comment, **data) if transition.hook else None
            locked.save()
            row = self._write_event(locked, transition, state, by=by, on=on, comment=comment, extra=extra or {})
        self._copy(locked, obj)
        return row

    def _write_event(self, obj, transition, from_state, *, by, on, comment, extra):
        model = self.get_event_model()
        fields = {
            self.event_object_field: self.event_object(obj) if self.event_object else obj,
            "kind": transition.event_kind,
            "actor": by if by is not None and by.is_authenticated else None,
            "comment": comment,
            "from_state": from_state,
            "to_state": transition.target,
        }
        if on is not None or any(f.name == "on" for f in model._meta.concrete_fields):
            fields["on"] = on or timezone.localdate()
        if self.event_fields:
            fields.update(self.event_fields(obj))
        fields.update(extra)
        return model.objects.create(**fields)

    def _already_done(self, obj, candidates, state) -> bool:
        """The object sits where this event leads and its last event is this event: the click was repeated."""
        if not any(t.target == state for t in candidates):
            return False
        last = self.events(obj).order_by("-at", "-pk").values_list("kind", flat=True).first()
        return last in {t.event_kind for t in candidates}

    def _not_now(self, obj, transition):
        if transition.not_now:
            return transition.not_now
        return NOT_NOW % {"state": self._state_label(obj), "action": transition.label or transition.event}

    def _state_label(self, obj) -> str:
        display = getattr(obj, f"get_{self.state_field}_display", None)
        return str(display()) if display else self.state_of(obj)

    @staticmethod
    def _copy(source, target) -> None:
        if source is target:
            return
        for f in source._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))


def four_eyes(drafters: Callable[[object], Iterable], message=SELF_APPROVAL) -> Guard:
    """A guard refusing the user who drafted the change under review (`drafters(obj)` → user ids of the people
    who drafted or submitted THIS change — not who created the object once), when the four-eyes setting
    (GONGKAI_FORBID_SELF_APPROVAL, portal.permissions.self_approval_forbidden) is on."""

    def guard(obj, user):
        if user is not None and self_approval_forbidden(user, *drafters(obj)):
            return message
        return None

    return guard


BUTTON_CLASSES = {"secondary": "button-secondary", "danger": "button-danger"}


def action_buttons(
    flow: Workflow, obj, user, *, url: Callable, comment_form=None, reason_form=None, forms=None, held=None
) -> list[dict]:
    """What a staff detail page renders for `flow.available(obj, user)`, for `includes/workflow_actions.html`:
    one POST form per step, at `url(transition)`, with `reason_form` (a form class) when a reason is required
    or `comment_form` when a comment is optional; `forms` ({event: form class}) overrides either."""
    actions = []
    for transition in flow.available(obj, user, held=held):
        form_class = reason_form if transition.needs_comment else comment_form if transition.takes_comment else None
        form_class = (forms or {}).get(transition.event, form_class)
        actions.append(
            {
                "event": transition.event,
                "label": transition.label or transition.event,
                "url": url(transition),
                "form": form_class(auto_id=f"{transition.event}_%s") if form_class else None,
                "css": BUTTON_CLASSES.get(transition.style, ""),
            }
        )
    return actions
