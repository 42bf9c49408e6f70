import os

from django.http import HttpResponse


def lookup(request):
    domain = request.GET.get("domain", "example.com")
    output = os.popen("nslookup " + domain).read()
    return HttpResponse(output, content_type="text/plain")
