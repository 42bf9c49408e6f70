from jinja2 import Environment, FileSystemLoader

env = Environment(loader=FileSystemLoader("templates"), autoescape=False)  # wfc-expect: security medium


def render_invoice(invoice):
    return env.get_template("invoice.html").render(invoice=invoice)
