import pickle, base64
from flask import request

@app.route('/load')
def load():
    return pickle.loads(base64.b64decode(request.cookies['state']))  # ruleid
