import os, shlex, subprocess

def ping(host):
    subprocess.run(["ping", "-c", "1", host])
    os.system("ping -c 1 " + shlex.quote(host))
    os.system("make clean")
