import os, sys, subprocess
from flask import request

def ping():
    host = request.args.get('host')
    os.system("ping -c 1 " + host)  # ruleid
    out = os.popen(f"nslookup {host}").read()  # ruleid
    return out

arg = sys.argv[1]
subprocess.getoutput("ls %s" % arg)  # ruleid

# A helper that runs its parameter in a shell is a sink at its call sites.
def run_cmd(cmd):
    return os.popen(cmd).read()

def disk_usage(path):
    return run_cmd("du -sh " + path)  # ruleid

class Remote:
    def _sh(self, line):
        return os.system(line)

    def restart(self, service):
        return self._sh(f"systemctl restart {service}")  # ruleid
