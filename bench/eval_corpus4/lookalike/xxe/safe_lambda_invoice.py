import defusedxml.sax
import xml.sax


class TotalHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.total = 0.0
        self._in_amount = False

    def startElement(self, name, attrs):
        self._in_amount = name == "amount"

    def characters(self, content):
        if self._in_amount and content.strip():
            self.total += float(content)


def handler(event, context):
    totals = TotalHandler()
    defusedxml.sax.parseString(event["body"].encode(), totals)
    return {"statusCode": 200, "body": str(totals.total)}
