"""What each installed app contributes to the shared shell, read from its AppConfig; portal names no app.

Every installed app's config is read (Django's own apps simply declare nothing). An AppConfig may declare:

  public_nav                [(order, label, url_name)]       links in the site header, sorted by order
  workspace_links           [(label, url_name, permission)]  per-organisation links in the staff workspace;
                                                             url_name takes the organisation's pk as `org_pk`
  home_sections             [(order, "app/_home.html")]      sections included on the home page, by order
  workspace_sections        [(order, "app/_workspace.html")] sections included in the staff workspace, by order
  sitemaps                  {section: Sitemap class or "dotted.path.Sitemap"}
  robots_disallow           ["/path/", ...]                  paths robots.txt tells crawlers to stay out of
  demo_after                ("catalog", ...) or an int       `<app>.demo.seed(context, out)` runs after those
                                                             apps' demos (an int orders among equals; default 100)
  organisation_permissions  [(codename, label)]              new permissions on portal.Organisation
                                                             (rows created after migrate, no portal migration)
  roles                     [(value, label)]                 new membership roles
  role_permissions          {role: [codename, ...]}          which roles (portal's or the app's) get which codenames
  permission_kinds          {codename: (kind, ...)}          the organisation kinds where a role grants the codename
                                                             at all (the app's own or another's; default: every kind)
  site_map_links            [(label, url_name)]              more public pages for the site map (/sitemap/), listed
                                                             under the app's first public_nav label
  template_slots            {slot: [(order, "app/_x.html")]} fragments another app's page includes at a named
                                                             slot ({% slot_templates "disclosure.document_detail" %}),
                                                             so a page shows what depends on it without importing it
"""

import importlib

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

DEFAULT_DEMO_ORDER = 100


def _configs():
    return list(apps.get_app_configs())


def _declared(name: str):
    """(config, value) for every installed app declaring `name`."""
    for config in _configs():
        value = getattr(config, name, None)
        if value:
            yield config, value


def public_nav() -> list[dict]:
    entries = []
    for _config, links in _declared("public_nav"):
        for order, label, url_name in links:
            try:
                entries.append({"order": order, "label": label, "url": reverse(url_name), "url_name": url_name})
            except NoReverseMatch:  # an app whose pages are not wired into the URLconf contributes nothing
                continue
    return sorted(entries, key=lambda e: e["order"])


def _reversed(label, url_name):
    try:
        return {"label": label, "url": reverse(url_name)}
    except NoReverseMatch:  # not wired into the URLconf: nothing to link to
        return None


def site_map() -> list[dict]:
    """The human-readable site map: per app, its header links and `site_map_links`, in header order.

    [{"label": group heading, "links": [{"label", "url"}, ...]}]; an app's heading is its first public_nav
    label (its verbose_name when it has none), so a new app's pages appear without any change here.
    """
    groups = []
    for config in _configs():
        nav = sorted(getattr(config, "public_nav", None) or [], key=lambda entry: entry[0])
        declared = [(label, url_name) for _order, label, url_name in nav]
        declared += list(getattr(config, "site_map_links", None) or [])
        links = [link for link in (_reversed(label, url_name) for label, url_name in declared) if link]
        if links:
            order = nav[0][0] if nav else 1000
            groups.append({"order": order, "label": nav[0][1] if nav else config.verbose_name, "links": links})
    return sorted(groups, key=lambda group: group["order"])


def workspace_links() -> list[tuple[str, str, str]]:
    return [tuple(link) for _config, links in _declared("workspace_links") for link in links]


def home_templates() -> list[str]:
    sections = [(order, template) for _config, items in _declared("home_sections") for order, template in items]
    return [template for _order, template in sorted(sections, key=lambda s: s[0])]


def workspace_templates() -> list[str]:
    sections = [(order, template) for _config, items in _declared("workspace_sections") for order, template in items]
    return [template for _order, template in sorted(sections, key=lambda s: s[0])]


def sitemaps() -> dict:
    """{section: Sitemap class} of every app, for django.contrib.sitemaps' index and section views."""
    found = {}
    for _config, declared in _declared("sitemaps"):
        for section, sitemap in declared.items():
            found[section] = import_string(sitemap) if isinstance(sitemap, str) else sitemap
    return found


def slot_templates(slot: str) -> list[str]:
    items = [(order, name) for _config, slots in _declared("template_slots") for order, name in slots.get(slot, ())]
    return [name for _order, name in sorted(items, key=lambda i: i[0])]


def robots_disallow() -> list[str]:
    paths = []
    for _config, declared in _declared("robots_disallow"):
        paths.extend(p for p in declared if p not in paths)
    return paths


def demo_configs() -> list:
    """App configs in the order their demos run: after the apps named in `demo_after`, then by order, label.

    Portal's own demo (organisations, staff) comes first; a cycle or unknown name is a programming error.
    """
    configs = {c.label: c for c in _configs()}
    deps, order = {}, {}
    for label, config in configs.items():
        after = getattr(config, "demo_after", ())
        if isinstance(after, int):
            deps[label], order[label] = set(), after
        else:
            deps[label] = {a for a in after if a in configs}
            order[label] = DEFAULT_DEMO_ORDER
        if label != "portal" and "portal" in configs:
            deps[label].add("portal")
    result, done = [], set()
    while len(done) < len(configs):
        ready = sorted(
            (label for label in configs if label not in done and deps[label] <= done),
            key=lambda label: (order[label], label),
        )
        if not ready:
            raise RuntimeError(f"demo_after has a cycle among {sorted(set(configs) - done)}")
        done.add(ready[0])
        result.append(configs[ready[0]])
    return result


def demo_modules():
    """Each app's `demo` module (those that have one), in seeding order."""
    for config in demo_configs():
        name = f"{config.name}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        if hasattr(module, "seed"):
            yield module


def declared_permissions() -> list[tuple[str, str]]:
    return [tuple(p) for _config, perms in _declared("organisation_permissions") for p in perms]


def declared_roles() -> list[tuple[str, str]]:
    return [tuple(r) for _config, roles in _declared("roles") for r in roles]


def declared_role_permissions() -> list[tuple[str, frozenset[str]]]:
    return [
        (role, frozenset(codenames))
        for _config, grants in _declared("role_permissions")
        for role, codenames in grants.items()
    ]


def declared_permission_kinds() -> dict[str, frozenset[str]]:
    """{codename: the organisation kinds where roles grant it}; a codename two apps restrict gets the kinds both allow."""
    kinds: dict[str, frozenset[str]] = {}
    for _config, declared in _declared("permission_kinds"):
        for codename, allowed in declared.items():
            allowed = frozenset(str(k) for k in allowed)
            kinds[codename] = kinds[codename] & allowed if codename in kinds else allowed
    return kinds


def create_declared_permissions(using="default", **kwargs) -> None:
    """post_migrate: the auth Permission rows for app-declared codenames, on portal.Organisation's content type."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from portal.models import Organisation

    declared = declared_permissions()
    if not declared:
        return
    content_type = ContentType.objects.db_manager(using).get_for_model(Organisation)
    for codename, label in declared:
        Permission.objects.using(using).get_or_create(
            content_type=content_type, codename=codename, defaults={"name": str(label)[:255]}
        )
