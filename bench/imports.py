"""The bulk-import bench (issue #18): a 10,000-row catalog workbook and an organisation file, timed.

    .venv/bin/python bench/imports.py                      # PostgreSQL gk_bench (created and migrated if missing)
    .venv/bin/python bench/imports.py --rows 10000 --organisations 2000 --database-url postgres://…/gk_bench

What it measures, each through the code staff use, with debug off:

- catalog, new rows: a workbook in the site's own layout (catalog.spreadsheet.write_catalog) with N new
  items, imported the way the upload page imports a large file: `services.queue_import` then the task
  worker's `catalog.tasks.run_import` (read and check every row, then one transaction of bulk writes);
- catalog, changed rows: the same N items again with every 公开时限 changed (N bulk updates);
- organisations: a CSV of M organisations (a county tree of departments, townships and villages) through
  `portal.importing.read_file` and `import_organisations`.

Goals: 10,000 catalog rows in under 10 s (new or changed); 2,000 organisations in under 10 s. The run
works in a scratch organisation and removes everything it made afterwards. Results go to
bench/results/<UTC timestamp>-imports/ (git-ignored); record notable runs in docs/performance.md.
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import bench_environment, code_version, ensure_database, machine, run  # noqa: E402

CATALOG_GOAL_S = 10.0
ORGANISATION_GOAL_S = 10.0
SCRATCH = "基准测试临时机构（导入）"


def catalog_rows(n: int, time_limit: str):
    return [
        SimpleNamespace(
            first_level=f"第{i // 25 + 1}类事项", second_level=f"具体事项{i + 1}",
            content_elements="申请条件、申请材料、办理流程、办理时限、收费标准、咨询电话", legal_basis="《中华人民共和国政府信息公开条例》",
            time_limit=time_limit, responsible_body="县民政局", channels_text="政府网站、两微一端、便民服务站",
            audience_public=True, audience_specific=i % 3 == 0, mode_proactive=True, mode_on_request=i % 5 == 0,
            level_county=True, level_township=i % 2 == 0, level_village=False,
        )
        for i in range(n)
    ]  # fmt: skip


def organisation_csv(m: int) -> bytes:
    from portal.validators import credit_code_check_character

    def make_credit_code(n: int) -> str:
        first17 = f"113799{n:010d}M"[:17]
        return first17 + credit_code_check_character(first17)

    lines = ["名称,简称,类型,上级机构,统一社会信用代码,办公地址,联系电话"]
    county = "基准县人民政府"
    lines.append(f"{county},基准县政府,县（市、区）人民政府,,{make_credit_code(8_000_000)},基准县人民路1号,0537-6500000")
    townships, serial = [], 8_000_001
    for i in range(m - 1):
        if i % 25 == 0 or not townships:  # a department or township every 25 rows, villages under the townships
            kind, parent = ("政府部门", county) if i % 50 == 0 else ("乡镇人民政府", county)
            name = f"基准县第{i}局" if kind == "政府部门" else f"基准县第{i}镇人民政府"
            if kind != "政府部门":
                townships.append(name)
            lines.append(f"{name},,{kind},{parent},{make_credit_code(serial)},基准县,0537-65{i:05d}")
            serial += 1
        else:
            lines.append(f"基准县第{i}村村民委员会,,村民委员会,{townships[-1]},,,")
    return ("\n".join(lines) + "\n").encode("utf-8")


def timed(function):
    """(value, seconds, queries) of one call; queries counted by a wrapper (no limit on how many)."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        value = function()
        seconds = time.perf_counter() - start
    return value, round(seconds, 2), count


def bench_catalog(n: int) -> list[dict]:
    from django.contrib.auth import get_user_model

    from catalog import services
    from catalog.models import Domain, ImportJob
    from catalog.spreadsheet import write_catalog
    from catalog.tasks import run_import
    from portal.models import Organisation

    org, _ = Organisation.objects.get_or_create(name=SCRATCH, defaults={"kind": "village"})
    user, _ = get_user_model().objects.get_or_create(username="bench-import")
    domain = Domain.objects.get(code="social-assistance")
    results = []
    for label, time_limit in (("new", "信息形成之日起20个工作日内"), ("changed", "信息形成之日起15个工作日内")):
        data = write_catalog("基准测试目录", catalog_rows(n, time_limit))

        def job(data=data):
            queued = services.queue_import(org, domain, data, by=user, filename="基准测试.xlsx")
            run_import.call(queued.pk)
            return ImportJob.objects.get(pk=queued.pk)

        finished, seconds, queries = timed(job)
        assert finished.state == "done", finished.problems[:5]
        results.append({
            "name": f"catalog_{label}", "what": f"catalog import, {n:,} {label} rows ({len(data) // 1024} kB xlsx)",
            "seconds": seconds, "queries": queries, "goal_s": CATALOG_GOAL_S,
            "added": finished.added, "updated": finished.updated,
        })  # fmt: skip
    return results


def bench_organisations(m: int) -> dict:
    from portal.importing import import_organisations, read_file

    data = organisation_csv(m)
    result, seconds, queries = timed(lambda: import_organisations(read_file(data, "orgs.csv")))
    assert not result.errors, result.errors[:5]
    return {
        "name": "organisations", "what": f"organisation import, {m:,} rows (CSV)", "seconds": seconds,
        "queries": queries, "goal_s": ORGANISATION_GOAL_S, "added": result.created, "updated": result.updated,
    }  # fmt: skip


def clean_up():
    from catalog.models import CatalogItem
    from portal.models import Organisation

    CatalogItem.objects.filter(organisation__name=SCRATCH).delete()
    Organisation.objects.filter(name=SCRATCH).delete()
    made = Organisation.objects.filter(name__startswith="基准县")
    for depth in sorted({path.count("/") for path in made.values_list("path", flat=True)}, reverse=True):
        made.filter(path__regex=rf"^(/[0-9]+){{{depth - 1}}}/$").delete()  # the deepest first (parents are protected)


def table(results: list[dict]) -> str:
    lines = [f"{'import':<56} {'seconds':>8} {'queries':>8} {'goal':>7}  result"]
    for r in results:
        verdict = "PASS" if r["seconds"] < r["goal_s"] else "FAIL"
        lines.append(f"{r['what']:<56} {r['seconds']:>8.2f} {r['queries']:>8} {'< ' + str(int(r['goal_s'])) + ' s':>7}  {verdict}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="catalog rows (default 10,000)")
    parser.add_argument("--organisations", type=int, default=2_000, help="organisation rows (default 2,000)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gk_bench"),
    )
    args = parser.parse_args(argv)
    env = bench_environment(args.database_url)
    if args.database_url.startswith("postgres"):
        ensure_database(args.database_url)
    run([sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"], env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    clean_up()  # a run stopped half-way leaves its scratch rows
    started = dt.datetime.now(dt.UTC)
    info = {"machine": machine(), "code": code_version(), "database": args.database_url.rsplit("/", 1)[-1]}
    try:
        results = [*bench_catalog(args.rows), bench_organisations(args.organisations)]
    finally:
        clean_up()
    text = table(results)
    print(text)
    out = ROOT / "bench" / "results" / (started.strftime("%Y%m%dT%H%M%SZ") + "-imports")
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({**info, "results": results}, ensure_ascii=False, indent=2))
    (out / "table.txt").write_text(text + "\n")
    print(f"results: {out}")
    return 0 if all(r["seconds"] < r["goal_s"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
