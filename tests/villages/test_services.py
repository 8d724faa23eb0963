import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from portal.errors import Refusal
from portal.models import OrganisationKind
from portal.spreadsheets import append_row
from tests.factories import OrganisationFactory
from tests.villages.factories import item, resident_id, staff, township, village
from villages import services
from villages.flows import ITEM_FLOW
from villages.models import BenefitKind, Column, ItemStatus, VillageItem
from villages.spreadsheet import LIMITS, ListError, blank_workbook, read_benefit_list

pytestmark = pytest.mark.django_db


def workbook(rows, heading=True) -> bytes:
    book = Workbook()
    sheet = book.active
    if heading:
        sheet.append(["户主姓名", "身份证号码", "家庭人口", "金额（元）", "备注"])
    for row in rows:
        append_row(sheet, row)  # a text starting with "=" stays text, as a staff member's typed cell would
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_publish_needs_a_second_person():
    town = township()
    clerk, reviewer = staff(town)
    draft = item(village(town), clerk=clerk, reviewer=reviewer)
    services.transition(draft, "submit", by=clerk)
    with pytest.raises(PermissionDenied):
        services.transition(draft, "publish", by=clerk)  # holds no review permission at all
    services.transition(draft, "publish", by=reviewer)
    draft.refresh_from_db()
    assert draft.status == ItemStatus.PUBLISHED and draft.published_at is not None
    assert VillageItem.objects.public().filter(pk=draft.pk).exists()


def test_reviewer_who_edited_may_not_publish_it():
    town = township()
    clerk, reviewer = staff(town)
    draft = item(village(town), clerk=clerk, reviewer=reviewer)
    services.save_item(draft, by=reviewer, loaded_version=draft.edit_version)
    services.transition(draft, "submit", by=clerk)
    with pytest.raises(Refusal, match="四眼"):
        services.transition(draft, "publish", by=reviewer)


def test_staff_of_another_township_may_not_act():
    town, other = township(), township()
    outsider, _ = staff(other)
    draft = item(village(town))
    with pytest.raises(PermissionDenied):
        services.transition(draft, "submit", by=outsider)


@pytest.mark.parametrize("state", [ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.WITHDRAWN])
def test_the_public_gate_shows_published_only(state):
    assert not VillageItem.objects.public().filter(pk=item(village(township()), state=state).pk).exists()


def test_the_public_gate_hides_inactive_villages():
    town = township()
    place = village(town)
    published = item(place, state=ItemStatus.PUBLISHED)
    place.is_active = False
    place.save()
    assert not VillageItem.objects.public().filter(pk=published.pk).exists()


def test_only_drafts_are_edited():
    published = item(village(township()), state=ItemStatus.PUBLISHED)
    clerk, _ = staff(published.village.parent)
    published.title = "改"
    with pytest.raises(Refusal):
        services.save_item(published, by=clerk)


def test_items_are_only_for_villages():
    town = township()
    clerk, _ = staff(town)
    department = OrganisationFactory(kind=OrganisationKind.DEPARTMENT, parent=town)
    with pytest.raises(Refusal):
        services.save_item(VillageItem(village=department, column=Column.DECISIONS, title="x", body="y"), by=clerk)


def test_a_published_item_can_be_withdrawn_and_reopened():
    done = item(village(township()), state=ItemStatus.WITHDRAWN)
    clerk, _ = staff(done.village.parent)
    services.transition(done, "reopen", by=clerk)
    done.refresh_from_db()
    assert done.status == ItemStatus.DRAFT
    with pytest.raises(Refusal):
        services.delete_draft(done, by=clerk)  # it was public once: its record stays


def test_a_mistaken_draft_is_deleted():
    draft = item(village(township()))
    clerk, _ = staff(draft.village.parent)
    services.delete_draft(draft, by=clerk)
    assert not VillageItem.objects.filter(pk=draft.pk).exists()


def benefit_draft():
    town = township()
    clerk, reviewer = staff(town)
    draft = item(
        village(town), column=Column.BENEFITS, benefit_kind=BenefitKind.MINIMUM_LIVING, clerk=clerk, reviewer=reviewer
    )
    return draft, clerk, reviewer


def test_import_replaces_the_list_and_stores_no_full_id():
    draft, clerk, _ = benefit_draft()
    rows = read_benefit_list(workbook([["张三", resident_id(1), 3, 460], ["李四", resident_id(2), 2, "520.50", "新增"]]))
    assert services.import_recipients(draft, rows, by=clerk, filename="a.xlsx") == 2
    rows = read_benefit_list(workbook([["王五", resident_id(3), 1, 300]]))
    services.import_recipients(draft, rows, by=clerk, filename="b.xlsx")
    recipients = list(draft.recipients.values_list("household_head", "masked_id"))
    assert recipients == [("王五", resident_id(3)[:3] + "*" * 11 + resident_id(3)[-4:])]
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_object(draft)
    assert any("b.xlsx" in (e.changes_text or "") for e in entries)
    assert not any(resident_id(3) in str(e.changes) + (e.changes_text or "") for e in entries)


def test_an_empty_benefit_list_is_not_submitted():
    draft, clerk, _ = benefit_draft()
    with pytest.raises(Refusal, match="名单"):
        services.transition(draft, "submit", by=clerk)


def test_a_bad_workbook_is_refused_whole_with_row_numbers():
    data = workbook([["张三", resident_id(1), 3, 460], ["", "110101199003071234", 0, -1], ["王五", resident_id(1), 1, 5]])
    with pytest.raises(ListError) as caught:
        read_benefit_list(data)
    problems = caught.value.problems
    assert problems[0].startswith("第3行") and "户主姓名未填写" in problems[0]
    assert problems[1].startswith("第4行") and "重复" in problems[1]


def test_an_oversized_workbook_is_refused_before_reading():
    rows = [["张三", resident_id(1), 1, 1]] * (LIMITS.rows + 1)
    with pytest.raises(ListError, match="表格过大"):
        read_benefit_list(workbook(rows))


def test_not_a_workbook():
    with pytest.raises(ListError, match="无法读取"):
        read_benefit_list(b"PK\x03\x04 not really")


def test_the_blank_workbook_reads_back_with_its_example_refused():
    with pytest.raises(ListError) as caught:
        read_benefit_list(blank_workbook())
    assert caught.value.problems[0].startswith("第2行")


def test_formula_like_names_stay_text_on_the_way_in_and_out():
    draft, clerk, _ = benefit_draft()
    rows = read_benefit_list(workbook([["=HYPERLINK(\"http://x\")", resident_id(1), 1, 10]]))
    services.import_recipients(draft, rows, by=clerk, filename="f.xlsx")
    assert draft.recipients.get().household_head.startswith("=")


def test_missing_finance_quarters_reads_published_items_only():
    import datetime as dt

    from villages import rules

    town = township()
    place = village(town)
    today = dt.date.today()
    year, quarter = rules.previous_quarter(*rules.previous_quarter(*rules.quarter_of(today)))
    finances = {"year": year, "quarter": quarter, "income": 1, "spending": 1, "assets": 1, "debts": 1}
    item(place, column=Column.FINANCES, state=ItemStatus.PUBLISHED, **finances)
    item(place, column=Column.FINANCES, state=ItemStatus.DRAFT, title="草稿", **{**finances, "quarter": None})
    missing = services.missing_finance_quarters(place, today)
    assert (year, quarter) not in missing
    assert ITEM_FLOW.events(VillageItem.objects.get(title="关于修建村文化广场的决议")).exists()
