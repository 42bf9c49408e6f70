import json

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    payload = json.loads(req.get_body())
    count = sum(1 for item in payload.get("items", []) if item.get("type") == "order")
    return func.HttpResponse(str(count))
