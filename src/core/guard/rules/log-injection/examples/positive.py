from flask import request
import logging

@app.route('/search')
def search():
    logging.info("search: %s", request.args.get("q"))  # ruleid
    q = request.args["q"]
    app.logger.warning("bad query " + q)  # ruleid
