"""Registering, activating and revoking service-hall terminals (audit-logged; `by` is the log's actor)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import records_actor
from portal.errors import Refusal
from servicehall.models import Terminal, new_key


@records_actor
def register_terminal(organisation, *, name: str, location: str, by) -> Terminal:
    return Terminal.objects.create(organisation=organisation, name=name, location=location, registered_by=by)


@records_actor
@transaction.atomic
def activate(terminal: Terminal, *, by) -> Terminal:
    """Make the browser in front of `by` this terminal: the caller sets the cookie (terminals.set_cookie)."""
    locked = Terminal.objects.select_for_update().get(pk=terminal.pk)
    if not locked.is_active:
        raise Refusal(_("该终端已停用，请先重新启用。"), code="inactive")
    locked.activated_at = timezone.now()
    locked.save(update_fields=["activated_at"])
    return locked


@records_actor
@transaction.atomic
def reissue_key(terminal: Terminal, *, by) -> Terminal:
    """A new key: every browser holding the old cookie stops being this terminal (a lost or moved device)."""
    locked = Terminal.objects.select_for_update().get(pk=terminal.pk)
    locked.key = new_key()
    locked.activated_at = None
    locked.save(update_fields=["key", "activated_at"])
    return locked


@records_actor
@transaction.atomic
def set_active(terminal: Terminal, active: bool, *, by) -> Terminal:
    locked = Terminal.objects.select_for_update().get(pk=terminal.pk)
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    return locked
