"""Download attachments of a ticket (Django)."""
import os

from django.conf import settings
from django.http import FileResponse, Http404


def attachment(request, ticket_id: int):
    name = os.path.basename(request.GET["file"])
    base = os.path.realpath(os.path.join(settings.MEDIA_ROOT, "tickets", str(ticket_id)))
    full = os.path.realpath(os.path.join(base, name))
    if not full.startswith(base + os.sep) or not os.path.exists(full):
        raise Http404
    return FileResponse(open(full, "rb"))
