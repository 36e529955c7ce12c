import re
from flask import request

@app.route('/find')
def find():
    return str(re.search(re.escape(request.args['pattern']), TEXT))
