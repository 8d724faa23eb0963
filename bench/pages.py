"""What each page costs in this process: CPU and database time per request, page cache off (issue #17).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/pages.py [--repeat 20]
    bench/run --skip-load --pages          # the same after the wrk run, into the run's results directory

wrk measures throughput through gunicorn, which mixes in the neighbours' load; this asks the cheaper question
"how much CPU does one request of this page take", which is what throughput is made of. Each page is requested
through Django's test client in this process (debug off, `GONGKAI_PUBLIC_PAGE_CACHE_SECONDS=0`, so every
request renders, as for a page nobody asked for in the last five minutes), once to warm the process and then
`--repeat` times, rotating over a few paths of its kind. Per request it records the CPU time of this process
(`time.process_time`: Python, template rendering and the driver, not PostgreSQL's own work), the wall time, the
time spent inside database calls (`connection.execute_wrapper`) and the number of queries, and prints medians:

    page | CPU ms | DB ms | wall ms | queries | vs /healthz | goal | result

"vs /healthz" is /healthz's CPU per request over the page's: the share of /healthz's throughput the page can
reach when CPU is what runs out. Goals (issue #17): public list, filtered list, detail and catalog pages, and the
new public pages (interaction, participation, the column, villages, site reports, API lists), at least 50 % of
/healthz; search at least 25 %; staff pages and admin changelists DB < 50 ms and the whole page < 150 ms. Exit status 0 only if all pass. Staff pages
are requested as a superuser (`bench_admin`, created if missing). Results: `bench/results/<UTC>-pages/`.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PUBLIC, SEARCH, STAFF = "public", "search", "staff"
GOALS = {PUBLIC: "≥ 50 % of /healthz", SEARCH: "≥ 25 % of /healthz", STAFF: "DB < 50 ms, page < 150 ms"}


def passes(kind, row, healthz_cpu):
    if kind == STAFF:
        return row["db_ms"] < 50 and row["wall_ms"] < 150
    if kind is None:
        return True
    share = healthz_cpu / row["cpu_ms"] if row["cpu_ms"] else 1.0
    return share >= (0.50 if kind == PUBLIC else 0.25)


def code_version():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "changed_files": git("status", "--porcelain", "-uno")}


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-pages-only-key-0123456789abcdef0123456789abcdef0123")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ["GONGKAI_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
    # One process: its own memory cache holds the only public-content generation, as Redis does for workers.
    os.environ.setdefault("GONGKAI_STORED_PLAIN_PAGES", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # no collectstatic manifest
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()


def pick_paths():
    """A few paths of each page, chosen from the data by index walks (no COUNT or random sort over 1M rows)."""
    from django.urls import reverse

    from bench import vocabulary as words
    from disclosure.models import Document

    public = Document.objects.public().order_by("-published_on", "-pk")
    sample = list(public.values_list("pk", "organisation_id", "domain__code")[:2000:100])
    deeper = list(public.values_list("pk", flat=True)[20000:60000:4000])
    organisation = sample[0][1] if sample else 1
    list_url = reverse("disclosure:list")
    search_url = reverse("disclosure:search")
    staff_org = organisation
    return {
        "healthz": (None, ["/healthz"]),
        "list": (PUBLIC, [list_url]),
        "list_filtered": (
            PUBLIC,
            [f"{list_url}?organisation={org}&domain={domain}" for _pk, org, domain in sample[:5]],
        ),
        "detail": (PUBLIC, [reverse("disclosure:detail", kwargs={"pk": pk}) for pk in (deeper or [sample[0][0]])]),
        # The same pages with nothing stored: what the first reader after a change or a deploy pays (no goal).
        "detail_first_read": (
            None,
            [reverse("disclosure:detail", kwargs={"pk": pk}) for pk in (deeper or [sample[0][0]])],
        ),
        "search_2": (SEARCH, [f"{search_url}?q={term}" for term in words.SEARCH_TERMS_2[:4]]),
        "search_4": (SEARCH, [f"{search_url}?q={term}" for term in words.SEARCH_TERMS_4[:4]]),
        "catalog": (PUBLIC, [reverse("catalog:home")]),
        "interaction": (PUBLIC, [reverse("interaction:home")]),
        "participation": (PUBLIC, [reverse("participation:home")]),
        "api_documents": (PUBLIC, ["/api/v1/documents/"]),
        "column": (PUBLIC, [reverse("column:index")]),
        "column_policies": (PUBLIC, [reverse("column:policies")]),
        "column_home": (PUBLIC, [reverse("column:home", kwargs={"org_pk": org}) for _pk, org, _d in sample[:5]]),
        "column_statutory": (
            PUBLIC,
            [reverse("column:statutory", kwargs={"org_pk": org}) for _pk, org, _d in sample[:5]],
        ),
        "villages": (PUBLIC, [reverse("villages:index")]),
        "site_reports": (PUBLIC, [reverse("sitereport:index")]),
        "api_column_parts": (PUBLIC, ["/api/v1/column-parts/"]),
        "api_village_items": (PUBLIC, ["/api/v1/village-items/"]),
        "staff_documents": (STAFF, [reverse("disclosure:staff_home", kwargs={"org_pk": staff_org})]),
        "admin_documents": (STAFF, [reverse("admin:disclosure_document_changelist")]),
        "admin_documents_search": (STAFF, [reverse("admin:disclosure_document_changelist") + "?q=低保"]),
        "admin_requests": (STAFF, [reverse("admin:requests_app_informationrequest_changelist")]),
        "supervision": (STAFF, [reverse("supervision:dashboard")]),
    }


class Timer:
    """connection.execute_wrapper: time inside the database calls and their number."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def forget_stored_page(path):
    """Before a first-read request: delete what disclosure/rendering.py stored for the document at `path`."""
    from django.urls import resolve

    from disclosure.models import RenderedDocument

    RenderedDocument.objects.filter(document_id=resolve(path).kwargs["pk"]).delete()


# Work done before each timed request of a page, outside the timings.
BEFORE_EACH = {"detail_first_read": forget_stored_page}


def measure(client, paths, repeat, before=None):
    from django.db import connection

    for path in paths:
        response = client.get(path)  # warm this process (imports, templates, per-process caches)
        if response.status_code != 200:
            return {"status": response.status_code, "path": path}
    cpu, wall, db, queries = [], [], [], []
    for run in range(repeat):
        path = paths[run % len(paths)]
        if before:
            before(path)
        timer = Timer()
        with connection.execute_wrapper(timer):
            started_cpu, started = time.process_time(), time.perf_counter()
            response = client.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        db.append(timer.seconds * 1000)
        queries.append(timer.queries)
        if response.status_code != 200:
            return {"status": response.status_code, "path": path}
    return {
        "status": 200,
        "cpu_ms": round(statistics.median(cpu), 2),
        "db_ms": round(statistics.median(db), 2),
        "wall_ms": round(statistics.median(wall), 2),
        "queries": max(queries),
        "queries_min": min(queries),
        "path": paths[0],
    }


def table(results, healthz_cpu):
    lines = [
        "| page | CPU ms | DB ms | wall ms | queries | vs `/healthz` | goal | result |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, row in results.items():
        if row.get("status") != 200:
            lines.append(f"| {name} | — | — | — | — | — | {GOALS.get(row['kind'], '—')} | FAIL ({row['status']}) |")
            continue
        share = f"{healthz_cpu / row['cpu_ms'] * 100:.0f} %" if row["cpu_ms"] else "—"
        queries = (
            str(row["queries"]) if row["queries"] == row["queries_min"] else f"{row['queries_min']}–{row['queries']}"
        )
        verdict = "PASS" if row["pass"] else "FAIL"
        lines.append(
            f"| {name} | {row['cpu_ms']:.1f} | {row['db_ms']:.1f} | {row['wall_ms']:.1f} | {queries} | {share} "
            f"| {GOALS.get(row['kind'], '—')} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="requests per page after the warm-up (default 20)")
    parser.add_argument("--only", help="comma-separated page names (healthz is always measured)")
    parser.add_argument("--out", help="results directory (default bench/results/<UTC>-pages/)")
    args = parser.parse_args(argv)
    setup_django()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    admin, _created = get_user_model().objects.get_or_create(
        username="bench_admin", defaults={"is_staff": True, "is_superuser": True}
    )
    pages = pick_paths()
    wanted = {"healthz", *(args.only.split(",") if args.only else pages)}
    row = None
    if connection.vendor == "postgresql":  # the planner's estimate: counting 1M rows is what this bench avoids
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'disclosure_document'")
            row = cursor.fetchone()
    record = {
        "started_at": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        "code": code_version(),
        "documents_estimated": row[0] if row else None,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "repeat": args.repeat,
    }
    visitor = Client(HTTP_X_FORWARDED_PROTO="https")
    staff = Client(HTTP_X_FORWARDED_PROTO="https")
    staff.force_login(admin)
    results = {}
    for name, (kind, paths) in pages.items():
        if name not in wanted:
            continue
        client = staff if kind == STAFF else visitor
        results[name] = {"kind": kind, **measure(client, paths, args.repeat, BEFORE_EACH.get(name))}
        print(f"-- {name}: {json.dumps(results[name], ensure_ascii=False)}", flush=True)
    healthz_cpu = results["healthz"].get("cpu_ms") or 1.0
    for row in results.values():
        row["pass"] = row.get("status") == 200 and passes(row["kind"], row, healthz_cpu)
    record["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    record["results"] = results
    report = table(results, healthz_cpu)
    heading = (
        f"commit {record['code']['commit']}{' (with uncommitted changes)' if record['code']['changed_files'] else ''}, "
        f"about {record['documents_estimated'] or 0:,} document rows (pg_class estimate), page cache off, "
        f"{args.repeat} requests per page, load average {record['load_average_at_start'][0]} → "
        f"{record['load_average_at_end'][0]}"
    )
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / f"{record['started_at']}-pages"
    out.mkdir(parents=True, exist_ok=True)
    (out / "pages.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "pages.txt").write_text(heading + "\n\n" + report + "\n", encoding="utf-8")
    print()
    print(heading)
    print()
    print(report)
    print(f"\nresults in {out}/")
    return 0 if all(row["pass"] for row in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
