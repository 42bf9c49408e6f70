"""Celery task parsing supplier invoices (lxml, entities off)."""
from celery import shared_task
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@shared_task
def parse_invoice(path: str) -> str:
    root = etree.parse(path, PARSER).getroot()
    total = root.find(".//{*}PayableAmount")
    return total.text if total is not None else ""
