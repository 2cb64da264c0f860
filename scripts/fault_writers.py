"""Concurrent writers for scripts/load-and-fault.sh: each thread creates invites through the REST
API until the server stops answering, and every invite the server acknowledged (201 with its
id) is written to OUT, one id per line, once all threads have stopped.

    python3 scripts/fault_writers.py URL TOKEN ORG THREADS OUT
"""

import http.client
import json
import sys
import threading
import urllib.parse

url, token, org, threads, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
target = urllib.parse.urlparse(url)
acknowledged = []
refused = []
lock = threading.Lock()


def write():
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    body = json.dumps({"max_uses": 1})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    while True:
        try:
            connection.request("POST", f"/api/v1/organizations/{org}/invites", body, headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            return  # the server is gone: what it acknowledged so far is what counts
        with lock:
            if response.status == 201:
                acknowledged.append(json.loads(data)["id"])
            else:
                refused.append(response.status)


workers = [threading.Thread(target=write) for _ in range(threads)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
with open(out, "w") as f:
    f.write("".join(f"{i}\n" for i in acknowledged))
print(f"{len(acknowledged)} acknowledged, {len(refused)} refused {sorted(set(refused))}")
