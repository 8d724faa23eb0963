"""Keep derived state in step: guardian permissions from memberships, the calendar cache, cached public pages."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from guardian.shortcuts import assign_perm, get_perms, remove_perm

from portal import workdays
from portal.caching import bump_public_generation
from portal.models import CalendarOverride, ConfirmedCalendarYear, Membership, Organisation
from portal.roles import all_permissions, permissions_for_roles


def sync_object_permissions(user, organisation) -> None:
    """Make the user's guardian permissions on the organisation exactly those of their roles there (only the
    codenames that apply to its kind, `permission_kinds`)."""
    roles = Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True)
    wanted = permissions_for_roles(set(roles), kind=organisation.kind)
    held = set(get_perms(user, organisation)) & all_permissions()
    for codename in wanted - held:
        assign_perm(f"portal.{codename}", user, organisation)
    for codename in held - wanted:
        remove_perm(f"portal.{codename}", user, organisation)


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, **kwargs):
    sync_object_permissions(instance.user, instance.organisation)


@receiver(pre_save, sender=Organisation)
def remember_kind(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and "kind" not in update_fields):
        return
    instance._kind_before_save = Organisation.objects.filter(pk=instance.pk).values_list("kind", flat=True).first()


@receiver(post_save, sender=Organisation)
def kind_changed(sender, instance, created=False, raw=False, **kwargs):
    """A department made a township (or back) in the admin: its members' permissions follow the new kind."""
    before = instance.__dict__.pop("_kind_before_save", None)
    if raw or created or before is None or before == instance.kind:
        return
    users = {m.user_id: m.user for m in Membership.objects.filter(organisation=instance).select_related("user")}
    for user in users.values():
        sync_object_permissions(user, instance)


@receiver([post_save, post_delete], sender=CalendarOverride)
@receiver([post_save, post_delete], sender=ConfirmedCalendarYear)
def calendar_changed(sender, **kwargs):
    workdays.clear_cache()


# Organisations' names, contacts and tree appear on public pages (guide, filters, documents, catalogs).
post_save.connect(bump_public_generation, sender=Organisation, dispatch_uid="public-pages-organisation-saved")
post_delete.connect(bump_public_generation, sender=Organisation, dispatch_uid="public-pages-organisation-deleted")
