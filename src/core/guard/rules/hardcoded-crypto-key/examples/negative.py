cipher = AES.new(load_key(), AES.MODE_GCM)
