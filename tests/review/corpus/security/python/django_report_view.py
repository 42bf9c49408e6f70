from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def sales_report(request):
    region = request.GET.get("region", "EU")
    year = request.GET["year"]
    with connection.cursor() as cursor:
        cursor.execute(  # wfc-expect: security high
            f"SELECT product, SUM(amount) FROM sales WHERE region = '{region}' AND year = {year} GROUP BY product"
        )
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def top_customers(request):
    limit = int(request.GET.get("limit", "10"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, total FROM customers ORDER BY total DESC LIMIT %d" % limit)
        return JsonResponse({"rows": cursor.fetchall()})
