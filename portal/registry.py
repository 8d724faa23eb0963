"""What each feature app contributes to the shared shell, without portal importing the apps.

A feature app's AppConfig may declare:
  public_nav        [(order, label, url_name)]        links in the site header
  workspace_links   [(label, url_name, permission)]   per-organisation links in the staff workspace;
                                                      url_name takes the organisation's pk as `org_pk`
  home_template     "app/_home.html"                 a section included on the home page
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse


def _feature_apps():
    return [
        config
        for config in apps.get_app_configs()
        if config.name in {"catalog", "disclosure", "requests_app", "portal"}
    ]


def public_nav() -> list[dict]:
    entries = []
    for config in _feature_apps():
        for order, label, url_name in getattr(config, "public_nav", ()):
            try:
                entries.append({"order": order, "label": label, "url": reverse(url_name), "url_name": url_name})
            except NoReverseMatch:  # an app that has not wired that page yet contributes nothing
                continue
    return sorted(entries, key=lambda e: e["order"])


def workspace_links() -> list[tuple[str, str, str]]:
    return [link for config in _feature_apps() for link in getattr(config, "workspace_links", ())]


def home_templates() -> list[str]:
    return [config.home_template for config in _feature_apps() if getattr(config, "home_template", None)]
