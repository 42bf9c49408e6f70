import falcon
import jinja2


class InvitePreview:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = req.get_media()
        template = jinja2.Environment().from_string(data["message"])
        resp.text = template.render(guest=data["guest"])
