"""Business actions of the shared core. Views call these; they hold the rules."""

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.audit import records_actor
from portal.models import Membership, Organisation


@records_actor
@transaction.atomic
def add_member(
    organisation: Organisation,
    *,
    by,
    username: str,
    role: str,
    full_name: str = "",
    email: str = "",
    password: str = "",
) -> Membership:
    """Give `username` the role in the organisation, creating the staff account if it does not exist yet."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=full_name)
        user.set_password(password)
        user.save()
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return membership


@records_actor
@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    membership.delete()
