claims = jwt.decode(token, key, algorithms=["HS256"])
