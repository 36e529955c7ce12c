from flask import request
import logging

@app.route('/search')
def search():
    logging.info("search: %s", sanitize(request.args.get("q")))
    q = request.args["q"].replace("\n", "").replace("\r", "")
    app.logger.warning("bad query " + q)

@app.route('/echo')
def echo():
    # %r writes the repr: a line break comes out as \n, not as a new log line.
    logging.info("got message %r", request.args["m"])
    logging.info('got %r from %r', request.args["m"], request.remote_addr)
