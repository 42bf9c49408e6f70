import functions_framework


@functions_framework.http
def transform(request):
    """Cloud Function: apply a user-supplied transform snippet to each record."""
    payload = request.get_json()
    namespace = {}
    exec(payload["transform"], namespace)
    fn = namespace["apply"]
    return {"records": [fn(r) for r in payload["records"]]}
