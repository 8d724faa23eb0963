"""The site's identity (主办单位, 网站标识码, 备案号 …) as every page's footer and <meta> labels read it.

Settings of the deployment (`settings.GONGKAI_SITE_IDENTITY`, from the environment), all empty by default:
every page shows them, so they cost no query and hold when the database or the cache is down. A county
changes them in its environment file and restarts the service.
"""

from dataclasses import dataclass, fields
from urllib.parse import quote

from django.conf import settings

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="


@dataclass(frozen=True)
class Identity:
    sponsor: str = ""  # 主办单位
    operator: str = ""  # 承办单位
    contact: str = ""  # 联系方式
    site_domain: str = ""  # SiteDomain label; empty: the request's host
    site_id_code: str = ""  # 网站标识码
    icp_number: str = ""  # ICP备案号
    police_number: str = ""  # 公安机关备案号 (皖公网安备 34012302000123号)
    badge_url: str = ""  # 党政机关网站标识's verification page

    @property
    def police_url(self) -> str:
        """The police filing site's page for this number: its digits are the `recordcode`."""
        digits = "".join(ch for ch in self.police_number if ch.isascii() and ch.isdigit())
        return POLICE_URL + quote(digits) if digits else ""

    @property
    def icp_url(self) -> str:
        return ICP_URL

    @property
    def is_set(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "site_domain")


def current() -> Identity:
    """The identity as the pages show it (an empty one until the county sets it)."""
    configured = getattr(settings, "GONGKAI_SITE_IDENTITY", {}) or {}
    known = {f.name for f in fields(Identity)}
    return Identity(**{k: str(v).strip() for k, v in configured.items() if k in known and v})
