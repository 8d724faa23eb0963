"""The bench run: database, data, gunicorn, wrk, a results table. Started by `bench/run` (see README.md).

Steps: create the PostgreSQL database if missing, migrate, load the synthetic county (bench/load.py),
collect static files, pick the request paths (bench/targets.py), start gunicorn with debug off, then
for each page run wrk (16 connections over loopback, rotating paths with bench/rotate.lua) after a short
warm-up, and print req/s, p50, p95, the ratio to /healthz and PASS/FAIL against the issue's targets.
Results go to bench/results/<timestamp>/ (git-ignored).
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

# (name, what it is, minimum share of /healthz throughput) — the targets of issue #4.
PAGES = [
    ("healthz", "/healthz (one database round-trip)", None),
    ("list", "the document list's plain address (a stored page)", 0.50),
    ("menu", "the menu's other plain pages: catalog, column, 政民互动, 公众参与, villages (stored pages)", 0.50),
    ("column_org", "organisations' column pages (stored pages, 4 per organisation)", 0.50),
    ("list_filtered", "filtered list (organisation tree / domain / type / year)", 0.50),
    ("list_deep", "deep list page (far into the public list)", 0.50),
    ("detail", "document detail page", 0.50),
    ("search_2", "search, 2-character words (低保, 社保, …)", 0.25),
    ("search_4", "search, 4-character words (安全生产, 乡村振兴, …)", 0.25),
]
P95_LIMIT_MS = 100.0


def bench_environment(database_url: str) -> dict:
    """Production-like settings: debug off, a fixed key, loopback host, plain http allowed."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-6b1f0d9c2e7a4f3b8c5d1e0a9f8e7d6c",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # The requests also carry X-Forwarded-Proto: https, which the settings honour; this is belt and braces.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONUNBUFFERED": "1",
    }


def run(command, env, **kwargs):
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def ensure_database(database_url: str):
    """Create the bench database on first use (the server's `postgres` database is the way in)."""
    name = database_url.rsplit("/", 1)[-1]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    query = f"SELECT 1 FROM pg_database WHERE datname = '{name}'"
    found = subprocess.run(["psql", server, "-Atc", query], capture_output=True, text=True, check=True).stdout
    if not found.strip():
        subprocess.run(["psql", server, "-qc", f'CREATE DATABASE "{name}"'], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout=30):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — loopback only
        return response.status, response.read().decode("utf-8", "replace")


def start_gunicorn(env, port: int, workers: int, log_file: Path):
    command = [
        GUNICORN,
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        "2",
        "--keep-alive",
        "5",
        "--backlog",
        "256",
        "--error-logfile",
        str(log_file),
        "--log-level",
        "warning",
    ]
    print("$", " ".join(command), flush=True)
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _body = get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            if status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {log_file}")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wrk(url: str, paths_file: Path, duration: str, connections: int, threads: int) -> dict:
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}",
        "--timeout=10s",
        "--script",
        str(BENCH / "rotate.lua"),
        url,
        "--",
        str(paths_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def check_paths(base: str, name: str, paths: list[str]):
    """Every page must answer 200 before it is measured (a fast 404 would flatter the numbers)."""
    for path in paths[:3] + paths[-2:]:
        status, body = get(base + path)
        if status != 200:
            raise RuntimeError(f"{name}: {path} answered {status}")
        if name.startswith("search") and "<mark>" not in body:
            raise RuntimeError(f"{name}: {path} found nothing to highlight; the data set does not match the query")


def table(results: dict) -> str:
    base = results["healthz"]["rps"]
    lines = [
        f"{'page':<15}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'vs healthz':>12}{'target':>9}  result",
        "-" * 80,
    ]
    for name, _label, minimum in PAGES:
        if name not in results:
            continue
        row = results[name]
        ratio = row["rps"] / base if base else 0.0
        failures = []
        if minimum is not None and ratio < minimum:
            failures.append("throughput")
        if row["p95_ms"] >= P95_LIMIT_MS:
            failures.append("p95")
        if row["non_2xx"] or row["socket_errors"]:
            failures.append(f"{row['non_2xx']} non-2xx/{row['socket_errors']} errors")
        row["ratio"] = round(ratio, 3)
        row["pass"] = not failures
        target = f"≥{minimum:.0%}" if minimum is not None else "—"
        verdict = "PASS" if not failures else "FAIL (" + ", ".join(failures) + ")"
        lines.append(
            f"{name:<15}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{ratio:>11.0%}{target:>10}  {verdict}"
        )
    lines.append(f"targets: list & detail ≥ 50 % of /healthz req/s, search ≥ 25 %, every p95 < {P95_LIMIT_MS:.0f} ms")
    return "\n".join(lines)


def machine() -> dict:
    load1, load5, load15 = os.getloadavg()
    memory = ""
    if Path("/proc/meminfo").exists():
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":")[1].strip()
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        cpu = next(
            (
                line.split(":")[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "load_average_at_start": [round(load1, 2), round(load5, 2), round(load15, 2)],
    }


def code_version() -> dict:
    """Which code was measured: the commit, and whether the working tree had changes (experiments)."""

    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "changed_files": git("status", "--porcelain", "--untracked-files=no")}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1_000_000, help="public documents (default 1,000,000)")
    parser.add_argument("--reset", action="store_true", help="reload the data even if the database holds some")
    parser.add_argument(
        "--villages-per-township", type=int, default=10, help="organisations: 10 gives 349 (default), 105 gives 3,009"
    )
    parser.add_argument("--skip-load", action="store_true", help="use the data already in the database")
    parser.add_argument("--duration", default="20s", help="wrk duration per page (default 20s)")
    parser.add_argument("--warmup", default="3s", help="wrk warm-up per page, not measured (default 3s)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2, help="gunicorn processes")
    parser.add_argument("--only", help="comma-separated page names to measure (healthz is always measured)")
    parser.add_argument(
        "--pages", action="store_true", help="then run bench/pages.py (in-process CPU per page, cache off) too"
    )
    parser.add_argument(
        "--keep-stored",
        action="store_true",
        help="keep the pages, shells and rows stored by the run before (hot) instead of starting cold",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gk_bench"),
    )
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        parser.error("wrk is missing: apt-get install wrk")

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = BENCH / "results" / stamp
    out.mkdir(parents=True, exist_ok=True)
    env = bench_environment(args.database_url)
    record = {"started_at": stamp, "machine": machine(), "code": code_version(), "arguments": vars(args)}

    ensure_database(args.database_url)
    run([PYTHON, "manage.py", "migrate", "--no-input", "--verbosity", "0"], env)
    if not args.skip_load:
        load_command = [PYTHON, "bench/load.py", "--documents", str(args.documents)]
        load_command += ["--villages-per-township", str(args.villages_per_township)]
        loaded = run(load_command + (["--reset"] if args.reset else []), env, capture_output=True, text=True)
        sys.stdout.write(loaded.stdout)
        record["load"] = json.loads(loaded.stdout.strip().splitlines()[-1])
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env)
    picked = run([PYTHON, "bench/targets.py"], env, capture_output=True, text=True)
    targets = json.loads(picked.stdout)
    record["data"] = targets.pop("_data", {})

    # The public page cache (portal/caching.py) is configured from the environment, passed through to gunicorn:
    # DJANGO_CACHE_URL=redis://... shares it between workers, GONGKAI_PUBLIC_PAGE_CACHE_SECONDS=0 turns it off.
    # Pages stored by an earlier run are dropped first, so every run starts cold (unless --keep-stored: hot).
    record["page_cache"] = {
        "cache": env.get("DJANGO_CACHE_URL") or "per-process memory",
        "seconds": env.get("GONGKAI_PUBLIC_PAGE_CACHE_SECONDS", "default"),
    }
    drop_pages = "from portal.caching import bump_public_generation; bump_public_generation()"
    if not args.keep_stored:
        run([PYTHON, "manage.py", "shell", "--no-imports", "-c", drop_pages], env)
    record["stored_pages"] = "kept from the run before (hot)" if args.keep_stored else "dropped first (cold)"

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, args.workers, out / "gunicorn.log")
    results = {}
    try:
        wanted = {"healthz", *(args.only.split(",") if args.only else [name for name, _l, _m in PAGES])}
        for name, label, _minimum in PAGES:
            if name not in wanted:
                continue
            paths_file = out / f"{name}.paths"
            paths_file.write_text("\n".join(targets[name]) + "\n", encoding="utf-8")
            check_paths(base, name, targets[name])
            print(f"-- {name}: {label}; {len(targets[name])} paths, e.g. {targets[name][0]}", flush=True)
            wrk(base, paths_file, args.warmup, args.connections, 2)
            results[name] = wrk(base, paths_file, args.duration, args.connections, 2)
            print(f"   {json.dumps(results[name])}", flush=True)
    finally:
        stop(server)
    report = table(results)
    record["results"] = results
    record["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    (out / "results.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "table.txt").write_text(report + "\n", encoding="utf-8")
    print()
    print(report)
    passed = all(row.get("pass") for row in results.values())
    if args.pages:
        print("\n-- bench/pages.py: in-process CPU per page, page cache off", flush=True)
        pages = subprocess.run([PYTHON, "bench/pages.py", "--out", str(out)], cwd=ROOT, env=env)
        passed = passed and pages.returncode == 0
    print(f"\nresults in {out.relative_to(ROOT)}/")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
