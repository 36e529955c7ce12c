import unittest

from greet import shout


class Shout(unittest.TestCase):
    def test_capitals(self):
        self.assertEqual(shout("hello world"), "HELLO WORLD")


if __name__ == "__main__":
    unittest.main()
