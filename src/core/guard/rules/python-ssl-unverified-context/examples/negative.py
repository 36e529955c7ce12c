import ssl

ctx = ssl.create_default_context(cafile="ca.pem")
ctx.verify_mode = ssl.CERT_REQUIRED
