import subprocess

def archive(name):
    subprocess.run(  # ruleid
        f"tar czf {name}.tgz {name}",
        shell=True,
    )  # the finding is on the call's first line
    subprocess.check_output(["sh", "-c", "ls " + name])  # ruleid

def wrapped(name):
    subprocess.call("rm -rf " + name, shell=True)  # ruleid

def sh(cmd):
    return subprocess.run(cmd, shell=True, check=True)

def restart(service):
    sh(f"systemctl restart {service}")  # ruleid
