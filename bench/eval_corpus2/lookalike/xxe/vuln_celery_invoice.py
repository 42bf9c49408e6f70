"""Celery task parsing supplier invoices (UBL XML)."""
import xml.sax

from celery import shared_task


class TotalHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.total = ""

    def characters(self, content):
        self.total += content


@shared_task
def parse_invoice(path: str) -> str:
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    handler = TotalHandler()
    parser.setContentHandler(handler)
    parser.parse(path)
    return handler.total.strip()
