import subprocess, shlex

def archive(name):
    subprocess.run(["tar", "czf", name + ".tgz", name])
    subprocess.run("make clean", shell=True)
    subprocess.run("tar czf " + shlex.quote(name), shell=True)

def sh(cmd):
    return subprocess.run(cmd, shell=True, check=True)

sh("make clean")
sh("tar czf " + shlex.quote("x y"))
