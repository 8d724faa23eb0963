"""Cached public pages follow publication at once: the gate holds even when a page comes from the cache."""

import pytest
from django.urls import reverse

from disclosure import services
from disclosure.models import Document
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="安平县民政局")


def publish(org, editor, reviewer, title):
    draft = services.save_draft(Document(organisation=org, title=title), by=editor)
    return services.publish(services.submit(draft, by=editor), by=reviewer)


def cached_get(client, url, **params):
    """Ask twice: the second answer is the stored page."""
    client.get(url, params)
    response = client.get(url, params)
    assert response["X-Public-Cache"] == "hit"
    return response.content.decode()


LIST = reverse("disclosure:list")


def test_a_published_document_appears_on_a_cached_list_at_once(client, org, editor, reviewer):
    publish(org, editor, reviewer, "关于调整城乡低保标准的通知")
    assert "城乡低保标准" in cached_get(client, LIST)
    publish(org, editor, reviewer, "关于做好冬季供暖工作的通知")
    assert "冬季供暖" in client.get(LIST).content.decode()


def test_a_withdrawn_document_leaves_every_cached_page_at_once(client, org, editor, reviewer):
    document = publish(org, editor, reviewer, "关于调整城乡低保标准的通知")
    pages = [
        (LIST, {}),
        (LIST, {"organisation": org.pk}),
        (document.get_absolute_url(), {}),
        (reverse("disclosure:print", args=[document.pk]), {}),
        (reverse("disclosure:org_rss", args=[org.pk]), {}),
        (reverse("portal:home"), {}),
    ]
    for url, params in pages:
        assert "城乡低保标准" in cached_get(client, url, **params), url
    services.withdraw(document, by=reviewer, reason="内容有误")
    for url, params in pages:
        response = client.get(url, params)
        assert "城乡低保标准" not in response.content.decode(), url
    assert client.get(document.get_absolute_url()).status_code == 404


def test_staff_never_get_the_anonymous_page(client, org, editor, reviewer):
    publish(org, editor, reviewer, "关于调整城乡低保标准的通知")
    cached_get(client, LIST)
    client.force_login(editor)
    response = client.get(LIST)
    assert "X-Public-Cache" not in response
    assert "工作台" in response.content.decode()


def test_a_renamed_organisation_shows_in_the_cached_filter_at_once(client, org):
    assert "安平县民政局" in cached_get(client, LIST)
    org.name = "安平县民政和退役军人事务局"
    org.save()
    assert "安平县民政和退役军人事务局" in client.get(LIST).content.decode()


def test_filter_choices_are_built_once_per_generation(client, org, django_assert_max_num_queries):
    from disclosure.filters import DocumentFilter

    client.get(LIST)
    with django_assert_max_num_queries(0):  # no Organisation or Domain rows are read again
        form = DocumentFilter({}, queryset=Document.objects.none()).form
        html = str(form["organisation"]) + str(form["domain"])
    assert "安平县民政局" in html
    org.name = "安平县民政和退役军人事务局"
    org.save()
    assert "安平县民政和退役军人事务局" in str(
        DocumentFilter({}, queryset=Document.objects.none()).form["organisation"]
    )
