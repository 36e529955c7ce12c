import requests
from flask import request

@app.route('/proxy')
def proxy():
    url = request.args['url']
    return requests.get(url).text  # ruleid
