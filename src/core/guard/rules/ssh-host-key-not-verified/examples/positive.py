import asyncssh
import paramiko
import subprocess
from paramiko import client, AutoAddPolicy
from paramiko import WarningPolicy as Warn

ssh = paramiko.SSHClient()
ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # ruleid
ssh.set_missing_host_key_policy(client.WarningPolicy)  # ruleid
ssh.set_missing_host_key_policy(AutoAddPolicy)  # ruleid
conn = await asyncssh.connect(host, username="deploy", known_hosts=None)  # ruleid
subprocess.run(["ssh", "-o", "StrictHostKeyChecking=no", host, "uptime"])  # ruleid
subprocess.run(["scp", "-o", "UserKnownHostsFile=/dev/null", src, dst])  # ruleid
# A policy made first and set later (or stored for another method) is the same policy.
self.key_policy = paramiko.AutoAddPolicy()  # ruleid
policy = WarningPolicy()  # ruleid
