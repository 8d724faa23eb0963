"""Back up and restore (scripts/backup, scripts/restore) on PostgreSQL: the seeded demo site is backed up,
restored into a fresh database and a fresh attachments directory, and the copy is checked row by row
(counts of every table) and file by file. Skips on SQLite or without pg_dump."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection, models

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres") or not shutil.which("pg_dump"),
        reason="backups are for PostgreSQL (set DATABASE_URL; .ci/run does)",
    ),
    pytest.mark.django_db(transaction=True),
]


def url(name):
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def private_root(tmp_path):
    """Every private-storage file field writes under one temporary directory for this test."""
    root = tmp_path / "private"
    storage = FileSystemStorage(location=str(root))
    rebound = []
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, models.FileField) and getattr(field, "_storage_callable", None):
                rebound.append((field, field.storage))
                field.storage = storage
    yield root
    for field, original in rebound:
        field.storage = original


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = url("postgres")
    subprocess.run(["dropdb", "--if-exists", "--maintenance-db", admin, name], check=True)
    subprocess.run(["createdb", "--maintenance-db", admin, name], check=True)
    yield name
    subprocess.run(["dropdb", "--if-exists", "--force", "--maintenance-db", admin, name], check=True)


def table_counts(database_url):
    script = (
        "SELECT string_agg(format('%s=%s', table_name, "
        "(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]"
        "), ',' ORDER BY table_name) FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    )
    out = subprocess.run(["psql", database_url, "-tAc", script], check=True, capture_output=True, text=True)
    return dict(pair.split("=") for pair in out.stdout.strip().split(","))


def digests(root: Path):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def test_a_seeded_site_backed_up_restores_into_a_fresh_database_with_every_row_and_file(
    private_root, fresh_database, tmp_path
):
    call_command("seed_demo", verbosity=0)
    connection.close()
    source_url = url(connection.settings_dict["NAME"])
    assert digests(private_root), "the demo has attachments"
    env = {**os.environ, "DATABASE_URL": source_url, "GONGKAI_PRIVATE_ROOT": str(private_root)}
    env.pop("GONGKAI_S3_BUCKET", None)
    backup = tmp_path / "backup"
    subprocess.run([str(ROOT / "scripts/backup"), str(backup)], env=env, check=True, capture_output=True)
    assert {p.name for p in backup.iterdir()} == {"database.dump", "private.tar.gz", "manifest.txt"}

    restored_root = tmp_path / "restored-private"
    env.update(DATABASE_URL=url(fresh_database), GONGKAI_PRIVATE_ROOT=str(restored_root))
    subprocess.run([str(ROOT / "scripts/restore"), str(backup)], env=env, check=True, capture_output=True)

    before, after = table_counts(source_url), table_counts(url(fresh_database))
    assert after == before
    assert int(before["disclosure_document"]) > 0 and int(before["requests_app_informationrequest"]) > 0
    assert digests(restored_root) == digests(private_root)
    # The restored database is the site's: migrations have nothing to do, the demo's rows read back.
    check = subprocess.run(
        [str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else "python", "manage.py",
         "migrate", "--check"], cwd=ROOT, env={**env, "DJANGO_DEBUG": "1"}, capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    # Restoring over a database that has tables is refused, never merged.
    again = subprocess.run([str(ROOT / "scripts/restore"), str(backup)], env=env, capture_output=True, text=True)
    assert again.returncode != 0 and "refusing to restore" in again.stderr
