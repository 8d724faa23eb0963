"""The bench loader on a few dozen rows: it writes what the public site shows, and nothing it must not."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from bench.synthetic import load, rows_for_public, search_tokens
from disclosure.models import Document

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the loader uses PostgreSQL COPY"),
]

INDEX_NUMBER = re.compile(r"^[0-9A-Z]{18}/20\d\d-\d{5}$")


@pytest.fixture
def loaded():
    return load(40, workers=1, vacuum=False, villages_per_township=1)


@pytest.mark.parametrize(("public", "rows"), [(1, 1), (7, 7), (19, 20), (40, 42), (1_000_000, 1_052_632)])
def test_rows_for_public_leaves_exactly_the_public_count(public, rows):
    assert rows_for_public(public) == rows


def test_loader_fills_public_and_hidden_documents(loaded):
    assert loaded["documents"] == 40
    public = Document.objects.public()
    assert public.count() == 40
    assert Document.objects.exclude(pk__in=public.values("pk")).exists()
    numbers = list(public.values_list("index_number", flat=True))
    assert all(INDEX_NUMBER.match(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert not public.filter(search_tokens="").exists()
    # Loading the same size again changes nothing.
    before = Document.objects.count()
    assert load(40, workers=1, vacuum=False)["skipped"]
    assert Document.objects.count() == before


def test_public_list_shows_loaded_documents_only(loaded, client):
    newest = Document.objects.public().order_by("-published_on", "-pk").first()
    hidden = Document.objects.exclude(pk__in=Document.objects.public().values("pk")).first()
    page = client.get(reverse("disclosure:list")).content.decode()
    assert newest.title in page
    assert hidden.title not in page
    assert client.get(newest.get_absolute_url()).status_code == 200


def test_sentence_by_sentence_tokens_match_the_app():
    from disclosure.search import document_tokens

    sentences = ["为深入贯彻落实关于低保工作的决策部署，制定本方案。", "联系电话：0537-6500012，地址：县民政局。"]
    title, number = "县民政局关于调整2026年低保标准的通知", "清民发〔2026〕12号"
    ours = set(search_tokens(title, number, sentences).split())
    assert ours == set(document_tokens(title, number, "".join(sentences)).split())


def test_every_benched_page_answers_on_a_small_county(loaded, client, admin_client):
    """bench/pages.py requests these paths at a million documents; on the loader's small county each answers 200,
    so a renamed URL or a page that needs data the loader does not make fails here, not in a bench run."""
    from bench.pages import STAFF, pick_paths

    for name, (kind, paths) in pick_paths().items():
        visitor = admin_client if kind == STAFF else client
        response = visitor.get(paths[0], secure=True)
        assert response.status_code == 200, (name, paths[0], response.status_code)
