import hashlib
digest = hashlib.sha256(data).hexdigest()
etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
