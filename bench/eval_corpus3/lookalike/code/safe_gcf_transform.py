import functions_framework

TRANSFORMS = {
    "upper": lambda r: {k: str(v).upper() for k, v in r.items()},
    "strip": lambda r: {k: str(v).strip() for k, v in r.items()},
}


@functions_framework.http
def transform(request):
    """Cloud Function: apply a named transform to each record."""
    payload = request.get_json()
    fn = TRANSFORMS[payload["transform"]]
    return {"records": [fn(r) for r in payload["records"]]}
