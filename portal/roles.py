"""Staff roles within an organisation and the django-guardian object permissions they grant.

A role is what people say ("审核人"); a permission is what code checks (`portal.review_content`).
Keeping the mapping here, as data, means a role change is one line and every check stays the same.
Feature apps add codenames, roles and grants in their AppConfig (portal/registry.py); the functions
below merge those declarations into portal's own table, so no portal file names an app.
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

# Portal's own grants; apps add theirs through AppConfig.role_permissions (see role_permissions()).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.EDITOR: frozenset({DRAFT_CONTENT}),
    Role.REVIEWER: frozenset({DRAFT_CONTENT, REVIEW_CONTENT}),
    Role.REQUEST_HANDLER: frozenset({HANDLE_REQUESTS}),
    Role.ORGANISATION_ADMIN: frozenset({MANAGE_MEMBERS}),
}


def role_choices() -> list[tuple[str, str]]:
    """Every role: portal's and those the installed apps declare (Membership.role's choices, a callable)."""
    from portal import registry

    return [*Role.choices, *registry.declared_roles()]


def role_permissions() -> dict[str, frozenset[str]]:
    """Role → permission codenames, portal's table merged with every installed app's grants."""
    from portal import registry

    merged = {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for role, codenames in registry.declared_role_permissions():
        merged.setdefault(role, set()).update(codenames)
    return {role: frozenset(perms) for role, perms in merged.items()}


def all_permissions() -> frozenset[str]:
    """Every Organisation-level codename a role can grant (portal's and the apps')."""
    from portal import registry

    return frozenset().union(*role_permissions().values(), (code for code, _label in registry.declared_permissions()))


def permissions_for_roles(roles, kind: str | None = None) -> frozenset[str]:
    """The codenames a set of roles grants; a role no installed app declares any more grants nothing.

    With `kind` (the organisation's kind), a codename an app restricts to other kinds (`permission_kinds`:
    village affairs only at townships and streets) is left out, so a role held there grants it nowhere.
    """
    from portal import registry

    table = role_permissions()
    granted = frozenset().union(*(table.get(r, frozenset()) for r in roles)) if roles else frozenset()
    if kind is None:
        return granted
    restricted = registry.declared_permission_kinds()
    return frozenset(c for c in granted if c not in restricted or str(kind) in restricted[c])


# Permissions that, held by one person or by accounts one person controls, would let them draft and approve
# alone (review approves; managing members grants roles): a role granting any of them, given to oneself or
# to an account one created, needs a second person (portal.permissions.grant_needs_second_person).
FOUR_EYES_PERMISSIONS = frozenset({REVIEW_CONTENT, MANAGE_MEMBERS})
