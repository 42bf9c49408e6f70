"""Import product feeds that suppliers upload as XML (Django)."""
from defusedxml import ElementTree
from django.http import JsonResponse


def import_feed(request):
    root = ElementTree.fromstring(request.body)
    skus = [item.findtext("sku") for item in root.iter("item")]
    return JsonResponse({"imported": len(skus)})
