"""Pick the request paths the bench rotates through, from the data actually in the database.

Prints JSON {page name: [paths], "_data": facts about the data set}. Run by bench/run with the bench
environment; paths are built with reverse() so they follow the app's URL map.
"""

import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PATHS_PER_PAGE = 200


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse

    from bench import vocabulary as words
    from catalog.models import Domain
    from disclosure.models import Document, DocumentType
    from portal.models import Organisation, OrganisationKind

    rng = random.Random(4)
    public = Document.objects.public()
    total = public.count()
    list_url = reverse("disclosure:list")
    search_url = reverse("disclosure:search")

    def listing(**params):
        return f"{list_url}?{urlencode(params)}" if params else list_url

    # Filters a visitor uses: an office (its whole tree), an office and a domain, a domain and a year,
    # a document type across the county. Only combinations with at least a page of results are kept.
    busy = list(public.values("organisation", "domain").annotate(n=Count("pk")).filter(n__gte=40).order_by("-n")[:60])
    domains = {d.pk: d for d in Domain.objects.all()}
    years = sorted({d.year for d in public.dates("published_on", "year")})
    county = Organisation.objects.filter(kind=OrganisationKind.COUNTY).order_by("pk").first()
    townships = list(Organisation.objects.filter(kind=OrganisationKind.TOWNSHIP).order_by("pk")[:10])
    filtered = []
    for row in busy:
        filtered.append(listing(organisation=row["organisation"]))
        filtered.append(listing(organisation=row["organisation"], domain=domains[row["domain"]].code))
        filtered.append(listing(domain=domains[row["domain"]].code, year=rng.choice(years)))
    for township in townships:
        filtered.append(listing(organisation=township.pk))
    for doc_type in (DocumentType.POLICY, DocumentType.NORMATIVE, DocumentType.PLAN):
        filtered.append(listing(organisation=county.pk, doc_type=doc_type))
    rng.shuffle(filtered)

    # Deep pages: the list pages by keyset ("?after=<date>.<pk>", disclosure/pagination.py), so a deep
    # page is one continuing after a document between a quarter and three quarters down the list.
    newest = public.order_by("-published_on", "-pk").values_list("published_on", flat=True)
    upper, lower = newest[total // 4], newest[max(3 * total // 4 - 1, 0)]
    middle = public.filter(published_on__range=(lower, upper)).order_by("?").values("published_on", "pk")
    deep = [listing(after=f"{row['published_on'].isoformat()}.{row['pk']}") for row in middle[:PATHS_PER_PAGE]]

    ids = list(public.order_by("?").values_list("pk", flat=True)[:PATHS_PER_PAGE])
    detail = [reverse("disclosure:detail", kwargs={"pk": pk}) for pk in ids]

    menu = [reverse(name) for name in ("catalog:home", "column:index", "column:policies", "interaction:home",
                                       "participation:consultations", "villages:index", "sitereport:index")]  # fmt: skip
    column_org = [
        reverse(f"column:{part}", kwargs={"org_pk": pk})
        for pk in public.order_by("?").values_list("organisation", flat=True)[:50]
        for part in ("home", "guide", "statutory", "profile")
    ]

    def searches(terms):
        return [f"{search_url}?{urlencode({'q': term})}" for term in terms]

    print(
        json.dumps(
            {
                "healthz": ["/healthz"],
                "list": [list_url],
                "menu": menu,
                "column_org": column_org,
                "list_filtered": filtered,
                "list_deep": deep,
                "detail": detail,
                "search_2": searches(words.SEARCH_TERMS_2),
                "search_4": searches(words.SEARCH_TERMS_4),
                "_data": {
                    "public_documents": total,
                    "all_documents": Document.objects.count(),
                    "organisations": Organisation.objects.count(),
                    "deep_cursor_positions": "rows 25 %–75 % of the public list, newest first",
                },
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
