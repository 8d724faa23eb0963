"""Who may do what, for every staff view family: the one door each staff view goes through.

Permissions are django-guardian object permissions on `Organisation`, granted by membership roles
(portal/roles.py). The supervising office holds the same permissions globally (model-level), which
count for every organisation. Views never decide by hiding buttons: they call `can()` or use
`OrganisationPermissionMixin` / `organisation_permission_required`, which answer 403 otherwise.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user

from portal.models import Organisation
from portal.roles import all_permissions


def _checker(user) -> ObjectPermissionChecker:
    """One guardian checker per user object (so per request): each organisation's permissions are read once,
    however many buttons and links a page asks about. Like Django's own permission cache on the user."""
    checker = getattr(user, "_gongkai_permission_checker", None)
    if checker is None:
        checker = user._gongkai_permission_checker = ObjectPermissionChecker(user)
    return checker


def can(user, permission: str, organisation: Organisation) -> bool:
    """Does `user` hold `permission` (a codename from portal.roles) on `organisation`?"""
    if not (user.is_authenticated and user.is_active):
        return False
    name = f"portal.{permission}"
    return user.has_perm(name) or _checker(user).has_perm(name, organisation)


def organisations_where(user, permission: str):
    """The organisations on which `user` holds `permission`, as a queryset."""
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    name = f"portal.{permission}"
    if user.has_perm(name):
        return Organisation.objects.all()
    return get_objects_for_user(user, name, klass=Organisation, accept_global_perms=False)


def permissions_by_organisation(user, organisations) -> dict[int, frozenset[str]]:
    """Each organisation's permission codenames for `user`, in a fixed number of queries (for lists).

    Same answer as `can()` for every (permission, organisation) pair: global permissions count everywhere.
    """
    organisations = list(organisations)
    if not (user.is_authenticated and user.is_active) or not organisations:
        return {org.pk: frozenset() for org in organisations}
    codenames = all_permissions()
    global_perms = frozenset(p for p in codenames if user.has_perm(f"portal.{p}"))
    checker = _checker(user)
    checker.prefetch_perms(organisations)
    return {org.pk: global_perms | (frozenset(checker.get_perms(org)) & codenames) for org in organisations}


def require(user, permission: str, organisation: Organisation) -> None:
    """Raise PermissionDenied (→ the friendly 403 page) unless the user may act."""
    if not can(user, permission, organisation):
        raise PermissionDenied


class OrganisationPermissionMixin(LoginRequiredMixin):
    """Staff class-based views scoped to one organisation.

    Set `permission` to a codename. By default the organisation comes from the URL keyword `org_pk`;
    views about an object of an organisation override `get_permission_organisation()` instead.
    The organisation is available as `self.organisation` and in the template context.
    """

    permission: str = ""
    organisation_url_kwarg = "org_pk"

    def get_permission_organisation(self) -> Organisation:
        return get_object_or_404(Organisation, pk=self.kwargs[self.organisation_url_kwarg])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = self.get_permission_organisation()
        require(request.user, self.permission, self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("organisation", self.organisation)
        return super().get_context_data(**kwargs)


def organisation_permission_required(permission: str, url_kwarg: str = "org_pk"):
    """Function-view twin of OrganisationPermissionMixin; passes `organisation` to the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organisation = get_object_or_404(Organisation, pk=kwargs.pop(url_kwarg))
            require(request.user, permission, organisation)
            return view(request, organisation, *args, **kwargs)

        return wrapped

    return decorator


def self_approval_forbidden(approver, *author_ids) -> bool:
    """True when `approver` wrote what they are asked to approve and the setting forbids that (the default):
    the four-eyes rule for catalogs, documents and request replies alike."""
    return settings.GONGKAI_FORBID_SELF_APPROVAL and approver.pk in {pk for pk in author_ids if pk is not None}
