"""Demo terminals for `manage.py seed_demo`: one active in the county's service hall (安平县民政局's desk),
one switched off. Idempotent: keyed by organisation + name."""

from servicehall import services
from servicehall.models import Terminal

TERMINALS = [
    ("政务服务中心1号查询机", "安平县政务服务中心一楼政务公开专区", True),
    ("社会救助大厅查询机", "安平县民政局一楼社会救助服务大厅", False),
]


def seed(context: dict, out) -> None:
    civil = context["organisations"]["civil-affairs"]
    admin = context["users"]["mz_admin"]
    made = 0
    for name, location, active in TERMINALS:
        if Terminal.objects.filter(organisation=civil, name=name).exists():
            continue
        terminal = services.register_terminal(civil, name=name, location=location, by=admin)
        if not active:
            services.set_active(terminal, False, by=admin)
        made += 1
    out.write(f"servicehall: {made} terminals")
