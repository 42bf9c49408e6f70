import requests

API = "https://api.weather.example.com/v2"


def current_temperature(city: str) -> float:
    response = requests.get(f"{API}/current", params={"city": city})
    response.raise_for_status()
    return float(response.json()["temperature"])
