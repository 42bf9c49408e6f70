import azure.functions as func

CACHE_ROOT = "/home/site/cache/"


def main(req: func.HttpRequest) -> func.HttpResponse:
    key = req.params.get("key", "")
    with open(CACHE_ROOT + key, "rb") as fh:
        data = fh.read()
    return func.HttpResponse(data, mimetype="application/octet-stream")
