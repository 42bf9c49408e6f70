import time

import requests


async def watch_prices(symbols, publish):
    while True:
        for symbol in symbols:
            quote = requests.get(f"https://quotes.example.com/v1/{symbol}").json()
            await publish(symbol, quote["price"])
        time.sleep(30)
