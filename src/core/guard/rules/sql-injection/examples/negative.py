@app.route('/user')
def user():
    cur.execute("SELECT * FROM users WHERE name = '%s'", (request.args.get('name'),))
    cur.execute("SELECT * FROM users WHERE id = %s", [int(request.args['id'])])
    cur.execute('SELECT 1'.format())
    cur.execute(f"SELECT 1")
    print("SELECT * FROM users WHERE id = " + request.args['id'])
    rows = cur.execute("SELECT name FROM users").fetchall()
