"""Support tickets, Django view with a raw report query."""
from django.db import connection
from django.http import JsonResponse


def _where(status: str, team: str) -> str:
    clause = "status = '" + status + "'"
    if team:
        clause += " AND team = '" + team + "'"
    return clause


def ticket_report(request):
    status = request.GET.get("status", "open")
    team = request.GET.get("team", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, subject FROM tickets WHERE " + _where(status, team))
        rows = cursor.fetchall()
    return JsonResponse({"tickets": rows})
