from flask import request
import logging

@app.route('/search')
def search():
    logging.info("search: %s", sanitize(request.args.get("q")))
    q = request.args["q"].replace("\n", "").replace("\r", "")
    app.logger.warning("bad query " + q)
