"""A small process, forked before a bulk add holds anything big, that forks
the add's Whoosh sub-writers on request.

A forked process starts with its parent's memory. Whoosh's sub-writers used
to be forked from the add itself, when it held a 10,000-article chunk: each
started with the chunk's pages, and at 100,000 articles the largest process
reached 595 MB. Forked from this server instead, a sub-writer starts from
the few tens of MB an add holds before its first article is read.

The add talks to the server over a Unix socket: a pickled target and its
arguments, with the pipes the child will use passed as descriptors. The
server answers with the child's pid. It ignores Ctrl-C (the add decides
what to keep) and ends, killing its children, as soon as the add closes the
socket or dies (the socket reads end-of-file, or its parent pid changes).
It never returns into the add's code, so nothing of the main script (the
CLI, a test run) runs again in it or in its children.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import socket
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .workers import WATCH_SECONDS, die_with_parent

HEADER = struct.Struct("!I")
MAX_FDS = 8
CLOSE_WAIT_SECONDS = 2.0


class ForkServerGone(RuntimeError):
    """The fork server did not answer (it died, or was never started)."""


class ForkServer:
    """The add's side of the server: start children, end them, close."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        parent = os.getpid()
        # Ctrl-C is held back across the fork: the server must not take one
        # before it has set itself to ignore them.
        masked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        pid = -1
        try:
            pid = os.fork()
            if pid == 0:  # the server: never returns
                code = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.pthread_sigmask(signal.SIG_SETMASK, masked)
                    ours.close()  # our end stays open only in the add: its death reads as end-of-file
                    code = _serve(theirs, parent)
                finally:
                    os._exit(code)
        finally:
            if pid != 0:
                signal.pthread_sigmask(signal.SIG_SETMASK, masked)
        theirs.close()
        self.pid = pid
        self._socket: socket.socket | None = ours

    def start(self, target: Callable[..., int], args: tuple, fds: list[int]) -> int:
        """Fork a child running `target(*args, *fds)` (its exit code is what
        it returns); the descriptors are the child's from then on. Returns its pid."""
        if self._socket is None:
            raise ForkServerGone("the fork server is closed")
        try:
            _send(self._socket, ("start", target, args), fds)
            answer = _receive(self._socket)
        except OSError as error:
            raise ForkServerGone(f"the fork server failed: {error}") from error
        if answer is None:
            raise ForkServerGone("the fork server ended")
        kind, value = answer[0]
        if kind != "started":
            raise ForkServerGone(f"the fork server could not start a process: {value}")
        return int(value)

    def kill(self, pid: int) -> None:
        """End a child of the server at once (only while it is the server's:
        a pid it has reaped is never signalled, so a stranger is never hit)."""
        if self._socket is None:
            return
        try:
            _send(self._socket, ("kill", pid), [])
        except OSError:
            pass  # the server is gone, and its children with it

    def close(self) -> None:
        """End the server (and any child still running) and reap it."""
        if self._socket is None:
            return
        self._socket.close()
        self._socket = None
        # It sees end-of-file at once, unless a process forked from us since
        # (a reader) still holds a copy of our end: then it is told plainly.
        deadline = time.monotonic() + CLOSE_WAIT_SECONDS
        try:
            while os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                if time.monotonic() >= deadline:
                    _signal(self.pid, signal.SIGTERM)
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.01)
        except ChildProcessError:
            pass

    @property
    def alive(self) -> bool:
        if self._socket is None:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return done == 0


@contextmanager
def fork_server() -> Iterator[ForkServer]:
    """A fork server for the length of the block."""
    server = ForkServer()
    try:
        yield server
    finally:
        server.close()


# -- the server's side ------------------------------------------------------------


def _serve(channel: socket.socket, parent: int) -> int:
    # Ctrl-C reaches the whole process group: the add decides what to keep
    # (set before the fork returned). The add's other handlers are not ours.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    children: set[int] = set()
    try:
        while True:
            _reap(children)
            ready, _, _ = select.select([channel], [], [], WATCH_SECONDS)
            if os.getppid() != parent:
                return 1  # the add died without closing us
            if not ready:
                continue
            message = _receive(channel)
            if message is None:
                return 0  # the add closed the socket (done, or died)
            request, fds = message
            if request[0] == "kill":
                if request[1] in children:
                    _signal(request[1], signal.SIGKILL)
                continue
            try:
                pid = _fork_child(channel, request[1], request[2], fds)
            except OSError as error:
                _send(channel, ("failed", str(error)), [])
                continue
            finally:
                for fd in fds:
                    os.close(fd)  # the child's now: later children must not inherit them
            children.add(pid)
            _send(channel, ("started", pid), [])
    finally:
        for pid in children:
            _signal(pid, signal.SIGKILL)
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _fork_child(channel: socket.socket, target: Callable[..., int], args: tuple, fds: list[int]) -> int:
    server = os.getpid()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            channel.close()
            die_with_parent(server)
            code = target(*args, *fds)
        finally:
            os._exit(code)
    return pid


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


# -- messages: a length, a pickle, descriptors beside the first bytes -------------------


def _send(channel: socket.socket, message: Any, fds: list[int]) -> None:
    data = pickle.dumps(message)
    packet = HEADER.pack(len(data)) + data
    sent = socket.send_fds(channel, [packet], fds) if fds else channel.send(packet)
    if sent < len(packet):
        channel.sendall(packet[sent:])


def _receive(channel: socket.socket) -> tuple[Any, list[int]] | None:
    """The next message and the descriptors that came with it; None at end-of-file."""
    head = b""
    fds: list[int] = []
    while len(head) < HEADER.size:
        data, received, _flags, _address = socket.recv_fds(channel, HEADER.size - len(head), MAX_FDS)
        fds += received
        if not data:
            return None
        head += data
    (length,) = HEADER.unpack(head)
    body = b""
    while len(body) < length:
        data = channel.recv(length - len(body))
        if not data:
            return None
        body += data
    return pickle.loads(body), fds
