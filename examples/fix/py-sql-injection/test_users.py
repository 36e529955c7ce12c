import sqlite3
import unittest

from users import find_user


class FindUser(unittest.TestCase):
    def test_finds_by_name(self):
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE users (id INTEGER, name TEXT)")
        conn.executemany("INSERT INTO users VALUES (?, ?)", [(1, "alice"), (2, "bob")])
        self.assertEqual(find_user(conn, "alice"), [(1, "alice")])
        self.assertEqual(find_user(conn, "carol"), [])


if __name__ == "__main__":
    unittest.main()
