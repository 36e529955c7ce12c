from flask import request

@app.route('/login', methods=['POST'])
def login():
    return str(db.users.find_one(request.get_json()))  # ruleid
