from bottle import Bottle, SimpleTemplate, request

app = Bottle()


@app.post("/preview")
def preview():
    subject = request.forms.get("subject", "")
    body = request.forms.get("body", "")
    return SimpleTemplate("<h3>" + subject + "</h3>" + body).render()
