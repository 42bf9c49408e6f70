from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = True
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/health")
def health():
    return {"status": "up"}
