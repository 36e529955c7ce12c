import os, sys, subprocess
from flask import request

def ping():
    host = request.args.get('host')
    os.system("ping -c 1 " + host)  # ruleid
    out = os.popen(f"nslookup {host}").read()  # ruleid
    return out

arg = sys.argv[1]
subprocess.getoutput("ls %s" % arg)  # ruleid
