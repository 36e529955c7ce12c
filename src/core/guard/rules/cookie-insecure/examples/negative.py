resp.set_cookie("sid", sid, secure=True, httponly=True)
SESSION_COOKIE_SECURE = True
