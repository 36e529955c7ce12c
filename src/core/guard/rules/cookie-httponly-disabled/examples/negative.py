resp.set_cookie("sid", sid, httponly=True)
