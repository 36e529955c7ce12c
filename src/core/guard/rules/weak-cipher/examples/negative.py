from Crypto.Cipher import AES
a = AES.new(key, AES.MODE_GCM)
