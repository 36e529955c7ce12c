import re
from flask import request

@app.route('/find')
def find():
    return str(re.search(request.args['pattern'], TEXT))  # ruleid
