from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse


def purge_user(request: HttpRequest, user_id: int) -> HttpResponse:
    assert request.user.is_staff, "staff only"
    User.objects.filter(pk=user_id).delete()
    return HttpResponse(status=204)
