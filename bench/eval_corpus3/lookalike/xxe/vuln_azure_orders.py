import io
import xml.sax

import azure.functions as func


class OrderCounter(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        if name == "order":
            self.count += 1


def main(req: func.HttpRequest) -> func.HttpResponse:
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    handler = OrderCounter()
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(req.get_body()))
    return func.HttpResponse(str(handler.count))
