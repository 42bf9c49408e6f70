"""Personalised greeting page (Flask-free, Jinja2 directly in a Django view)."""
from django.http import HttpResponse
from jinja2 import Environment

ENV = Environment(autoescape=True)
PAGE = ENV.from_string("<h1>Welcome, {{ name }}!</h1><p>{{ today }}</p>")


def greeting(request):
    return HttpResponse(PAGE.render(name=request.GET.get("name", "guest"), today="Monday"))
