from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政府信息主动公开")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(30, _("法定主动公开内容"), "disclosure:list")]
    workspace_links = [(_("文件起草与发布"), "disclosure:staff_home", "draft_content")]
