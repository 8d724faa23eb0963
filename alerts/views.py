"""Public pages of the e-mail alerts: subscribe, then the pages the e-mails link to (confirm, unsubscribe).

The links carry the subscription's random token, which is the only authority needed, so the confirm and
unsubscribe POSTs are CSRF-exempt: a mail program's one-click unsubscribe (RFC 8058) posts without a
session. A GET never changes anything (mail scanners follow links); it shows the one button to press.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from alerts import services
from alerts.forms import SubscribeForm
from portal.intake import throttle

TOO_MANY = _("提交过于频繁，请一小时后再试。")
SCOPE = "alerts.subscribe"


def _limit():
    return settings.GONGKAI_ALERTS_SUBSCRIBE_PER_HOUR


def _initial(query) -> dict:
    """Pre-fill from the page the visitor came from (the list page's filters or a search)."""
    initial = {name: query[name] for name in ("organisation", "domain", "item") if query.get(name)}
    if query.get("q"):
        initial["query"] = query["q"][:100]
    return initial


def subscribe(request):
    form = SubscribeForm(request.POST or None, initial=_initial(request.GET))
    status = 200
    if request.method == "POST":
        if form.is_spam():
            return redirect("alerts:sent")  # say nothing useful to robots
        if not throttle.allow_submission(request, SCOPE, _limit):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            services.subscribe(form.cleaned_data["email"], form.target(), language=translation.get_language())
            throttle.record_submission(request, SCOPE)
            return redirect("alerts:sent")
        else:
            status = 400
    item = form["item"].value()
    return render(request, "alerts/subscribe.html", {"form": form, "has_item": bool(item)}, status=status)


def sent(request):
    return render(request, "alerts/sent.html", {"days": services.CONFIRM_DAYS})


@never_cache
@csrf_exempt
def confirm(request, token):
    if request.method == "POST":
        subscription = services.confirm(token)
        return render(
            request, "alerts/confirmed.html", {"subscription": subscription}, status=200 if subscription else 404
        )
    subscription = services.find(token)
    return render(request, "alerts/confirm.html", {"subscription": subscription}, status=200 if subscription else 404)


@never_cache
@csrf_exempt
def unsubscribe(request, token):
    if request.method == "POST":
        services.unsubscribe(token)
        return render(request, "alerts/unsubscribed.html")
    subscription = services.find(token)
    if subscription is None:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
