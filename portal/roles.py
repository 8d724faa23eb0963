"""Staff roles within an organisation and the django-guardian object permissions they grant.

A role is what people say ("审核人"); a permission is what code checks (`portal.review_content`).
Keeping the mapping here, as data, means a role change is one line and every check stays the same.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("编辑（起草目录和文件）")
    REVIEWER = "reviewer", _("审核人（审核并发布）")
    REQUEST_HANDLER = "request_handler", _("依申请公开办理人")
    ORGANISATION_ADMIN = "org_admin", _("机构管理员（管理本机构成员）")


# Permission codenames on portal.Organisation (declared in Organisation.Meta.permissions).
DRAFT_CONTENT = "draft_content"
REVIEW_CONTENT = "review_content"
HANDLE_REQUESTS = "handle_requests"
MANAGE_MEMBERS = "manage_members"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.EDITOR: frozenset({DRAFT_CONTENT}),
    Role.REVIEWER: frozenset({DRAFT_CONTENT, REVIEW_CONTENT}),
    Role.REQUEST_HANDLER: frozenset({HANDLE_REQUESTS}),
    Role.ORGANISATION_ADMIN: frozenset({MANAGE_MEMBERS}),
}

ALL_PERMISSIONS = frozenset().union(*ROLE_PERMISSIONS.values())


def permissions_for_roles(roles) -> frozenset[str]:
    return frozenset().union(*(ROLE_PERMISSIONS[r] for r in roles)) if roles else frozenset()


# Roles that, held by one person or by accounts one person controls, would let them draft and approve alone
# (a reviewer approves; an organisation admin grants roles): granting them to oneself or to an account one
# created needs a second person.
FOUR_EYES_ROLES = frozenset({Role.REVIEWER, Role.ORGANISATION_ADMIN})
