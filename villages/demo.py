"""Demo village affairs for `manage.py seed_demo`: 马庄镇 publishes for 马庄村 and 李家庄村, with items in every
state (draft, submitted, published, withdrawn), four columns, quarterly finances (李家庄村 misses one quarter, so
the warning shows), a 低保 list with masked ID numbers naming the item of 马庄镇's published catalog it fulfils
(最低生活保障 · 审核确认结果, so the catalog item's page lists it) and the committees' contacts. Idempotent: items
are keyed by village + title. Names, ID numbers and phone numbers are fictitious.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from portal.demo import DEMO_PASSWORD
from portal.models import Membership, Organisation, OrganisationKind
from portal.validators import resident_id_check_character
from villages import rules, services
from villages.models import BenefitKind, Column, ItemStatus, VillageContact, VillageItem

STAFF = [
    ("mzz_clerk", "刘春华（马庄镇村务公开联络员）", ["village_affairs_clerk", "editor"]),
    ("mzz_reviewer", "高建国（马庄镇审核人）", ["reviewer"]),
]
HOUSEHOLDS = ["马长顺", "马桂兰", "李守田", "马建民", "王秀珍", "李德福", "马小红", "张玉梅"]
CONTACTS = [
    ("村党支部书记、村委会主任", "负责村党支部和村委会全面工作", "0537-6532{n}01"),
    ("村委会副主任", "分管财务、集体资产和土地承包", "0537-6532{n}02"),
    ("村务监督委员会主任", "监督村务公开和民主理财", "0537-6532{n}03"),
]
NAMES = {"马庄村": ["马永强", "马丽", "马德胜"], "李家庄村": ["李国庆", "李红梅", "张振华"]}


def resident_id(village_n: int, n: int) -> str:
    first17 = f"3717281960{village_n:02d}{n + 1:02d}{n:03d}"
    return first17 + resident_id_check_character(first17)


def _users(context):
    User = get_user_model()
    users = context.setdefault("users", {})
    hashed = None
    made = []
    township = context["organisations"]["mazhuang"]
    for username, full_name, roles in STAFF:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            hashed = hashed or make_password(DEMO_PASSWORD)
            user.password = hashed
            user.save(update_fields=["password"])
        users[username] = user
        for role in roles:
            Membership.objects.get_or_create(user=user, organisation=township, role=role)
        made.append((username, full_name))
    accounts = context.setdefault("accounts", [])
    accounts.extend(a for a in made if a not in accounts)
    return users["mzz_clerk"], users["mzz_reviewer"]


def _village(context):
    organisations = context["organisations"]
    township = organisations["mazhuang"]
    second, _created = Organisation.objects.get_or_create(
        name="马庄镇李家庄村村民委员会",
        defaults={"short_name": "李家庄村", "kind": OrganisationKind.VILLAGE, "parent": township, "sort_order": 2},
    )
    organisations["lijiazhuang-village"] = second
    return [organisations["mazhuang-village"], second]


# Matters that fulfil an item of 马庄镇's published catalogs (catalog/demo.py): the guideline entry's code.
CATALOG_ENTRIES = {"dibao": "social-assistance-03", "farming": "agricultural-subsidies-02"}


def _catalog_item(village, key):
    """The township's published catalog item adopted from the guideline entry, or None (no catalog demo)."""
    code = CATALOG_ENTRIES[key]
    return services.catalog_items_for(village).filter(guideline__code=code).order_by("pk").first()


def seed(context: dict, out) -> None:
    clerk, reviewer = _users(context)
    villages = _village(context)
    today = timezone.localdate()
    made = 0

    def item(village, column, title, body, state, *, days_ago=10, recipients=None, **fields):
        nonlocal made
        existing = VillageItem.objects.filter(village=village, title=title)
        if existing.exists():
            if fields.get("catalog_item"):  # a demo seeded before items named their catalog item
                existing.filter(catalog_item__isnull=True).update(catalog_item=fields["catalog_item"])
            return None
        draft = services.save_item(
            VillageItem(village=village, column=column, title=title, body=body, **fields), by=clerk
        )
        if recipients:
            services.import_recipients(draft, recipients, by=clerk, filename="名单.xlsx")
        if state in (ItemStatus.SUBMITTED, ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN):
            services.transition(draft, "submit", by=clerk)
        if state in (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN):
            services.transition(draft, "publish", by=reviewer)
            VillageItem.objects.filter(pk=draft.pk).update(published_at=timezone.now() - dt.timedelta(days=days_ago))
        if state == ItemStatus.WITHDRAWN:
            services.transition(draft, "withdraw", by=reviewer, comment="金额有误，核对后重新公开。")
        made += 1
        return draft

    year, quarter = rules.quarter_of(today)
    for n, village in enumerate(villages, start=1):
        name = village.short_name
        item(
            village,
            Column.DECISIONS,
            f"{name}关于村内道路硬化工程的决议公开",
            f"经村党支部提议、村“两委”商议、党员大会审议、村民代表会议决议（“四议”），{name}决定对村内主干道"
            "1.2公里进行硬化，工程概算38万元，资金来源为上级以奖代补资金和村集体收入。\n"
            "决议结果：应到村民代表41人，实到38人，同意36人，反对1人，弃权1人。决议通过。\n"
            "实施结果将在工程完工后公开。",
            ItemStatus.PUBLISHED,
            days_ago=40,
            happened_on=today - dt.timedelta(days=45),
        )
        item(
            village,
            Column.DECISIONS,
            f"{name}2026年度村级公益事业“一事一议”筹资方案",
            "拟对村文化广场照明设施进行改造，方案提请村民代表会议审议。",
            ItemStatus.SUBMITTED,
        )
        item(village, Column.DECISIONS, f"{name}集体经济发展项目（草稿）", "项目方案正在起草。", ItemStatus.DRAFT)
        # Four quarters of finances; 李家庄村 misses the oldest one.
        y, q = year, quarter
        for back in range(4):
            y, q = rules.previous_quarter(y, q)
            if n == 2 and back == 3:
                break
            item(
                village,
                Column.FINANCES,
                f"{name}{y}年第{q}季度财务收支公开",
                "本季度收支经村务监督委员会审核。收入主要为集体土地发包收入和上级转移支付，支出主要为村干部报酬、"
                "公益设施维护和办公经费。",
                ItemStatus.PUBLISHED,
                days_ago=max((today - rules.quarter_end(y, q)).days - 10, 1),
                year=y,
                quarter=q,
                income=120000 + 5000 * back,
                spending=95000 + 3000 * back,
                assets=2350000,
                debts=180000 - 10000 * back,
            )
        item(
            village,
            Column.FINANCES,
            f"{name}财务收支（数据有误已撤回）",
            "该期公开的支出数据有误，已撤回核对。",
            ItemStatus.WITHDRAWN,
            year=year if quarter > 1 else year - 1,
            quarter=quarter - 1 if quarter > 1 else 4,
            income=1,
            spending=1,
            assets=1,
            debts=1,
        )
        people = [
            rules.read_recipient_row([head, resident_id(n, i), 2 + i % 3, 460 + 35 * i, ""])[0]
            for i, head in enumerate(HOUSEHOLDS[: 5 + n])
        ]
        item(
            village,
            Column.BENEFITS,
            f"{name}{year}年城乡居民最低生活保障对象公示",
            "以下家庭经村民代表会议民主评议、乡镇审核、县民政局审批，纳入最低生活保障。公示期7天，"
            "对公示对象有异议的，可向村委会或马庄镇民政办反映，电话0537-6532000。",
            ItemStatus.PUBLISHED,
            days_ago=20,
            benefit_kind=BenefitKind.MINIMUM_LIVING,
            happened_on=today - dt.timedelta(days=22),
            recipients=people,
            catalog_item=_catalog_item(village, "dibao"),
        )
        item(
            village,
            Column.BENEFITS,
            f"{name}{year}年耕地地力保护补贴发放名单",
            "补贴标准每亩120元，按承包耕地面积发放到户。",
            ItemStatus.DRAFT,
            benefit_kind=BenefitKind.FARMING_SUBSIDY,
            recipients=people[:3],
            catalog_item=_catalog_item(village, "farming"),
        )
        item(
            village,
            Column.ASSETS,
            f"{name}集体机动地发包结果公示",
            "村集体机动地56亩经村民代表会议决议公开发包，发包期限5年，中标人马某某，年租金每亩650元。",
            ItemStatus.PUBLISHED,
            days_ago=60,
            happened_on=today - dt.timedelta(days=65),
        )
        if not VillageContact.objects.filter(village=village).exists():
            for order, ((post, duties, phone), person) in enumerate(zip(CONTACTS, NAMES[name], strict=True)):
                services.save_contact(
                    VillageContact(
                        village=village,
                        name=person,
                        post=post,
                        duties=duties,
                        phone=phone.format(n=n),
                        sort_order=order,
                    ),
                    by=clerk,
                )
    out.write(f"villages: {made} village-affairs items for {', '.join(v.short_name for v in villages)}")
