import os, sys

prog = sys.argv[1]
os.execvp(prog, [prog])  # ruleid
os.spawnl(os.P_WAIT, "/bin/sh", "sh", "-c", "ls " + sys.argv[2])  # ruleid
