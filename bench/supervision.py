"""Time the supervising office's pages over the bench county (349 organisations, N documents).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/supervision.py [--repeat 5]

Run after `bench/load.py` (or `bench/run`) has filled the database. The pages are staff-only, so instead of
wrk they are requested through Django's test client as a supervisor (`bench_duban`, created with an
evaluation scheme of this year if missing): each page once to warm the caches, then `--repeat` times.
Prints the median and worst time (whole page and database) and the number of queries, which must not depend on the data size:
every indicator is an aggregate GROUP BY organisation (supervision/metrics.py). Exit status 1 when a page
fails or runs more than --max-queries queries.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-queries", type=int, default=40)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-supervision-only-key-0123456789abcdef0123456789abcdef")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse
    from django.utils import timezone

    from disclosure.models import Document
    from portal.roles import all_permissions
    from supervision.demo import SCHEME
    from supervision.models import EvaluationScheme, SchemeIndicator

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # Pages are timed, not static files: no collectstatic manifest needed.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    user, _created = get_user_model().objects.get_or_create(username="bench_duban", defaults={"is_staff": True})
    group, _created = Group.objects.get_or_create(name="督导办公室")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="portal", codename__in=all_permissions()))
    user.groups.add(group)
    year = timezone.localdate().year
    scheme, _created = EvaluationScheme.objects.get_or_create(year=year, defaults={"title": f"{year}年度考核（bench）"})
    for order, (code, points, rule, zero_at, full_at, steps) in enumerate(SCHEME):
        SchemeIndicator.objects.get_or_create(
            scheme=scheme, code=code,
            defaults={"weight": points, "rule": rule, "zero_at": zero_at, "full_at": full_at, "steps": steps,
                      "sort_order": order},
        )  # fmt: skip
    busiest = (
        Document.objects.public().values("organisation").annotate(n=Count("pk")).order_by("-n").first() or {}
    ).get("organisation")
    documents = Document.objects.public().count()
    paths = {
        "dashboard": reverse("supervision:dashboard"),
        "dashboard_last_year": reverse("supervision:dashboard") + f"?year={year - 1}&sort=art26_rate",
        "scores": reverse("supervision:scores", kwargs={"pk": scheme.pk}),
        "scores_xlsx": reverse("supervision:scores_xlsx", kwargs={"pk": scheme.pk}),
        "trainings": reverse("supervision:trainings"),
    }
    if busiest:
        paths["organisation"] = reverse("supervision:organisation", kwargs={"org_pk": busiest}) + f"?year={year - 1}"
        paths["drilldown_stale"] = reverse("supervision:drilldown", kwargs={"org_pk": busiest, "code": "stale_columns"})
        paths["public_statistics"] = reverse("supervision:statistics", kwargs={"org_pk": busiest})

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    print(f"{documents} public documents; {args.repeat} runs per page; commit {commit.strip() or '?'}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    print(f"{'page':22} {'status':>6} {'queries':>7} {'p50 ms':>9} {'max ms':>9} {'db p50':>9} {'db max':>9}")
    failed = False
    for name, path in paths.items():
        client.get(path)
        times, db_times, status, queries = [], [], None, 0
        for _run in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            db_times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
            status, queries = response.status_code, len(captured.captured_queries)
        failed |= status != 200 or queries > args.max_queries
        print(f"{name:22} {status:>6} {queries:>7} {statistics.median(times):>9.1f} {max(times):>9.1f} "
              f"{statistics.median(db_times):>9.1f} {max(db_times):>9.1f}")  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
