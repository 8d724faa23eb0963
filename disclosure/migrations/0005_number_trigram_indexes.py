"""PostgreSQL only: trigram indexes so that a search for part of a 文号 or 索引号 ("2024〕3") is an index scan.

`disclosure/search.py` looks numbers up with `icontains`, which Django writes as
`UPPER(col::text) LIKE UPPER(%s)`; the indexes are on exactly that expression. The tokens of the full-text
index changed at the same time (bigrams of the whole text): `manage.py reindex_documents` rebuilds them.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS doc_number_trgm ON disclosure_document
    USING gin ((UPPER(document_number::text)) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS doc_index_number_trgm ON disclosure_document
    USING gin ((UPPER(index_number::text)) gin_trgm_ops);
"""
DROP = """
DROP INDEX IF EXISTS doc_number_trgm;
DROP INDEX IF EXISTS doc_index_number_trgm;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0004_merge_20261202_0719")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
