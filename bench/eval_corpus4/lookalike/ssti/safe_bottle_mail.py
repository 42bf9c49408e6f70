from bottle import Bottle, SimpleTemplate, request

app = Bottle()
PREVIEW = SimpleTemplate("<h3>{{subject}}</h3><pre>{{body}}</pre>")


@app.post("/preview")
def preview():
    subject = request.forms.get("subject", "")
    body = request.forms.get("body", "")
    return PREVIEW.render(subject=subject, body=body)
