import os
from flask import request, send_file

@app.route('/file')
def file():
    name = request.args['name']
    path = os.path.join(UPLOADS, name)
    with open(path) as fh:  # ruleid
        data = fh.read()
    return send_file(os.path.join(UPLOADS, request.args.get('other')))  # ruleid

# A prefix check without a trailing separator is no containment check: /srv/docs-old starts with /srv/docs.
@app.route('/prefix')
def prefix():
    p = os.path.abspath(os.path.join(DOCS, request.args['name']))
    if not p.startswith(DOCS):
        abort(403)
    return open(p).read()  # ruleid

# Bottle: the route's parameters come from the URL.
@get("/download/<filename:path>")
def download(filename):
    return open(os.path.join(OUT, filename), "rb").read()  # ruleid

# Tornado: the URL pattern's groups are the handler method's parameters.
class BucketHandler(web.RequestHandler):
    def delete(self, bucket_name):
        path = os.path.abspath(os.path.join(self.application.directory, bucket_name))
        if not path.startswith(self.application.directory):
            raise web.HTTPError(403)
        os.rmdir(path)  # ruleid

class Base(tornado.web.RequestHandler):
    pass

class ObjectHandler(Base, Mixin):
    def get(self, bucket, name):
        with open(os.path.join(ROOT, bucket, name), "rb") as f:  # ruleid
            self.finish(f.read())

# http.server: the request line and headers are the handler's attributes.
class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        local = os.path.join(ROOT, self.path.lstrip("/"))
        self.wfile.write(open(local, "rb").read())  # ruleid
        os.remove(self.headers["X-Drop"])  # ruleid
