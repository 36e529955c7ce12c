import requests
from urllib.parse import urlparse
from flask import request

ALLOWED_HOSTS = {"api.example.com"}

@app.route('/proxy')
def proxy():
    url = request.args['url']
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    return requests.get(url).text

def status():
    return requests.get("https://api.example.com/status").text
