import unittest

from session import load_session, save_session


class Session(unittest.TestCase):
    def test_round_trip(self):
        data = {"user": "alice", "cart": [1, 2, 3], "admin": False}
        self.assertEqual(load_session(save_session(data)), data)


if __name__ == "__main__":
    unittest.main()
