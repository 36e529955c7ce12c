import importlib
from flask import request

@app.route('/plugin')
def plugin():
    mod = importlib.import_module(request.args['name'])  # ruleid
    return mod.run()
