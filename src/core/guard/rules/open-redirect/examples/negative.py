from flask import request, redirect
from django.utils.http import url_has_allowed_host_and_scheme

@app.route('/login')
def login():
    nxt = request.args.get('next')
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.host}):
        nxt = '/'
    return redirect(nxt)
