cipher = AES.new(b"sixteen byte key", AES.MODE_GCM)  # ruleid
