from flask import Flask, render_template, render_template_string, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return "<h1>Hello, " + name + "!</h1>"  # wfc-expect: security high


@app.route("/bio")
def bio():
    text = request.args.get("bio", "")
    return render_template("bio.html", bio=Markup(text))  # wfc-expect: security high


@app.route("/card")
def card():
    title = request.args.get("title", "")
    template = "<div class='card'><h2>" + title + "</h2></div>"
    return render_template_string(template)  # wfc-expect: security critical


@app.route("/hello-safe")
def hello_safe():
    name = request.args.get("name", "world")
    return "<h1>Hello, " + str(escape(name)) + "!</h1>"


@app.route("/card-safe")
def card_safe():
    return render_template_string("<h2>{{ title }}</h2>", title=request.args.get("title", ""))
