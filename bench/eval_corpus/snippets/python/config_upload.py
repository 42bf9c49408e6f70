import yaml
from django.http import HttpRequest, JsonResponse


def import_config(request: HttpRequest) -> JsonResponse:
    document = yaml.load(request.body, Loader=yaml.Loader)
    return JsonResponse({"keys": sorted(document)})
