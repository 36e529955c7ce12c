token = jwt.encode({"sub": user_id}, "my-super-secret", algorithm="HS256")  # ruleid
