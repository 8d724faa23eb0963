import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from portal.models import OrganisationKind
from tests.villages.factories import item, resident_id, staff, township, village
from villages.models import BenefitKind, Column, ItemStatus, VillageContact, VillageItem

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)


def test_village_page_shows_public_items_and_contacts_only(client):
    town = township()
    place = village(town, name="马庄村村民委员会")
    public = item(place, state=ItemStatus.PUBLISHED, title="公开的决议")
    item(place, state=ItemStatus.SUBMITTED, title="待审核的决议")
    item(place, state=ItemStatus.WITHDRAWN, title="撤回的决议")
    VillageContact.objects.create(village=place, name="马永强", post="村委会主任", phone="0537-1234567")
    page = client.get(reverse("villages:village", args=[place.pk])).content.decode()
    assert "公开的决议" in page and public.get_absolute_url() in page
    assert "待审核的决议" not in page and "撤回的决议" not in page
    assert "马永强" in page and "0537-1234567" in page
    assert client.get(reverse("villages:item", args=[public.pk])).status_code == 200
    hidden = VillageItem.objects.get(title="待审核的决议")
    assert client.get(reverse("villages:item", args=[hidden.pk])).status_code == 404


def test_index_lists_villages_under_their_townships(client):
    town = township()
    village(town, name="李家庄村村民委员会")
    page = client.get(reverse("villages:index")).content.decode()
    assert town.name in page and "李家庄村村民委员会" in page


def test_a_department_has_no_village_page(client):
    from tests.factories import OrganisationFactory

    department = OrganisationFactory(kind=OrganisationKind.DEPARTMENT)
    assert client.get(reverse("villages:village", args=[department.pk])).status_code == 404
    place = village(township())
    assert client.get(reverse("villages:column", args=[place.pk, "nonsense"])).status_code == 404


def test_benefit_list_page_shows_masked_numbers(client):
    town = township()
    clerk, reviewer = staff(town)
    place = village(town)
    draft = item(place, column=Column.BENEFITS, benefit_kind=BenefitKind.MINIMUM_LIVING, clerk=clerk, reviewer=reviewer)
    from villages import rules, services

    rows = [rules.read_recipient_row(["张三", resident_id(5), 2, 300])[0]]
    services.import_recipients(draft, rows, by=clerk, filename="x.xlsx")
    services.transition(draft, "submit", by=clerk)
    services.transition(draft, "publish", by=reviewer)
    for url in (reverse("villages:item", args=[draft.pk]), reverse("villages:item_board", args=[draft.pk])):
        page = client.get(url).content.decode()
        assert "张三" in page
        assert resident_id(5) not in page
        assert resident_id(5)[:3] + "*" * 11 + resident_id(5)[-4:] in page


def test_board_print_is_a4_with_chinese_fonts(client):
    place = village(township(), name="柳林村村民委员会")
    item(place, state=ItemStatus.PUBLISHED, title="公开的决议")
    response = client.get(reverse("villages:village_board", args=[place.pk]))
    page = response.content.decode()
    assert "柳林村村民委员会村务公开栏" in page and "公开的决议" in page
    assert "villages/board.css" in page
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("villages/board.css")).read_text(encoding="utf-8")
    assert "size: A4" in css and "仿宋_GB2312" in css and "方正小标宋简体" in css


def test_community_board_says_residents_affairs(client):
    from tests.factories import OrganisationFactory

    street = OrganisationFactory(kind=OrganisationKind.STREET)
    community = OrganisationFactory(kind=OrganisationKind.COMMUNITY, parent=street, credit_code=None, name="前进社区")
    assert "前进社区居务公开栏" in client.get(reverse("villages:village_board", args=[community.pk])).content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_public_pages_have_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    town = township()
    place = village(town)
    clerk, reviewer = staff(town)
    for n in range(size):
        for column in (Column.DECISIONS, Column.ASSETS):
            item(place, column=column, state=ItemStatus.PUBLISHED, title=f"事项{n}", clerk=clerk, reviewer=reviewer)
        VillageContact.objects.create(village=place, name=f"联系人{n}", post="委员")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("villages:village", args=[place.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("villages:village_board", args=[place.pk])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("villages:column", args=[place.pk, Column.DECISIONS])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("villages:index")).status_code == 200


# ---------------------------------------------------------------- staff


def test_township_staff_draft_submit_and_a_reviewer_publishes(client):
    town = township()
    clerk, reviewer = staff(town)
    place = village(town)
    login(client, clerk)
    url = reverse("villages:staff_item_new", args=[town.pk, place.pk]) + "?column=decisions"
    assert client.get(url).status_code == 200
    response = client.post(url, {"column": "decisions", "title": "道路硬化决议", "body": "同意36人。"})
    made = VillageItem.objects.get(title="道路硬化决议")
    assert response.status_code == 302
    event_url = reverse("villages:staff_item_event", args=[town.pk, made.pk])
    client.post(event_url + "?event=submit")
    made.refresh_from_db()
    assert made.status == ItemStatus.SUBMITTED
    client.logout()
    login(client, reviewer)
    page = client.get(reverse("villages:staff_home", args=[town.pk])).content.decode()
    assert "道路硬化决议" in page  # the review queue
    client.post(event_url + "?event=publish")
    made.refresh_from_db()
    assert made.status == ItemStatus.PUBLISHED


def test_finances_need_all_four_figures_and_keep_the_input(client):
    town = township()
    clerk, _ = staff(town)
    place = village(town)
    login(client, clerk)
    url = reverse("villages:staff_item_new", args=[town.pk, place.pk])
    response = client.post(url, {"column": "finances", "title": "第一季度财务", "body": "见表", "year": 2026, "quarter": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert "第一季度财务" in page and "须填写此项" in page
    assert not VillageItem.objects.exists()


def test_staff_home_warns_of_missing_quarters(client):
    town = township()
    clerk, _ = staff(town)
    village(town, name="缺财务村")
    login(client, clerk)
    page = client.get(reverse("villages:staff_home", args=[town.pk])).content.decode()
    assert "缺4个季度" in page


def test_outsiders_get_403_before_any_lookup(client):
    town, other = township(), township()
    outsider, _ = staff(other)
    place = village(town)
    draft = item(place)
    login(client, outsider)
    for url in (
        reverse("villages:staff_home", args=[town.pk]),
        reverse("villages:staff_village", args=[town.pk, place.pk]),
        reverse("villages:staff_item", args=[town.pk, draft.pk]),
    ):
        assert client.get(url).status_code == 403
    # Their own township's URL with another township's village: not found, never shown.
    assert client.get(reverse("villages:staff_village", args=[other.pk, place.pk])).status_code == 404
    assert client.get(reverse("villages:staff_item", args=[other.pk, draft.pk])).status_code == 404


def xlsx(rows):
    book = Workbook()
    book.active.append(["户主姓名", "身份证号码", "家庭人口", "金额（元）", "备注"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "名单.xlsx"
    return buffer


def test_import_page_reports_every_bad_row(client):
    town = township()
    clerk, _ = staff(town)
    draft = item(village(town), column=Column.BENEFITS, benefit_kind=BenefitKind.MINIMUM_LIVING)
    login(client, clerk)
    url = reverse("villages:staff_recipients_import", args=[town.pk, draft.pk])
    response = client.post(url, {"file": xlsx([["张三", "123", 1, 1], ["", resident_id(1), 1, 1]])})
    page = response.content.decode()
    assert response.status_code == 200 and "第2行" in page and "第3行" in page
    assert not draft.recipients.exists()
    response = client.post(url, {"file": xlsx([["张三", resident_id(1), 1, 1]])})
    assert response.status_code == 302 and draft.recipients.count() == 1


def test_import_refuses_a_non_xlsx_upload(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    town = township()
    clerk, _ = staff(town)
    draft = item(village(town), column=Column.BENEFITS, benefit_kind=BenefitKind.MINIMUM_LIVING)
    login(client, clerk)
    url = reverse("villages:staff_recipients_import", args=[town.pk, draft.pk])
    response = client.post(url, {"file": SimpleUploadedFile("名单.csv", b"a,b")})
    assert response.status_code == 200 and ".xlsx" in response.content.decode()


def test_template_download_is_formula_safe_xlsx(client):
    town = township()
    clerk, _ = staff(town)
    login(client, clerk)
    response = client.get(reverse("villages:staff_benefit_template", args=[town.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_contacts_are_added_and_removed(client):
    town = township()
    clerk, _ = staff(town)
    place = village(town)
    login(client, clerk)
    url = reverse("villages:staff_contact_new", args=[town.pk, place.pk])
    bad = client.post(url, {"name": "马永强", "post": "村委会主任", "phone": "abc", "sort_order": 0})
    assert bad.status_code == 200 and "马永强" in bad.content.decode()
    client.post(url, {"name": "马永强", "post": "村委会主任", "phone": "0537-1234567", "sort_order": 0})
    contact = VillageContact.objects.get()
    client.post(reverse("villages:staff_contact_delete", args=[town.pk, contact.pk]))
    assert not VillageContact.objects.exists()


@pytest.mark.parametrize("size", [1, 5])
def test_staff_pages_have_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    town = township()
    clerk, reviewer = staff(town)
    for n in range(size):
        place = village(town, name=f"第{n}村")
        item(place, state=ItemStatus.SUBMITTED, title=f"事项{n}", clerk=clerk, reviewer=reviewer)
        item(place, state=ItemStatus.PUBLISHED, title=f"公开{n}", clerk=clerk, reviewer=reviewer)
    login(client, reviewer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("villages:staff_home", args=[town.pk])).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("villages:staff_village", args=[town.pk, place.pk])).status_code == 200
