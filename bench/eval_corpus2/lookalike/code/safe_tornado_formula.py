"""Spreadsheet-like formula endpoint (Tornado), literal values only."""
import ast

import tornado.web


class FormulaHandler(tornado.web.RequestHandler):
    def post(self):
        raw = self.get_body_argument("values")
        values = ast.literal_eval(raw)
        if not isinstance(values, list):
            raise tornado.web.HTTPError(400)
        self.write({"sum": sum(float(v) for v in values)})
