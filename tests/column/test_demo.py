"""The seeded demo: 安平县民政局's column has every part filled; other organisations show each state."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from column.models import Guide, Part, PartStatus, PartVersion, Rules
from portal.models import Organisation
from tests.disclosure.test_crawl import crawl

pytestmark = pytest.mark.django_db


def test_civil_affairs_column_is_complete_and_every_linked_page_answers(client):
    call_command("seed_demo", stdout=io.StringIO())
    civil = Organisation.objects.get(name="安平县民政局")
    versions = PartVersion.objects.public().filter(organisation=civil)
    assert {v.part for v in versions} == set(Part)
    assert versions.filter(part=Part.RULES).count() == 2  # an earlier version to look at
    assert Rules.objects.filter(status=PartStatus.SUBMITTED).exists()
    assert Guide.objects.filter(status=PartStatus.DRAFT).exists()
    count = PartVersion.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert PartVersion.objects.count() == count

    pages = {
        name: client.get(reverse(f"column:{name}", args=[civil.pk])).content.decode()
        for name in ("home", "guide", "rules", "statutory", "annual_reports", "profile")
    }
    assert "0318-7521002" in pages["guide"]  # the fax
    assert "尚未发布" not in pages["home"]
    assert "张国强" in pages["profile"] and "工作分工" in pages["profile"]
    assert "政府信息公开工作年度报告" in pages["annual_reports"] and "尚未发布" not in pages["annual_reports"]
    assert "本类暂无公开文件" in pages["statutory"]  # not every heading has documents …
    assert "社会救助" in pages["statutory"] and "docs-" not in pages["statutory"]
    policies = client.get(reverse("column:policies"), {"organisation": civil.pk})
    assert policies.context["page"].object_list
    assert any(d.interpretations.all() for d in policies.context["page"].object_list)  # 政策解读 linked

    # Every page the column links to answers (a crawl from the index, the library and the column).
    start = [reverse("column:index"), reverse("column:policies"), reverse("column:home", args=[civil.pk])]
    bodies = crawl(client, start)
    assert reverse("column:guide", args=[civil.pk]) in bodies
