"""Show the queries one page runs, slowest first, with PostgreSQL's EXPLAIN (ANALYZE, BUFFERS).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/explain.py \
        '/documents/?organisation=5' '/search/?q=低保' [--top 2]

The page is requested through Django's test client (debug off, as served), once to warm the caches
and once measured; every captured SELECT is then explained. Use it to find what a slow bench page does.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=2, help="explain this many slowest queries per page")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-explain-only-key-0123456789abcdef0123456789abcdef")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for path in args.paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        queries = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)
        database = sum(float(q["time"]) for q in queries) * 1000
        print(
            f"== {path}: {response.status_code}, {elapsed:.1f} ms, {len(queries)} queries, {database:.1f} ms in the database"
        )
        for query in queries[: args.top]:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            print(f"-- {float(query['time']) * 1000:.1f} ms: {query['sql']}")
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))
            print()


if __name__ == "__main__":
    main()
