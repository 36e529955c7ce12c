import ssl, urllib.request

ctx = ssl._create_unverified_context()  # ruleid
ctx2 = ssl.create_default_context()
ctx2.check_hostname = False
ctx2.verify_mode = ssl.CERT_NONE  # ruleid
sock = ssl.wrap_socket(s, cert_reqs=ssl.CERT_NONE)  # ruleid
pool = urllib3.PoolManager(cert_reqs='CERT_NONE')  # ruleid
kwargs["cert_reqs"] = "CERT_NONE"  # ruleid
