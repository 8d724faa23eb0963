"""Business actions of the shared core. Views call these; they hold the rules."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from portal.audit import records_actor
from portal.errors import Refusal
from portal.models import Membership, Organisation
from portal.permissions import grant_needs_second_person

SECOND_PERSON_NEEDED = _(
    "为本人或本人创建的账号授予“%(role)s”角色，须由本机构另一名机构管理员或督导办公室办理（四眼原则）。"
)


def _created_by(user, granter) -> bool:
    """Was `user`'s account created by `granter` (through the members page)?"""
    return Membership.objects.filter(user=user, granted_by=granter, created_account=True).exists()


@records_actor
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
    """Give `username` the role in the organisation, creating the staff account if it does not exist yet.

    Raises Refusal (keyed by form field) when the grant breaks the four-eyes rule or when another
    request created the same account or role at the same moment (the unique constraints decide).
    """
    User = get_user_model()
    try:
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            creating = user is None
            is_self = not creating and user.pk == by.pk
            if grant_needs_second_person(
                by, role, is_self=is_self, created_by_granter=creating or _created_by(user, by)
            ):
                label = Membership(role=role).get_role_display()
                raise Refusal({"role": SECOND_PERSON_NEEDED % {"role": label}})
            if creating:
                user = User(username=username, email=email, first_name=full_name)
                user.set_password(password)
                user.save()
            return Membership.objects.create(
                user=user, organisation=organisation, role=role, granted_by=by, created_account=creating
            )
    except IntegrityError as error:  # a simultaneous request won the race for the username or the role
        raise Refusal(
            {"username": _("该用户名的账号或角色刚刚已由其他操作创建，请刷新页面后核对。")}
        ) from error


@records_actor
@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    membership.delete()
