from flask import Flask, request, make_response, Response
import tornado.web
from bottle import route

app = Flask(__name__)

@app.route('/hello')
def hello():
    name = request.args.get('name', '')
    return make_response("<h1>Hello " + name + "</h1>")  # ruleid

# A Flask view's returned string is the response body, served as text/html.
@app.route('/greet')
def greet():
    name = request.args.get('name', '')
    return "<h1>Hello " + name + "</h1>"  # ruleid

@app.get('/search')
def search():
    return f"<p>No results for {request.args['q']}</p>", 404  # ruleid

@app.route('/user/<name>')
def user(name):
    page = "<h1>{}</h1>".format(name)
    return page  # ruleid

@app.route('/raw')
def raw():
    return Response(response=request.form['html'])  # ruleid

@route('/bottle/<name>')
def bottle_hello(name):
    return '<b>Hello ' + name + '</b>'  # ruleid

class Echo(tornado.web.RequestHandler):
    def get(self):
        self.write("<p>" + self.get_argument("q") + "</p>")  # ruleid
