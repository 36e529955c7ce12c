import hashlib
import hashlib as hl
from hashlib import md5, new as make_hash
digest = hashlib.md5(password.encode()).hexdigest()  # ruleid
h = hashlib.new("sha1")  # ruleid
aliased = hl.sha1(token).hexdigest()  # ruleid
imported = md5(password).hexdigest()  # ruleid
made = make_hash('MD5', password)  # ruleid
LEGACY_ALG = "md5"
via_constant = hashlib.new(LEGACY_ALG, password)  # ruleid
