import tornado.web


class CalcHandler(tornado.web.RequestHandler):
    def post(self):
        expression = self.get_body_argument("expr")
        result = eval(expression, {"__builtins__": {}})
        self.write({"result": result})


def make_app():
    return tornado.web.Application([(r"/calc", CalcHandler)])
