import hashlib
digest = hashlib.md5(password.encode()).hexdigest()  # ruleid
h = hashlib.new("sha1")  # ruleid
