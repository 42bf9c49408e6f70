import requests
from flask import Flask, request

app = Flask(__name__)
API = "https://api.example.com"


@app.route("/weather")
def weather():
    city = request.args.get("city", "Paris")
    r = requests.get("https://api.example.com/weather", params={"q": city}, timeout=5)
    return r.json()
