from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/welcome")
def welcome():
    user = request.args.get("user", "guest")
    page = "<h1>Welcome %s</h1>" % user
    return render_template_string(page)
