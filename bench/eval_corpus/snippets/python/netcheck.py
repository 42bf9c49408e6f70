import os

from django.http import HttpResponse


def traceroute(request):
    host = request.GET.get("host", "localhost")
    output = os.popen(f"traceroute -m 8 {host}").read()
    return HttpResponse(output, content_type="text/plain")
