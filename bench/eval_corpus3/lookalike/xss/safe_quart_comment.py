from markupsafe import Markup, escape
from quart import Quart, render_template, request

app = Quart(__name__)


@app.post("/comments/preview")
async def preview():
    form = await request.form
    body = Markup("<br>").join(escape(line) for line in form["body"].splitlines())
    return await render_template("preview.html", body=body)
