"""Import product feeds that suppliers upload as XML (Django)."""
from django.http import JsonResponse
from lxml import etree


def import_feed(request):
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.body, parser)
    skus = [item.findtext("sku") for item in root.iter("item")]
    return JsonResponse({"imported": len(skus)})
