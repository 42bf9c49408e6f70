"""After single sign-on, send the user back where they came from (Django)."""
from django.contrib.auth import login
from django.shortcuts import redirect

from sso.client import exchange_code


def sso_callback(request):
    user = exchange_code(request.GET["code"])
    login(request, user)
    return redirect(request.GET.get("return_to", "/"))
