"""Download attachments of a ticket (Django)."""
import os

from django.conf import settings
from django.http import FileResponse, Http404


def attachment(request, ticket_id: int):
    name = request.GET["file"]
    full = os.path.join(settings.MEDIA_ROOT, "tickets", str(ticket_id), name)
    if not os.path.exists(full):
        raise Http404
    return FileResponse(open(full, "rb"))
