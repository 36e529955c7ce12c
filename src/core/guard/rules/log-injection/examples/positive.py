from flask import request
import logging

@app.route('/search')
def search():
    logging.info("search: %s", request.args.get("q"))  # ruleid
    q = request.args["q"]
    app.logger.warning("bad query " + q)  # ruleid

@app.route('/echo')
def echo():
    logging.info("got %s and %r", request.args["a"], request.args["b"])  # ruleid
    logging.info("got %r: " + request.args["a"], 1)  # ruleid
