from flask import request, redirect

@app.route('/login')
def login():
    return redirect(request.args.get('next'))  # ruleid
