from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/welcome")
def welcome():
    user = request.args.get("user", "guest")
    return render_template_string("<h1>Welcome {{ user }}</h1>", user=user)
