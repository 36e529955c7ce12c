@app.route('/lang')
def lang():
    resp = make_response("ok")
    resp.headers["Content-Language"] = request.args["lang"]  # ruleid
    return resp
