from flask import request, make_response, render_template, jsonify
from markupsafe import escape
import html

@app.route('/hello')
def hello():
    name = request.args.get('name', '')
    return make_response("<h1>Hello " + escape(name) + "</h1>")

@app.route('/escaped')
def escaped():
    return "<h1>Hello %s</h1>" % html.escape(request.args['name'])

@app.route('/template')
def template_view():
    return render_template('hello.html', name=request.args['name'])

@app.route('/api')
def api():
    return jsonify(name=request.args['name'])

# A dict or list is sent as JSON.
@app.route('/dict')
def as_dict():
    return {'name': request.args['name']}, 200

@app.route('/constant')
def constant():
    request.args.get('name')
    return "<h1>Hello</h1>"

@app.route('/length')
def length():
    return str(len(request.args['name']))

# Not a view: a helper's return goes wherever its caller puts it.
def bold(text):
    return "<b>" + text + "</b>"

# What an unknown call computed from the input (rows a query found) is not the input reflected.
@app.route('/rows')
def rows():
    return db.execute("SELECT name FROM t WHERE id = ?", (request.args['id'],)).fetchone()[0]

@app.route('/plain')
def plain():
    return Response(request.args['q'], mimetype='text/plain')
