from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/logout")
def logout():
    page = request.args.get("page", "home")
    if page not in {"home", "login", "pricing"}:
        page = "home"
    return redirect(url_for(page))
