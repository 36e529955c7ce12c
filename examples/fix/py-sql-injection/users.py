import sqlite3


def find_user(conn: sqlite3.Connection, name: str):
    """Looks a user up by name."""
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE name = '%s'" % name)
    return cur.fetchall()
