#!/usr/bin/env python3
"""Socket activation as systemd does it, for tests: bind and listen on PATH,
pass the socket as fd 3 with LISTEN_FDS=1, LISTEN_PID (this process, which
then execs the daemon) and LISTEN_FDNAMES, then exec the command.

usage: socket-activate.py PATH NAME COMMAND [ARG...]
"""
import os
import socket
import sys

path, name, command = sys.argv[1], sys.argv[2], sys.argv[3:]
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(path)
listener.listen(16)
fd = listener.fileno()
if fd != 3:
    os.dup2(fd, 3)
    listener.close()
os.set_inheritable(3, True)
os.environ["LISTEN_FDS"] = "1"
os.environ["LISTEN_PID"] = str(os.getpid())
os.environ["LISTEN_FDNAMES"] = name
os.execv(command[0], command)
