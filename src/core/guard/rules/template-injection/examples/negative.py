from flask import request, render_template, render_template_string

@app.route('/hello')
def hello():
    name = request.args.get('name')
    render_template_string("<h1>Hello {{ name }}</h1>", name=name)
    return render_template("hello.html", name=name)
