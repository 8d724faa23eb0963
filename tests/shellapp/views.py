from django.http import HttpResponse

from portal.permissions import organisation_permission_required


def index(request):
    return HttpResponse("shell")


@organisation_permission_required("shell_moderate")
def staff(request, organisation):
    return HttpResponse(f"shell staff {organisation.pk}")
