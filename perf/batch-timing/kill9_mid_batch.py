"""
kill -9 of an api-node in the middle of an INDEPENDENT batch of 10,000 items (issue 10, section 3), by hand.

Two api-nodes on one database and one chunk queue (see README.md next to this file for the commands): posts the batch
to node 1, kills node 1 with SIGKILL 1.5 s later (its pid in /tmp/batch-timing-node.pid), waits for node 2 to report
the batch COMPLETED. Then check with SQL that every item was posted exactly once (README.md).
"""
import json, urllib.request, uuid, time, subprocess, os
B1="http://127.0.0.1:18391"; B2="http://127.0.0.1:18392"; OP="plk_batch-timing-operator-key-0123456789abcdef"
def call(base, key, method, path, body=None):
    req=urllib.request.Request(base+path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization":"Bearer "+key,"Content-Type":"application/json","Idempotency-Key":str(uuid.uuid4())})
    with urllib.request.urlopen(req) as r: return r.status, json.loads(r.read())
_, t = call(B1, OP, "POST", "/api/v1/tenants", {"name":"kill9-"+str(uuid.uuid4())[:8]})
key=t["apiKey"]["key"]
acc=[call(B1,key,"POST","/api/v1/accounts",{"currency":"USD"})[1]["id"] for _ in range(21)]
call(B1,key,"POST","/api/v1/accounts/%s/credits"%acc[0],{"amount":"100000.00"})
items=[{"sourceAccountId":acc[0],"destinationAccountId":acc[1+i%20],"amount":"1.00","currency":"USD"} for i in range(10000)]
s,b=call(B1,key,"POST","/api/v1/batches",{"mode":"INDEPENDENT","items":items})
print("accepted", s, b["id"], b["counts"])
time.sleep(1.5)
_, mid = call(B2,key,"GET","/api/v1/batches/"+b["id"])
pid=int(open("/tmp/batch-timing-node.pid").read()); os.kill(pid, 9)
print("kill -9 node 1 (pid %d) with counts %s" % (pid, mid["counts"]))
start=time.time()
while True:
    _, st = call(B2,key,"GET","/api/v1/batches/"+b["id"])
    if st["status"]=="COMPLETED": break
    if time.time()-start>120: print("NOT COMPLETED", st); break
    time.sleep(0.2)
print("completed on node 2 after %.1f s: %s" % (time.time()-start, st["counts"]))
print("BATCH", b["id"])
