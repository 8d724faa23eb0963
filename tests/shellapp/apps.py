"""A throwaway app, installed only under pytest: it plugs into the shell by declaring, never by editing."""

from django.apps import AppConfig


class ShellAppConfig(AppConfig):
    name = "tests.shellapp"
    label = "shellapp"
    verbose_name = "Shell test app"
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(90, "壳测试", "shellapp:index")]
    workspace_links = [("壳测试审核", "shellapp:staff", "shell_moderate")]
    home_sections = [(5, "shellapp/_home.html")]
    workspace_sections = [(5, "shellapp/_workspace.html")]
    supervision_indicators = "tests.shellapp.indicators"
    sitemaps = {"shell": "tests.shellapp.sitemaps.ShellSitemap"}
    robots_disallow = ["/shell/drafts/"]
    demo_after = ("disclosure",)
    organisation_permissions = [("shell_moderate", "可审核壳测试内容")]
    roles = [("shell_steward", "壳测试管理员")]
    role_permissions = {"shell_steward": ["shell_moderate", "draft_content"], "reviewer": ["shell_moderate"]}
