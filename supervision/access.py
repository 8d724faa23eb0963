"""Who is the supervising office: the one guard every page under /staff/supervision/ goes through.

The office is Django staff holding the `supervise` permission globally (the 督导办公室 group, portal/demo.py
grants it with the other portal permissions). Object-level grants through membership roles never make anyone a
supervisor: no role is given `supervise`.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

SUPERVISE = "supervise"


def is_supervisor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(f"portal.{SUPERVISE}"))


def supervisor_required(view):
    """Log in first, then 403 unless the user is the supervising office."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_supervisor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.supervisor_only = True
    return wrapped
