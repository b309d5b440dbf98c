"""Prints N distinct free TCP ports on 127.0.0.1 (all bound at once, so no duplicates)."""

import socket
import sys

sockets = []
for _ in range(int(sys.argv[1])):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sockets.append(sock)
print(" ".join(str(sock.getsockname()[1]) for sock in sockets))
for sock in sockets:
    sock.close()
