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

@app.route('/doc2')
def doc2():
    root = os.path.join(DOCS, '')
    p = os.path.realpath(os.path.join(DOCS, request.args['name']))
    if not p.startswith(root):
        abort(400)
    return open(p).read()

@app.route('/doc3')
def doc3():
    name = request.args['name']
    if "/" in name or name.startswith("."):
        abort(400)
    return open(os.path.join(DOCS, name)).read()

@app.route('/doc4')
def doc4():
    p = os.path.realpath(os.path.join(DOCS, request.args['name']))
    if os.path.commonpath([p, DOCS]) != DOCS:
        abort(400)
    return open(p).read()

# Tornado: a method that is no request method, and a handler that reads only its own folder.
class ListHandler(web.RequestHandler):
    def _object_path(self, bucket, name):
        return open(os.path.join(ROOT, bucket, name))

    def get(self):
        return os.listdir(self.application.directory)

# self.path of a class that is no request handler is not input.
class Store(object):
    def load(self):
        return open(self.path).read()
