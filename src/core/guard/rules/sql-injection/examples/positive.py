import sys
from flask import request

@app.route('/user')
def user():
    name = request.args.get('name')
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)  # ruleid
    q = "SELECT * FROM orders WHERE id = {}".format(request.args['id'])
    cursor.execute(q)  # ruleid

def report(table, col):
    sql = f"SELECT {col} FROM {table}"
    conn.execute(sql)  # ruleid
    arg = sys.argv[1]
    query = "DELETE FROM t WHERE k = '" + arg + "'"
    cur.execute(query)  # ruleid
