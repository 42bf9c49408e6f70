from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/logout")
def logout():
    target = request.args.get("return_to", "/")
    return redirect(target)
