"""Work done by a forked copy of this process, on the second core.

Page types are independent, so the shells make them in two halves at once (docs/performance.md).
The child inherits the loaded briefing (nothing is sent to it) and hands its result back through a
temporary file; the core itself stays single-process and knows nothing of this.

Only where forking is safe: `os.fork` exists and this process runs no other thread (`mkdocs serve`
runs its file watcher and web server in threads, so a preview makes its pages in one process).
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

from .. import fast
from ..cli.report import Refused

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one (`taskset`, a
    container's cpuset), else every core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def available() -> bool:
    return fast.on("two_processes") and hasattr(os, "fork") and cores() > 1 and threading.active_count() == 1


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work()` in a forked child; returns a function that waits for it and gives its result,
    or raises its error (a Refused as itself, anything else as a RuntimeError with the child's
    traceback). Call the returned function exactly once. When no temporary file or no process can be
    had, the work is done in this process when the function is called: slower, same result."""
    try:
        handle, path = tempfile.mkstemp(prefix="briefing-", suffix=".result")
    except OSError:  # no temporary file to be had: the work is done here, when its result is asked for
        return work
    try:
        pid = os.fork()
    except OSError:  # no process to be had (a process limit, no memory): the same
        os.close(handle)
        os.unlink(path)
        return work
    if pid == 0:  # the child: work, report, and leave without running the parent's exit handlers
        try:
            try:
                outcome: tuple[str, object] = ("ok", work())
            except Refused as refusal:
                outcome = ("refused", str(refusal), type(refusal))
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
                outcome = ("error", "".join(traceback.format_exception(error)))
            with os.fdopen(handle, "wb") as file:
                pickle.dump(outcome, file, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    os.close(handle)

    def wait() -> T:
        os.waitpid(pid, 0)
        try:
            with open(path, "rb") as file:
                outcome = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError):
            outcome = ("error", "the second process stopped without a result (killed? out of memory? `--jobs 1` makes the pages in one process)")
        finally:
            try:
                os.unlink(path)
            except OSError:
                pass
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
