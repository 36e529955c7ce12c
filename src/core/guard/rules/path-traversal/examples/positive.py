import os
from flask import request, send_file

@app.route('/file')
def file():
    name = request.args['name']
    path = os.path.join(UPLOADS, name)
    with open(path) as fh:  # ruleid
        data = fh.read()
    return send_file(os.path.join(UPLOADS, request.args.get('other')))  # ruleid
