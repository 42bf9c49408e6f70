"""Spreadsheet-like formula endpoint (Tornado)."""
import tornado.web


class FormulaHandler(tornado.web.RequestHandler):
    def post(self):
        formula = self.get_body_argument("formula")
        cells = {"A1": 3, "B1": 4}
        result = eval(formula, {"__builtins__": {}}, cells)
        self.write({"result": result})
