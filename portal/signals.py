"""Keep derived state in step: guardian permissions from memberships, the calendar cache, cached public pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from guardian.shortcuts import assign_perm, get_perms, remove_perm

from portal import workdays
from portal.caching import bump_public_generation
from portal.models import CalendarOverride, ConfirmedCalendarYear, Membership, Organisation
from portal.roles import all_permissions, permissions_for_roles


def sync_object_permissions(user, organisation) -> None:
    """Make the user's guardian permissions on the organisation exactly those of their roles there."""
    roles = Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True)
    wanted = permissions_for_roles(set(roles))
    held = set(get_perms(user, organisation)) & all_permissions()
    for codename in wanted - held:
        assign_perm(f"portal.{codename}", user, organisation)
    for codename in held - wanted:
        remove_perm(f"portal.{codename}", user, organisation)


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, **kwargs):
    sync_object_permissions(instance.user, instance.organisation)


@receiver([post_save, post_delete], sender=CalendarOverride)
@receiver([post_save, post_delete], sender=ConfirmedCalendarYear)
def calendar_changed(sender, **kwargs):
    workdays.clear_cache()


# Organisations' names, contacts and tree appear on public pages (guide, filters, documents, catalogs).
post_save.connect(bump_public_generation, sender=Organisation, dispatch_uid="public-pages-organisation-saved")
post_delete.connect(bump_public_generation, sender=Organisation, dispatch_uid="public-pages-organisation-deleted")
