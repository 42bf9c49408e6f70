import os

import functions_framework
import stripe

stripe.api_key = os.environ.get("STRIPE_API_KEY", "")


@functions_framework.http
def refund(request):
    charge = request.get_json()["charge"]
    result = stripe.Refund.create(charge=charge)
    return {"status": result.status}
