"""Import a user's avatar from a URL they give (Django)."""
import urllib.request

from django.core.files.base import ContentFile
from django.http import JsonResponse


def import_avatar(request):
    source = request.POST["avatar_url"]
    with urllib.request.urlopen(source, timeout=10) as resp:
        data = resp.read(2_000_000)
    request.user.profile.avatar.save("avatar.png", ContentFile(data))
    return JsonResponse({"ok": True})
