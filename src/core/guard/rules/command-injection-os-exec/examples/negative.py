import os

os.execvp("ls", ["ls", "-l"])
os.spawnl(os.P_WAIT, "/usr/bin/true", "true")
