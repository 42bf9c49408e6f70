"""Import a user's avatar from their linked Gravatar (Django)."""
import hashlib
import urllib.request

from django.core.files.base import ContentFile
from django.http import JsonResponse

GRAVATAR = "https://www.gravatar.com/avatar/{digest}?s=256&d=404"


def import_avatar(request):
    digest = hashlib.sha256(request.user.email.strip().lower().encode()).hexdigest()
    with urllib.request.urlopen(GRAVATAR.format(digest=digest), timeout=10) as resp:
        data = resp.read(2_000_000)
    request.user.profile.avatar.save("avatar.png", ContentFile(data))
    return JsonResponse({"ok": True})
