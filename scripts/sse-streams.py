#!/usr/bin/env python3
# 1,000 anonymous event streams from one address, as in docs/security.md ("Connection limits"): opens N connections
# to the waits stream at once and counts what each got.  Usage: python3 scripts/sse-streams.py HTTP_PORT N
import asyncio, collections, sys
HOST, PORT, N = "127.0.0.1", int(sys.argv[1]), int(sys.argv[2])
PATH = "/api/v1/centres/hcc-tinh/waits/stream"
async def one(i, held):
    try:
        r, w = await asyncio.open_connection(HOST, PORT)
        w.write(f"GET {PATH} HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await w.drain()
        status = (await asyncio.wait_for(r.readline(), 30)).decode().strip()
        head = (await asyncio.wait_for(r.read(600), 5)).decode(errors="replace")
        code = "TOO_MANY_STREAMS" if "TOO_MANY_STREAMS" in head else ""
        retry = "retry-after: 30" if "retry-after: 30" in head.lower() else ""
        held.append(w)
        return " ".join(x for x in (status, code, retry) if x)
    except Exception as e:
        return "failed: " + type(e).__name__
async def main():
    held = []
    results = await asyncio.gather(*(one(i, held) for i in range(N)))
    for k, v in collections.Counter(results).most_common():
        print(f"{v:5d}  {k}")
    for w in held:
        w.close()
asyncio.run(main())
