from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    """村务、居务公开: township and street offices publish for their villages and communities."""

    name = "villages"
    verbose_name = _("村务居务公开")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(48, _("村务公开"), "villages:index")]
    workspace_links = [(_("村务、居务公开"), "villages:staff_home", "draft_village_affairs")]
    sitemaps = {"villages": "villages.sitemaps.VillageSitemap", "village-items": "villages.sitemaps.VillageItemSitemap"}
    demo_after = ("disclosure", "catalog")
    # The catalog's pages show the villages and the matters that fulfil an item, without importing villages.
    template_slots = {
        "catalog.organisation": [(10, "villages/_catalog_villages.html")],
        "disclosure.catalog_item": [(10, "villages/_catalog_item_villages.html")],
    }
    organisation_permissions = [("draft_village_affairs", _("可为本乡镇（街道）所辖村（社区）起草村务、居务公开事项"))]
    roles = [("village_affairs_clerk", _("村务公开联络员"))]
    role_permissions = {
        "village_affairs_clerk": ["draft_village_affairs"],
        "editor": ["draft_village_affairs"],
        "reviewer": ["draft_village_affairs"],
    }
    # Village affairs belong to township and street offices (their villages and communities are their children):
    # an editor of a department holds no village workspace.
    permission_kinds = {"draft_village_affairs": ("township", "street")}  # models.VILLAGE_PARENT_KINDS

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_delete, post_save

        from portal.caching import bump_public_generation
        from villages import models

        auditlog.register(models.VillageItem)
        auditlog.register(models.VillageContact, mask_fields=["phone"])
        for model in (models.VillageItem, models.BenefitRecipient, models.VillageContact):
            for signal in (post_save, post_delete):
                signal.connect(bump_public_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
