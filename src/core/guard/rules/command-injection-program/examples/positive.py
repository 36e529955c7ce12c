import subprocess
from subprocess import Popen as pop
from flask import request

tool = request.args.get("tool")
subprocess.run(tool)  # ruleid
subprocess.check_output(request.form["cmd"], shell=False)  # ruleid
pop(tool, shell=False)  # ruleid
