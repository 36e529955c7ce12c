import os
from flask import request, send_file
from werkzeug.utils import secure_filename

@app.route('/file')
def file():
    name = secure_filename(request.args['name'])
    with open(os.path.join(UPLOADS, name)) as fh:
        data = fh.read()
    return send_file(os.path.join(UPLOADS, os.path.basename(request.args.get('other'))))

@app.route('/doc')
def doc():
    p = os.path.realpath(os.path.join(DOCS, request.args['name']))
    if not p.startswith(DOCS + os.sep):
        abort(400)
    return open(p).read()
