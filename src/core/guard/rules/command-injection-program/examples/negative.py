import subprocess
from subprocess import Popen as pop
from flask import request

name = request.args.get("name")
subprocess.run(["git", "log", "--", name])
subprocess.run("gcc --version")
pop(["ls", "-l", name])
subprocess.run("/usr/bin/uptime", shell=False)
