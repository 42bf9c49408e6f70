from django.contrib.auth import login
from django.http import HttpResponseRedirect


def sso_callback(request):
    user = request.user
    login(request, user)
    return HttpResponseRedirect(request.GET.get("next", "/"))
