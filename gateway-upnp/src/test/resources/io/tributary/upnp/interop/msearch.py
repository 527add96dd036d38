"""Raw M-SEARCH sender, a test fixture: sends COUNT searches for ST to TARGET (host:port; a multicast group goes
out of the interface holding BIND) from a socket bound to BIND, as fast as it can, then listens WAIT seconds more.
Prints `response <USN>` per answer and at the end `sent <n> responses <m> window <seconds>`, the window being the
time from the first search to the end of listening.

usage: msearch.py BIND TARGET ST COUNT WAIT
"""
import socket
import sys
import time

bind, target, st, count, wait = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
host, port = target.rsplit(":", 1)
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((bind, 0))
sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(bind))
sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 2)
search = ("M-SEARCH * HTTP/1.1\r\nHOST: %s\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: %s\r\n\r\n"
          % (target, st)).encode("ascii")
start = time.monotonic()
for _ in range(count):
    sock.sendto(search, (host, int(port)))
end = time.monotonic() + wait
responses = 0
while True:
    left = end - time.monotonic()
    if left <= 0:
        break
    sock.settimeout(left)
    try:
        data, _sender = sock.recvfrom(4096)
    except socket.timeout:
        break
    responses += 1
    usn = [line.split(":", 1)[1].strip() for line in data.decode("latin-1").split("\r\n")
           if line.upper().startswith("USN:")]
    print("response", usn[0] if usn else "?", flush=True)
print("sent %d responses %d window %.3f" % (count, responses, time.monotonic() - start), flush=True)
