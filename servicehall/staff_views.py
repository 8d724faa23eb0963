"""Staff screens under /staff/org/<id>/servicehall/: register the organisation's terminals and activate them.

Activating happens on the terminal itself: a staff member logs in there, opens the terminal's page and presses
"在本机启用"; the browser gets the signed terminal cookie and the staff session ends, so the kiosk holds no
staff login.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import Refusal
from portal.permissions import organisation_permission_required
from servicehall import services, terminals
from servicehall.forms import TerminalForm
from servicehall.models import Terminal

MANAGE_TERMINALS = "manage_terminals"


def _terminal(organisation, pk):
    return get_object_or_404(Terminal, pk=pk, organisation=organisation)


def _detail(organisation, terminal):
    return reverse("servicehall:staff_terminal", args=[organisation.pk, terminal.pk])


@organisation_permission_required(MANAGE_TERMINALS)
def home(request, organisation):
    form = TerminalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        terminal = services.register_terminal(organisation, **form.cleaned_data, by=request.user)
        messages.success(request, _("已登记终端。请在该终端上登录并打开本页，点击“在本机启用”。"))
        return redirect(_detail(organisation, terminal))
    context = {"organisation": organisation, "terminals": Terminal.objects.filter(organisation=organisation), "form": form}
    return render(request, "servicehall/staff/home.html", context)


@organisation_permission_required(MANAGE_TERMINALS)
def terminal(request, organisation, pk):
    terminal = _terminal(organisation, pk)
    context = {"organisation": organisation, "terminal": terminal, "this_device": terminals.terminal_for(request) == terminal}
    return render(request, "servicehall/staff/terminal.html", context)


@require_POST
@organisation_permission_required(MANAGE_TERMINALS)
def activate(request, organisation, pk):
    try:
        terminal = services.activate(_terminal(organisation, pk), by=request.user)
    except Refusal as refusal:
        messages.error(request, str(refusal))
        return redirect(_detail(organisation, _terminal(organisation, pk)))
    logout(request)  # the kiosk keeps no staff session
    response = redirect("servicehall:home")
    terminals.set_cookie(response, terminal, secure=request.is_secure())
    return response


@require_POST
@organisation_permission_required(MANAGE_TERMINALS)
def reissue(request, organisation, pk):
    terminal = services.reissue_key(_terminal(organisation, pk), by=request.user)
    messages.success(request, _("已更换密钥：原来启用的设备不再是本终端，请在终端上重新启用。"))
    return redirect(_detail(organisation, terminal))


@require_POST
@organisation_permission_required(MANAGE_TERMINALS)
def toggle(request, organisation, pk):
    terminal = _terminal(organisation, pk)
    terminal = services.set_active(terminal, not terminal.is_active, by=request.user)
    messages.success(request, _("已启用终端。") if terminal.is_active else _("已停用终端。"))
    return redirect(_detail(organisation, terminal))
