"""Work done by forked copies of this process: the one place the briefing forks.

Page types are independent, so the shells make them in groups at once, one group per core
(docs/performance.md). A forked child inherits the loaded briefing (nothing is sent to it) and hands
its results back as records in a temporary file: one record (`in_child`, `run_all`), or a stream
of them read as they come (`RecordReader`, the theming of a cold build). A long-lived child talks
over a pipe instead (`fork` with `pipe()`: `briefing serve`'s page worker). The core itself stays
single-process and knows nothing of this.

Only where forking is safe: `os.fork` exists, this process runs no other thread (`mkdocs serve`
runs its file watcher and web server in threads, so a preview makes its pages in one process), the
fast paths are on (generator/fast.py, "two_processes") and there is a second core to run on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import struct
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, BinaryIO, TypeVar

from .. import fast
from ..cli.report import Refused

T = TypeVar("T")

_LENGTH = struct.Struct("<Q")
_END = 0  # a record of length 0: the child has written everything


def cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one (`taskset`, a
    container's cpuset), else every core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def available() -> bool:
    return fast.on("two_processes") and hasattr(os, "fork") and cores() > 1 and threading.active_count() == 1


# -- the fork ---------------------------------------------------------------------------------------

def fork(child: Callable[[], None], *, frozen: bool = True) -> int | None:
    """Run `child()` in a forked copy of this process, which then leaves at once (never running this
    process's exit handlers, whatever `child` does); the child's pid here, or None when no process
    can be had (a process limit, no memory: the caller does the work itself). `frozen`: the loaded
    briefing is out of the cycle collector's sight in the child, so its passes do not write to (and so
    copy) every object the two processes share."""
    if frozen:
        gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        return None
    finally:
        if frozen:
            gc.unfreeze()  # here; the child unfreezes nothing: its passes walk only what it makes
    if pid == 0:
        try:
            if frozen:
                gc.freeze()
            child()
        finally:
            os._exit(0)
    return pid


def pipe() -> tuple[Connection, Connection]:
    """Two ends of a pipe for a long-lived child: pickled messages both ways."""
    return multiprocessing.Pipe()


def stop(pid: int, *, wait: float = 5.0) -> None:
    """Wait up to `wait` seconds for the child to leave, then kill it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done or time.monotonic() >= deadline:
            break
        time.sleep(0.01)
    if not done:
        kill(pid)


def kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


# -- results as records in a temporary file ---------------------------------------------------------

class RecordWriter:
    """The child's end: each record a length and a pickle, flushed as it is written."""

    def __init__(self, handle: int) -> None:
        self.file = os.fdopen(handle, "wb", buffering=1 << 20)

    def write(self, value: object) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self.file.write(_LENGTH.pack(len(data)))
        self.file.write(data)
        self.file.flush()

    def close(self) -> None:
        self.file.write(_LENGTH.pack(_END))
        self.file.close()


class RecordReader:
    """This process's end of a child writing records: `child(writer)` runs forked; `read()` gives
    each record as the child writes it, waiting for it, and None once the child has written its last
    or stopped (killed, out of memory) before finishing its record."""

    def __init__(self, child: Callable[[RecordWriter], None], *, frozen: bool = True) -> None:
        self.pid = 0
        self.file: BinaryIO | None = None
        try:
            handle, path = tempfile.mkstemp(prefix="briefing-", suffix=".records")
        except OSError:
            return

        def run() -> None:
            writer = RecordWriter(handle)
            child(writer)
            writer.close()

        pid = fork(run, frozen=frozen)
        os.close(handle)
        if pid is None:
            os.unlink(path)
            return
        self.pid = pid
        try:
            # Opened again, not `handle`: a descriptor shared with the child shares its file offset too.
            self.file = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError:
            self.close()
        finally:
            os.unlink(path)  # the open files are all either process needs

    @property
    def started(self) -> bool:
        return self.file is not None

    def read(self) -> Any | None:
        if self.file is None:
            return None
        header = self._exactly(_LENGTH.size)
        if header is None:
            return None
        (length,) = _LENGTH.unpack(header)
        data = None if length == _END else self._exactly(length)
        return None if data is None else pickle.loads(data)

    def _exactly(self, size: int) -> bytes | None:
        assert self.file is not None
        data = b""
        while len(data) < size:
            chunk = self.file.read(size - len(data))
            if chunk:
                data += chunk
                continue
            if self._stopped():  # read once more: the child may have written its last bytes and left
                chunk = self.file.read(size - len(data))
                if not chunk:
                    return None
                data += chunk
                continue
            time.sleep(0.001)
        return data

    def _stopped(self) -> bool:
        if not self.pid:
            return True
        done, _ = os.waitpid(self.pid, os.WNOHANG)
        if done:
            self.pid = 0
        return bool(done)

    def wait_for_child(self) -> None:
        """Block until the child has left (then every record it wrote can be read without waiting)."""
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = 0

    def close(self) -> None:
        """Stop reading: the child is killed if it is still at work."""
        if self.pid:
            kill(self.pid)
            self.pid = 0
        if self.file is not None:
            self.file.close()
            self.file = None


# -- one result per child ----------------------------------------------------------------------------

def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work()` in a forked child; returns a function that waits for it and gives its result,
    or raises its error (a Refused as itself, anything else as a RuntimeError with the child's
    traceback). Call the returned function exactly once. When no temporary file or no process can be
    had, the work is done in this process when the function is called: slower, same result."""

    def child(writer: RecordWriter) -> None:
        try:
            outcome: tuple = ("ok", work())
        except Refused as refusal:
            outcome = ("refused", str(refusal), type(refusal))
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
            outcome = ("error", "".join(traceback.format_exception(error)))
        writer.write(outcome)

    reader = RecordReader(child, frozen=False)
    if not reader.started:
        return work

    def wait() -> T:
        reader.wait_for_child()
        outcome = reader.read()
        reader.close()
        if outcome is None:
            outcome = ("error", "the second process stopped without a result (killed? out of memory? `--jobs 1` makes the pages in one process)")
        if outcome[0] == "ok":
            return outcome[1]
        if outcome[0] == "refused":
            raise outcome[2](outcome[1])
        raise RuntimeError(f"making pages failed in the second process:\n{outcome[1]}")

    return wait


def run_all(works: Sequence[Callable[[], T]]) -> list[T]:
    """Each work's result, in order: the first done in this process, the others in forked children at
    the same time where that is possible, else here one after the other. If any fails, every child is
    waited for before the first failure is raised (they may be writing into a folder the caller removes)."""
    if not available():
        return [work() for work in works]
    waits = [in_child(work) for work in works[1:]]
    fast.took("two_processes", len(waits))
    failure: BaseException | None = None
    results: list[T] = []
    for run in [works[0], *waits]:
        try:
            results.append(run())
        except BaseException as error:  # noqa: BLE001 - raised below, once every child is done
            failure = failure or error
    if failure is not None:
        raise failure
    return results


class SharedQueue:
    """The numbers 0 .. n-1, each given out once, to whichever process (forked after this was made)
    asks first: a counter in shared memory under a lock. Processes share work by taking the next."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.next = multiprocessing.get_context("fork").Value("q", 0)

    def __iter__(self) -> Iterator[int]:
        while True:
            with self.next.get_lock():
                taken = self.next.value
                self.next.value = taken + 1
            if taken >= self.n:
                return
            yield taken
