claims = jwt.decode(token, options={"verify_signature": False})  # ruleid
old = jwt.decode(token, key, verify=False)  # ruleid
