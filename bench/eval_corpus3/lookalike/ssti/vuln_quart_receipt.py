from quart import Quart, render_template_string, request

app = Quart(__name__)


@app.get("/receipt")
async def receipt():
    footer = request.args.get("footer", "Thanks!")
    return await render_template_string("<h1>Receipt</h1><footer>" + footer + "</footer>")
