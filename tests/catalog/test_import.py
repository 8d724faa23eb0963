"""Catalog import at county scale: every row or a refusal with the reason, bulk writes, a progress page."""

import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from catalog import services
from catalog.models import CatalogEvent, CatalogItem, ImportJob
from catalog.spreadsheet import LIMITS, read_catalog, write_catalog
from catalog.tasks import run_import
from portal.roles import Role
from portal.sheets import SheetLimits
from tests.catalog.factories import CatalogItemFactory, domain
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
DOMAIN = "social-assistance"


def _rows(n, *, time_limit="信息形成之日起20个工作日内", start=0):
    return [
        SimpleNamespace(
            first_level=f"事项{i // 20}", second_level=f"子项{i}", content_elements="申请条件、办理流程",
            legal_basis="《社会救助暂行办法》", time_limit=time_limit, responsible_body="县民政局",
            channels_text="政府网站、两微一端", audience_public=True, audience_specific=False, mode_proactive=True,
            mode_on_request=False, level_county=True, level_township=False, level_village=False,
        )
        for i in range(start, start + n)
    ]  # fmt: skip


def _workbook(n, **kwargs) -> bytes:
    return write_catalog("安平县社会救助领域基层政务公开标准目录", _rows(n, **kwargs))


def _without_dimension(data: bytes) -> bytes:
    """The same workbook with the sheet's declared size removed (as some tools write it)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            target.writestr(info, content)
    return out.getvalue()


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def editor(org):
    return member(Role.EDITOR, org)


def _upload(client, org, data, name="目录.xlsx"):
    url = reverse("catalog:staff_import", kwargs={"org_pk": org.pk, "domain": DOMAIN})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_a_workbook_larger_than_the_former_cap_imports_every_row(client, org, editor):
    client.force_login(editor)
    response = _upload(client, org, _workbook(2_500))  # the import used to keep 2,007 rows and report success
    assert response.status_code == 302
    items = CatalogItem.objects.filter(organisation=org, domain=domain(DOMAIN))
    assert items.count() == 2_500
    assert set(items.values_list("second_level", flat=True)) == {f"子项{i}" for i in range(2_500)}
    assert not items.exclude(time_limit_kind="working_days").exists()  # the rule is read in bulk writes too
    assert list(items.order_by("sort_order").values_list("second_level", flat=True)[:3]) == ["子项0", "子项1", "子项2"]


def test_an_import_writes_in_bulk_with_one_audit_entry_and_one_cache_bump(
    org, editor, monkeypatch, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    kept = CatalogItemFactory(organisation=org, first_level="事项0", second_level="子项0", time_limit="及时公开")
    rows = read_catalog(_workbook(600)).rows
    catalog = services.catalog_for(org, domain(DOMAIN))
    bumps = []
    monkeypatch.setattr("portal.caching._increment", lambda: bumps.append(1))
    logged = LogEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(20):
        added, updated = services.import_items(catalog, rows, by=editor, filename="目录.xlsx")
    assert (added, updated) == (599, 1)
    assert len(bumps) == 2  # one bump: at once and again after the commit
    assert LogEntry.objects.count() == logged + 1
    entry = LogEntry.objects.get_for_object(catalog).latest("timestamp")
    assert entry.actor == editor and "新增599项，更新1项" in entry.changes_text
    assert entry.changes_dict["事项0 / 子项0 · 公开时限"] == ["及时公开", "信息形成之日起20个工作日内"]
    assert entry.changes_dict["事项29 / 子项599"] == [None, "新增"]
    kept.refresh_from_db()
    assert kept.time_limit_days == 20 and kept.time_limit_kind == "working_days"
    assert CatalogEvent.objects.get(catalog=catalog, action="import").comment == "目录.xlsx：新增599项，更新1项"


def test_importing_the_same_workbook_again_changes_nothing(org, editor):
    data = _workbook(30)
    catalog = services.catalog_for(org, domain(DOMAIN))
    assert services.import_items(catalog, read_catalog(data).rows, by=editor) == (30, 0)
    assert services.import_items(catalog, read_catalog(data).rows, by=editor) == (0, 0)
    assert CatalogItem.objects.filter(organisation=org).count() == 30


@pytest.mark.parametrize(
    ("limits", "found"),
    [
        (SheetLimits(rows=50, columns=40, cells=100_000), "该表有 63 行"),
        (SheetLimits(rows=1_000, columns=10, cells=100_000), "该表有 15 列"),
        (SheetLimits(rows=1_000, columns=40, cells=500), "该表有 945 个单元格"),
    ],
)
def test_a_sheet_over_a_limit_is_refused_by_its_declared_size(client, org, editor, monkeypatch, limits, found):
    monkeypatch.setattr("catalog.spreadsheet.LIMITS", limits)
    client.force_login(editor)
    page = _upload(client, org, _workbook(60)).content.decode()
    assert "表格过大：每次导入" + limits.describe() in page and found in page
    assert not CatalogItem.objects.filter(organisation=org).exists()


def test_a_sheet_without_a_declared_size_is_refused_while_reading(monkeypatch):
    monkeypatch.setattr("catalog.spreadsheet.LIMITS", SheetLimits(rows=50, columns=40, cells=100_000))
    data = _without_dimension(_workbook(60))
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    (error,) = read_catalog(data).errors
    assert "表格过大" in error and "该表超过 50 行" in error


def test_a_million_cell_sheet_is_refused_before_its_rows_are_read():
    book = Workbook()
    book.active["A1"] = "序号"
    book.active["ALL2000"] = "x"  # 2,000 rows × 1,000 columns declared
    buffer = io.BytesIO()
    book.save(buffer)
    (error,) = read_catalog(buffer.getvalue()).errors
    assert "表格过大" in error and "该表有 1000 列" in error


def test_the_upload_page_states_the_limits(client, org, editor):
    client.force_login(editor)
    page = client.get(reverse("catalog:staff_import", kwargs={"org_pk": org.pk, "domain": DOMAIN})).content.decode()
    assert LIMITS.describe() in page and "12,000 行" in page


def test_a_large_workbook_runs_in_the_background_with_a_progress_page(
    client, org, editor, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.GONGKAI_CATALOG_BACKGROUND_BYTES = 1_000
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, org, _workbook(120), name="社会救助.xlsx")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "catalog:staff_import_job", kwargs={"org_pk": org.pk, "domain": DOMAIN, "job_pk": job.pk}
    )
    assert DBTaskResult.objects.get().task_path == "catalog.tasks.run_import"  # queued for `manage.py db_worker`
    page = client.get(response.url).content.decode()
    assert "排队中" in page and 'http-equiv="refresh"' in page
    assert not CatalogItem.objects.filter(organisation=org).exists()

    run_import.call(job.pk)

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.added == 120 and job.rows_read == 120 and job.data == b""
    assert CatalogItem.objects.filter(organisation=org).count() == 120
    page = client.get(response.url).content.decode()
    assert "导入完成：新增 120 项，更新 0 项。" in page and 'http-equiv="refresh"' not in page
    listing = client.get(reverse("catalog:staff_import", kwargs={"org_pk": org.pk, "domain": DOMAIN})).content.decode()
    assert "社会救助.xlsx" in listing and "已完成" in listing


def test_a_background_import_with_bad_rows_reports_them_and_imports_nothing(client, org, editor, settings):
    settings.GONGKAI_CATALOG_BACKGROUND_BYTES = 1_000
    data = write_catalog("目录", [*_rows(40), *_rows(1, time_limit="", start=40)])  # the last row lacks 公开时限
    client.force_login(editor)
    response = _upload(client, org, data)
    job = ImportJob.objects.get()
    run_import.call(job.pk)
    page = client.get(response.url).content.decode()
    assert "发现 1 处问题，未导入任何事项" in page and "第44行 F列“公开时限”：不能为空" in page
    assert not CatalogItem.objects.filter(organisation=org).exists()
    assert ImportJob.objects.get().state == ImportJob.State.FAILED


def test_reading_reports_progress():
    seen = []
    assert len(read_catalog(_workbook(1_200), on_row=seen.append).rows) == 1_200
    assert seen == [500, 1000]


def test_a_reimport_writes_every_changed_column(org, editor):
    catalog = services.catalog_for(org, domain(DOMAIN))
    services.import_items(catalog, read_catalog(_workbook(3)).rows, by=editor)
    changed = _rows(3, time_limit="按需公开")
    for row in changed:
        row.content_elements, row.channels_text, row.audience_specific, row.level_county = "新内容", "公示栏、其他平台", True, False
        row.level_village = True
    rows = read_catalog(write_catalog("目录", changed)).rows
    assert services.import_items(catalog, rows, by=editor) == (0, 3)
    for item in CatalogItem.objects.filter(organisation=org):
        assert (item.content_elements, item.channels, item.channels_other) == ("新内容", ["notice_board", "other"], "其他平台")
        assert (item.audience_specific, item.level_county, item.level_village) == (True, False, True)
        assert item.time_limit == "按需公开" and item.time_limit_kind == "" and item.time_limit_days is None


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(
        "catalog.spreadsheet.LIMITS", SheetLimits(rows=1_000, columns=40, cells=100_000, unpacked_bytes=1024 * 1024)
    )
    data = _without_dimension(_workbook(3_000))  # about 4 MB of XML in 200 kB
    (error,) = read_catalog(data).errors
    assert "表格过大" in error and "解压后有" in error and "解压后不超过 1 MB" in error
