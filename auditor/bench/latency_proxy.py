"""TCP forwarder from this machine's loopback (into a lab network namespace), with latency.

Run as its own process (`python -m auditor.bench.latency_proxy NETNS DELAY_MS IP:PORT ...`,
NETNS "-" to stay in this machine's network): it binds one listener per target on a free
127.0.0.1 port first, then joins NETNS, so each accepted connection is
carried on to IP:PORT from inside the lab network. With DELAY_MS > 0 every chunk is delivered
DELAY_MS after it arrived, in each direction (a round trip costs 2 x DELAY_MS) without capping
throughput: this is the latency-injecting proxy of the fleet benchmark. Prints "ready PORT..."
(the listeners' ports, in target order) once listening. Dies with its parent.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import socket
import sys

CLONE_NEWNET = 0x40000000


def _setns(path: str) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {path}")
    finally:
        os.close(fd)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()

    sender = asyncio.create_task(deliver())
    try:
        while data := await reader.read(65536):
            queue.put_nowait((loop.time() + delay, data))
    except (ConnectionError, OSError):
        pass
    queue.put_nowait((0.0, b""))
    with contextlib.suppress(ConnectionError, OSError):
        await sender


async def _serve(sock: socket.socket, target: tuple[str, int], delay: float) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(_pipe(reader, up_writer, delay), _pipe(up_reader, writer, delay))
        for w in (writer, up_writer):
            w.close()

    server = await asyncio.start_server(handle, sock=sock)
    await server.serve_forever()


async def _main(netns: str, delay_ms: float, maps: list[str]) -> None:
    listeners = []
    for target in maps:
        ip, port = target.rsplit(":", 1)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(256)
        listeners.append((sock, (ip, int(port))))
    if netns != "-":
        _setns(netns)  # sockets made from here on (the upstream connections) live in the lab
    print("ready", *(s.getsockname()[1] for s, _ in listeners), flush=True)
    await asyncio.gather(*(_serve(s, t, delay_ms / 1000.0) for s, t in listeners))


if __name__ == "__main__":
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    asyncio.run(_main(sys.argv[1], float(sys.argv[2]), sys.argv[3:]))
