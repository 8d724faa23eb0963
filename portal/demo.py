"""Demo organisations and staff for `manage.py seed_demo`. Idempotent: keys are credit codes and usernames.

The place names are fictitious (清河市, 安平县); the credit codes are generated with valid check
characters so every screen behaves as with real data.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from portal.models import Membership, Organisation, OrganisationKind
from portal.roles import Role, all_permissions
from portal.validators import credit_code_check_character

DEMO_PASSWORD = "gongkai-demo-2026"
DIVISION = "371799"  # a fictitious administrative division code

K = OrganisationKind
# (key, name, short name, kind, parent key, serial or None for no credit code)
ORGANISATIONS = [
    ("city", "清河市人民政府", "清河市政府", K.CITY, None, 1),
    ("city-office", "清河市人民政府办公室", "市政府办公室", K.DEPARTMENT, "city", 2),
    ("county", "安平县人民政府", "安平县政府", K.COUNTY, "city", 10),
    ("county-office", "安平县人民政府办公室", "县政府办公室", K.DEPARTMENT, "county", 11),
    ("civil-affairs", "安平县民政局", "县民政局", K.DEPARTMENT, "county", 12),
    ("education", "安平县教育和体育局", "县教体局", K.DEPARTMENT, "county", 13),
    ("hr-social", "安平县人力资源和社会保障局", "县人社局", K.DEPARTMENT, "county", 14),
    ("finance", "安平县财政局", "县财政局", K.DEPARTMENT, "county", 15),
    ("housing", "安平县住房和城乡建设局", "县住建局", K.DEPARTMENT, "county", 16),
    ("health", "安平县卫生健康局", "县卫健局", K.DEPARTMENT, "county", 17),
    ("chengguan", "安平县城关街道办事处", "城关街道", K.STREET, "county", 30),
    ("dongfeng", "安平县东风街道办事处", "东风街道", K.STREET, "county", 31),
    ("mazhuang", "安平县马庄镇人民政府", "马庄镇", K.TOWNSHIP, "county", 32),
    ("liulin", "安平县柳林乡人民政府", "柳林乡", K.TOWNSHIP, "county", 33),
    ("mazhuang-village", "马庄镇马庄村村民委员会", "马庄村", K.VILLAGE, "mazhuang", None),
    ("liulin-village", "柳林乡柳林村村民委员会", "柳林村", K.VILLAGE, "liulin", None),
    ("qianjin", "城关街道前进社区居民委员会", "前进社区", K.COMMUNITY, "chengguan", None),
]

# (username, full name, organisation key, roles)
STAFF = [
    ("mz_editor", "李明（民政局编辑）", "civil-affairs", [Role.EDITOR]),
    ("mz_reviewer", "王芳（民政局审核人）", "civil-affairs", [Role.REVIEWER]),
    ("mz_handler", "赵磊（民政局申请办理）", "civil-affairs", [Role.REQUEST_HANDLER]),
    ("mz_admin", "陈静（民政局管理员）", "civil-affairs", [Role.ORGANISATION_ADMIN]),
    ("jt_editor", "孙浩（教体局编辑）", "education", [Role.EDITOR]),
    ("jt_reviewer", "周敏（教体局审核人）", "education", [Role.REVIEWER, Role.REQUEST_HANDLER]),
    ("cg_editor", "吴强（城关街道编辑）", "chengguan", [Role.EDITOR, Role.REQUEST_HANDLER]),
    ("cg_reviewer", "郑丽（城关街道审核人）", "chengguan", [Role.REVIEWER, Role.ORGANISATION_ADMIN]),
    ("xzf_handler", "冯涛（县政府办申请办理）", "county-office", [Role.REQUEST_HANDLER, Role.REVIEWER]),
    # Applications addressed to the county government itself are handled by its general office.
    ("xzf_handler", "冯涛（县政府办申请办理）", "county", [Role.REQUEST_HANDLER, Role.REVIEWER]),
]

SUPERVISORS_GROUP = "督导办公室"


def credit_code(serial: int) -> str:
    first17 = f"11{DIVISION}{serial:08d}M"
    return first17 + credit_code_check_character(first17)


def seed(context: dict, out) -> None:
    organisations = context.setdefault("organisations", {})
    for key, name, short, kind, parent_key, serial in ORGANISATIONS:
        code = credit_code(serial) if serial else None
        lookup = {"credit_code": code} if code else {"name": name}
        org, created = Organisation.objects.get_or_create(
            **lookup,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": organisations.get(parent_key),
                "address": f"安平县{short}政务公开办公室" if kind not in (K.VILLAGE, K.COMMUNITY) else "",
                "phone": f"0537-65{serial:05d}" if serial else "",
                "office_hours": "工作日 9:00-12:00，13:30-17:00" if serial else "",
            },
        )
        organisations[key] = org
    User = get_user_model()
    users = context.setdefault("users", {})
    accounts = []
    hashed = []  # the demo password hashed once and reused: each hash costs about a second by design

    def account(username, full_name, **flags):
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name, **flags})
        if created:
            if not hashed:
                hashed.append(make_password(DEMO_PASSWORD))
            user.password = hashed[0]
            user.save(update_fields=["password"])
        users[username] = user
        if (username, full_name) not in accounts:
            accounts.append((username, full_name))
        return user

    account("admin", "系统管理员", is_staff=True, is_superuser=True)
    supervisor = account("duban", "县政府办督导员", is_staff=True)
    group, _ = Group.objects.get_or_create(name=SUPERVISORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="portal", codename__in=all_permissions()),
        *Permission.objects.filter(codename__startswith="view_"),
    )
    supervisor.groups.add(group)
    for username, full_name, org_key, roles in STAFF:
        user = account(username, full_name)
        for role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisations[org_key], role=role)
    context["accounts"] = accounts
