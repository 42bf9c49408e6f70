"""Maintenance banner rendered by a Django view without templates."""
from django.http import HttpResponse


def banner(request):
    message = request.GET.get("msg", "We will be back soon")
    html = "<div class='banner'><strong>Notice:</strong> {}</div>".format(message)
    return HttpResponse(html)
