import os, shlex, subprocess

def ping(host):
    subprocess.run(["ping", "-c", "1", host])
    os.system("ping -c 1 " + shlex.quote(host))
    os.system("make clean")

def run_cmd(cmd):
    return os.popen(cmd).read()

run_cmd("uptime")

def list_dir(d):
    return os.system("ls " + shlex.quote(d))

def sizes(root):
    return list_dir(root + "/build")
