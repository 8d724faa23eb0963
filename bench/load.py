"""Fill the bench database: `.venv/bin/python bench/load.py --documents 1000000 [--reset]`.

Uses the settings of the environment (DATABASE_URL must point at PostgreSQL; bench/run sets it to
gk_bench). Idempotent: a database that already holds the requested number of public documents is left
alone; any other content needs --reset, which empties the document tables (never organisations'
other data). Writes a JSON summary to stdout's last line for bench/run.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--documents", type=int, default=1_000_000, help="public documents to create (default 1,000,000)"
    )
    parser.add_argument("--reset", action="store_true", help="empty the document tables first")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="generator processes")
    parser.add_argument(
        "--villages-per-township",
        type=int,
        default=10,
        help="villages or communities under each of the 28 townships (default 10: 349 organisations; 105: 3,009)",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.synthetic import load

    name = connection.settings_dict["NAME"]
    if args.reset and not (name.startswith("gk_bench") or name.startswith("test_")):
        parser.error(f"refusing to --reset database {name!r}: only gk_bench* databases are emptied")
    summary = load(
        args.documents, reset=args.reset, workers=args.workers, villages_per_township=args.villages_per_township
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
