"""Real service faults for tests: an unreachable database, a closed port, a socket that never answers.

No mocks: the code under test talks to a real socket or file that fails the way production would.
"""

import contextlib
import socket
import threading

from django.db import connections


def closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def silent_server():
    """A TCP server that accepts connections and never says a word (a hanging Redis or SMTP server).

    Yields its port. The listening backlog completes the TCP handshake, so clients connect and then wait.
    """
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held, stop = [], threading.Event()

    def hold():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            held.append(connection)  # kept open, never answered

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        server.close()


@contextlib.contextmanager
def database_unreachable(alias="default"):
    """Swap this thread's connection for one to a database that cannot be reached; the real one is kept.

    PostgreSQL: the same settings on a closed port (connection refused). SQLite: a file in a directory that
    does not exist ("unable to open database file"). Both fail in the driver, as a stopped server would.
    """
    real = connections[alias]
    settings = {**real.settings_dict}
    if real.vendor == "sqlite":
        settings["NAME"] = "/nonexistent-gongkai-directory/db.sqlite3"
    else:
        settings["PORT"] = str(closed_port())
        settings["HOST"] = "127.0.0.1"
    broken = type(real)(settings, alias)
    connections[alias] = broken
    try:
        yield
    finally:
        broken.close()
        connections[alias] = real


@contextlib.contextmanager
def small_filesystem(path, *, kilobytes=64, read_only=False):
    """A real tmpfs of `kilobytes` mounted at `path` (read-only if asked); None where mounting is not allowed.

    Root on the project's machines may mount; elsewhere the caller falls back to another real fault.
    """
    import os
    import subprocess

    os.makedirs(path, exist_ok=True)
    options = f"size={kilobytes}k" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, check=False
    ).returncode == 0
    try:
        yield path if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def files_under(path):
    import os

    return [os.path.join(root, name) for root, _, names in os.walk(path) for name in names]
