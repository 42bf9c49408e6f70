"""Personalised greeting page (Flask-free, Jinja2 directly in a Django view)."""
from django.http import HttpResponse
from jinja2 import Template


def greeting(request):
    name = request.GET.get("name", "guest")
    source = "<h1>Welcome, " + name + "!</h1><p>{{ today }}</p>"
    return HttpResponse(Template(source).render(today="Monday"))
