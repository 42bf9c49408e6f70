import jsonpickle
from django.http import JsonResponse


def restore(request):
    state = jsonpickle.decode(request.body.decode("utf-8"))
    return JsonResponse({"restored": type(state).__name__})
