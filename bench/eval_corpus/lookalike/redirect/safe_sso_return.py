"""After single sign-on, send the user back where they came from (Django)."""
from django.contrib.auth import login
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from sso.client import exchange_code


def sso_callback(request):
    user = exchange_code(request.GET["code"])
    login(request, user)
    target = request.GET.get("return_to", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=True):
        target = "/"
    return redirect(target)
