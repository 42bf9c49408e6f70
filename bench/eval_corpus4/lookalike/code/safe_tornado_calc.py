import ast
import operator

import tornado.web

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(node):
    if isinstance(node, ast.Expression):
        return evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.left), evaluate(node.right))
    raise ValueError("unsupported expression")


class CalcHandler(tornado.web.RequestHandler):
    def post(self):
        expression = self.get_body_argument("expr")
        result = evaluate(ast.parse(expression, mode="eval"))
        self.write({"result": result})


def make_app():
    return tornado.web.Application([(r"/calc", CalcHandler)])
