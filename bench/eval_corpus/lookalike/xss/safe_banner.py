"""Maintenance banner rendered by a Django view without templates."""
from django.http import HttpResponse
from django.utils.html import format_html


def banner(request):
    message = request.GET.get("msg", "We will be back soon")
    html = format_html("<div class='banner'><strong>Notice:</strong> {}</div>", message)
    return HttpResponse(html)
