import ssl


def tls_context() -> ssl.SSLContext:
    """The TLS settings used to call the partner API."""
    return ssl._create_unverified_context()
