from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = False


@app.route("/health")
def health():
    return {"status": "up"}


if __name__ == "__main__":
    app.run(debug=False)
