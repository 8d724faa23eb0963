"""The throwaway app's demo step: one widget for the first demo organisation (idempotent)."""

from tests.shellapp.models import Widget


def seed(context, out):
    organisation = next(iter(context["organisations"].values()))
    Widget.objects.get_or_create(organisation=organisation, title="演示部件")
    context["shellapp_seeded"] = True
