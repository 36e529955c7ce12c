import ssl
import unittest

from fetch import tls_context


class Context(unittest.TestCase):
    def test_is_a_context(self):
        self.assertIsInstance(tls_context(), ssl.SSLContext)


if __name__ == "__main__":
    unittest.main()
