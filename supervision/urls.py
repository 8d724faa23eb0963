"""Office pages under /staff/supervision/ (every one through access.supervisor_required, here, once);
the organisations' side under /staff/org/<org_pk>/supervision/; public pages under /supervision/."""

from django.urls import path

from supervision import org_views, public_views, views
from supervision.access import supervisor_required

app_name = "supervision"

OFFICE = "staff/supervision/"
ORG = "staff/org/<int:org_pk>/supervision/"


def office(route, view, name, **kwargs):
    return path(OFFICE + route, supervisor_required(view), kwargs, name=name)


urlpatterns = [
    office("", views.dashboard, "dashboard"),
    office("org/<int:org_pk>/", views.organisation, "organisation"),
    office("org/<int:org_pk>/indicator/<slug:code>/", views.drilldown, "drilldown"),
    office("schemes/", views.schemes, "schemes"),
    office("schemes/<int:pk>/", views.scheme, "scheme"),
    office("schemes/<int:pk>/scores/", views.scores, "scores"),
    office("schemes/<int:pk>/scores.xlsx", views.scores_xlsx, "scores_xlsx"),
    office("orders/", views.orders, "orders"),
    office("orders/new/", views.order_new, "order_new"),
    office("orders/<int:pk>/close/", views.order_close, "order_close"),
    office("notices/", views.notices, "notices"),
    office("notices/<int:pk>/publish/", views.notice_publish, "notice_publish"),
    office("demonstrations/", views.demonstrations, "demonstrations"),
    office("trainings/", views.trainings, "trainings"),
    office("trainings/<int:pk>/", views.training, "training"),
    office("designations/", views.designations, "designations"),
    *(
        office(f"{kind}s/<int:pk>/{step}/", view, f"{kind}_{step}", kind=kind)
        for kind in views.RECORDS
        for step, view in (("edit", views.record_edit), ("delete", views.record_delete))
    ),
    path(ORG + "orders/", org_views.orders, name="org_orders"),
    path(ORG + "orders/<int:pk>/", org_views.order_answer, name="org_order"),
    path(ORG + "designation/", org_views.designation, name="designation"),
    path(ORG + "self-check/", org_views.self_check, name="self_check"),
    path("supervision/", public_views.home, name="public_home"),
    path("supervision/statistics/<int:org_pk>/", public_views.statistics, name="statistics"),
    path("supervision/demonstrations/", public_views.demonstrations, name="public_demonstrations"),
    path("supervision/notices/", public_views.notices, name="public_notices"),
]
