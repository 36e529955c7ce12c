resp.set_cookie("sid", sid, secure=False)  # ruleid
SESSION_COOKIE_SECURE = False  # ruleid
