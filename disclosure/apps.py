from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政府信息主动公开")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(30, _("法定主动公开内容"), "disclosure:list"), (35, _("全文检索"), "disclosure:search")]
    workspace_links = [
        (_("文件起草与发布"), "disclosure:staff_home", "draft_content"),
        (_("文件审核队列"), "disclosure:staff_review", "review_content"),
        (_("不公开信息到期复核"), "disclosure:staff_reassessment", "review_content"),
        (_("文件清理"), "disclosure:staff_cleanup", "review_content"),
    ]
    home_sections = [(30, "disclosure/_home.html")]
    sitemaps = {"documents": "disclosure.sitemaps.DocumentSitemap"}
    demo_after = ("catalog",)

    def warm_up(self):
        """Called by portal/wsgi.py as a worker starts: load jieba's dictionary before the first search, and hash
        the stored pages' build id from the code this process loaded (in gunicorn's master, with preload)."""
        from disclosure import rendering
        from disclosure.search import load_dictionary

        load_dictionary()
        rendering.build_id()

    def ready(self):
        from auditlog.registry import auditlog

        from disclosure.models import Attachment, CleanupBatch, Document

        auditlog.register(Document, exclude_fields=["search_tokens", "body_html", "updated_at"])
        auditlog.register(Attachment)
        auditlog.register(CleanupBatch)

        # Whatever citizens see may have changed: drop the cached public pages (portal/caching.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from disclosure.models import CleanupEntry
        from portal.caching import bump_public_generation

        for model in (Document, Attachment, CleanupBatch, CleanupEntry):
            for signal in (post_save, post_delete):
                signal.connect(bump_public_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
        m2m_changed.connect(
            bump_public_generation, sender=Document.catalog_items.through, dispatch_uid="public-pages-document-items"
        )

        # The stored document parts follow what they show (disclosure/rendering.py).
        from disclosure import rendering

        rendering.connect_signals()
