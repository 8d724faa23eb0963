from django.http import HttpResponse


def index(request):
    return HttpResponse("shell")


def staff(request, org_pk):
    return HttpResponse(f"shell staff {org_pk}")
