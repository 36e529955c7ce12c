import hashlib
from hashlib import sha256
digest = hashlib.sha256(data).hexdigest()
etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
strong = hashlib.new('sha512', data)
imported = sha256(data).hexdigest()
# Another library's md5 is not hashlib's.
other = mylib.md5(data)
STRONG_ALG = "sha256"
via_constant = hashlib.new(STRONG_ALG, data)
def chosen(alg="md5"):
    return hashlib.new(alg, data)
