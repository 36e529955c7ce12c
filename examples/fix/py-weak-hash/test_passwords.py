import unittest

from passwords import check_password, hash_password


class Passwords(unittest.TestCase):
    def test_check(self):
        stored = hash_password("correct horse")
        self.assertTrue(check_password("correct horse", stored))
        self.assertFalse(check_password("wrong", stored))


if __name__ == "__main__":
    unittest.main()
