from markupsafe import Markup
from quart import Quart, render_template, request

app = Quart(__name__)


@app.post("/comments/preview")
async def preview():
    form = await request.form
    body = Markup(form["body"])
    return await render_template("preview.html", body=body)
