import functions_framework
import stripe

stripe.api_key = "sk_live_51HdT9kLmQ2xYv8RzP4wN6cJ0aB3eF7gH"


@functions_framework.http
def refund(request):
    charge = request.get_json()["charge"]
    result = stripe.Refund.create(charge=charge)
    return {"status": result.status}
