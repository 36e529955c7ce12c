import json
from flask import request

@app.route('/load')
def load():
    return json.loads(request.cookies['state'])
