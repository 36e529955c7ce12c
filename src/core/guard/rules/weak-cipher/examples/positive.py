from Crypto.Cipher import AES, DES
c = DES.new(key, DES.MODE_CBC, iv)  # ruleid
a = AES.new(key, AES.MODE_ECB)  # ruleid
