#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file (one line per stack: frames;...;frames COUNT) as Markdown:
where the server's CPU samples went, by the frame that was running (self) and by our own code on the stack
(inclusive), so the page can say which items to remove first without opening the flame graph.

    python3 scripts/flame-summary.py TITLE FILE.collapsed [TOP]
"""
import re
import sys
from collections import Counter


def simplify(frame):
    frame = re.sub(r"_\[[a-z0-9]\]$", "", frame)           # async-profiler's frame-type suffixes
    frame = re.sub(r"\$\$Lambda\$[0-9]+\.0x[0-9a-f]+", "$$Lambda", frame)
    frame = re.sub(r"\.0x[0-9a-f]+", "", frame)
    return frame.replace("/", ".")


def area(frame):
    """A coarse bucket: which part of the stack a sample belongs to."""
    f = frame
    if f.startswith("vn.onedesk.engine.estimation"):
        return "engine: wait estimates"
    if f.startswith("vn.onedesk.engine"):
        return "engine: decisions and state"
    if f.startswith("vn.onedesk.gateway.persistence"):
        return "gateway: persistence"
    if f.startswith("vn.onedesk.gateway.displays") or f.startswith("vn.onedesk.gateway.http"):
        return "gateway: displays and live feeds"
    if f.startswith("vn.onedesk.gateway.mqtt"):
        return "gateway: MQTT sessions"
    if f.startswith("vn.onedesk.gateway.queue"):
        return "gateway: the centres' writers (queue)"
    if f.startswith("vn.onedesk.gateway.monitoring") or f.startswith("vn.onedesk.monitoring"):
        return "gateway: metrics"
    if f.startswith("vn.onedesk.protocol"):
        return "protocol: JSON codec"
    if f.startswith("vn.onedesk"):
        return "gateway: other"
    return None


def outside(frames):
    """A sample with none of our frames: which machinery it was."""
    joined = ";".join(frames)
    if "CompileBroker" in joined or "C2Compiler" in joined or "C1Compiler" in joined:
        return "outside our code: the JIT compiler"
    if "GCTaskThread" in joined or "G1" in joined or "ConcurrentGCThread" in joined or "WorkerThread::run" in joined:
        return "outside our code: the garbage collector"
    if "io.vertx.pgclient" in joined or "io.vertx.sqlclient" in joined:
        return "outside our code: the PostgreSQL client"
    if "io.vertx.mqtt" in joined or "io.netty.handler.codec.mqtt" in joined:
        return "outside our code: MQTT codec (vertx-mqtt, Netty)"
    if "io.netty" in joined or "io.vertx" in joined:
        return "outside our code: Netty and Vert.x (network I/O, event loops)"
    return "outside our code: other (JVM, kernel, idle threads)"


def main():
    title, path = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    selfs, ours, areas = Counter(), Counter(), Counter()
    total = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not count.isdigit():
                continue
            n = int(count)
            frames = [simplify(x) for x in stack.split(";")]
            total += n
            selfs[frames[-1]] += n
            seen = set()
            bucket = None
            for fr in frames:
                if fr.startswith("vn.onedesk") and fr not in seen:
                    seen.add(fr)
                    ours[fr] += n
                b = area(fr)
                if b:
                    bucket = b  # the deepest of our frames decides
            areas[bucket or outside(frames)] += n
    if total == 0:
        print(f"**{title}**: no samples.\n")
        return
    pct = lambda n: f"{100.0 * n / total:.1f}"
    print(f"**{title}** ({total:,} CPU samples)\n")
    print("| where (deepest of our frames on the stack) | share % |\n|---|---:|")
    for k, n in areas.most_common():
        print(f"| {k} | {pct(n)} |")
    print(f"\n| top {top} frames by self time | share % |\n|---|---:|")
    for k, n in selfs.most_common(top):
        print(f"| `{k[:110]}` | {pct(n)} |")
    print(f"\n| top {top} of our methods, inclusive | share % |\n|---|---:|")
    for k, n in ours.most_common(top):
        print(f"| `{k[:110]}` | {pct(n)} |")
    print()


if __name__ == "__main__":
    main()
