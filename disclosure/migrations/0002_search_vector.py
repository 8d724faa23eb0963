"""PostgreSQL only: a generated tsvector column over the jieba tokens, with a GIN index.

The column is not part of the Django model state (SQLite has no tsvector), so `makemigrations`
stays clean on both databases; search queries reach it through `disclosure/search.py`. Being a
generated column, bulk loads only have to fill `search_tokens`.
"""

from django.db import migrations

CREATE = """
ALTER TABLE disclosure_document ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_tokens)) STORED;
CREATE INDEX doc_search_gin ON disclosure_document USING gin (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS doc_search_gin;
ALTER TABLE disclosure_document DROP COLUMN IF EXISTS search_vector;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
