import falcon
import jinja2

ENV = jinja2.Environment(autoescape=True)
MESSAGE = ENV.from_string("Dear {{ guest }}, {{ message }}")


class InvitePreview:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = req.get_media()
        resp.text = MESSAGE.render(guest=data["guest"], message=data["message"])
