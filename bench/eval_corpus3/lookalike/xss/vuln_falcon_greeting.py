import falcon


class Greeting:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        who = req.get_param("who") or "guest"
        resp.content_type = falcon.MEDIA_HTML
        resp.text = "<html><body><p>Welcome back, " + who + "</p></body></html>"
