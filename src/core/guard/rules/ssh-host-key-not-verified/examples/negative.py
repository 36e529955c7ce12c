import asyncssh
import paramiko
import subprocess

ssh = paramiko.SSHClient()
ssh.load_system_host_keys()
ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
ssh.set_missing_host_key_policy(policy)
conn = await asyncssh.connect(host, username="deploy", known_hosts="/etc/ssh/ssh_known_hosts")
conn = await asyncssh.connect(host, username="deploy")
subprocess.run(["ssh", "-o", "StrictHostKeyChecking=yes", host, "uptime"])
subprocess.run(["ssh", "-o", "StrictHostKeyChecking=accept-new", host, "uptime"])
cache = dict(known_hosts=None)
self.key_policy = paramiko.RejectPolicy()
policy_name = "AutoAddPolicy"
