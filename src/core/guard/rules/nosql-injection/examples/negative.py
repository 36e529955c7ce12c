from flask import request

@app.route('/login', methods=['POST'])
def login():
    return str(db.users.find_one({"name": str(request.get_json()["name"])}))
