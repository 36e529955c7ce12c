resp.set_cookie("sid", sid, httponly=False)  # ruleid
