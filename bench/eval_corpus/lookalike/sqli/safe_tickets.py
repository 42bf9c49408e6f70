"""Support tickets, Django view with a raw report query."""
from django.db import connection
from django.http import JsonResponse

STATUSES = ("open", "pending", "closed")


def ticket_report(request):
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    team_id = int(request.GET.get("team", "0") or 0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, subject FROM tickets WHERE status = %s AND (%s = 0 OR team_id = %s)",
            [status, team_id, team_id],
        )
        rows = cursor.fetchall()
    return JsonResponse({"tickets": rows})
