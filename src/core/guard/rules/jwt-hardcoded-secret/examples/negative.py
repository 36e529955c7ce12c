token = jwt.encode({"sub": user_id}, settings.JWT_SECRET, algorithm="HS256")
