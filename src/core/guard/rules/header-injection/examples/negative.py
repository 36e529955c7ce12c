@app.route('/lang')
def lang():
    resp = make_response("ok")
    resp.headers["Content-Language"] = request.args["lang"].replace("\r", "").replace("\n", "")
    resp.headers["Cache-Control"] = "no-store"
    return resp
