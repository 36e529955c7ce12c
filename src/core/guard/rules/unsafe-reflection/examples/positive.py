from flask import request

@app.route('/action')
def action():
    return getattr(handlers, request.args['fn'])()  # ruleid
