"""What every job verb (``kg build``, ``kg extract``) does around its job: signals, errors, the closing report.

Signals: SIGINT and SIGTERM are only *noted* while a job runs, and the job stops at its next safe point (between
blocks, before it commits) as ``Stopped``, a KeyboardInterrupt. Raising at the moment the signal arrives could
interrupt any code — ``Pool.apply_async`` between registering a task and queueing it, a lock held in logging —
and a pool whose bookkeeping is half-done never finishes joining (a Ctrl-C that hangs the build). A second signal
of the same kind while the first is pending stops at once: the user insists.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """A termination signal, raised where the job is so that it unwinds as Ctrl-C does (nothing left behind)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOP: list[int] = []  # signals received, acted on at the next safe point (``check_stop``)


def _on_signal(signum: int, _frame: object) -> None:
    if signum in _STOP:  # asked twice: stop now
        raise Stopped(signum)
    _STOP.append(signum)


def check_stop() -> None:
    """A safe point: stop here if a signal came."""
    if _STOP:
        raise Stopped(_STOP[0])


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within it SIGINT and SIGTERM stop the job as ``Stopped`` at its next safe point; outside the main thread,
    a no-op (signals are the main thread's)."""
    previous: dict[int, object] = {}
    try:
        for signum in _SIGNALS:
            previous[signum] = signal.signal(signum, _on_signal)
    except ValueError:
        pass
    _STOP.clear()
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        _STOP.clear()


def closed_stdout() -> int:
    """The reader of stdout went away (``| head``): stop quietly, as a process killed by SIGPIPE would."""
    try:  # the interpreter's last flush of stdout must not complain either
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


class Report(Protocol):
    """What a job returns: the summary lines, whether nothing was read, and its problems and pace."""

    articles: int
    seconds: float
    problems: list

    @property
    def empty(self) -> bool: ...

    def lines(self) -> list[str]: ...


def run_job(verb: str, target: str | Path, job: Callable[[], Report], *, stdout_what: str) -> int | Report:
    """Run ``job`` under ``stop_on_signals`` and turn what can go wrong into a message and an exit code (2: could
    not run or write; 128+N: stopped by signal N; 141: stdout closed). ``target`` is the output (``-``: stdout,
    whose content ``stdout_what`` names). Returns the job's report when it ran to its end."""
    to_stdout = str(target) == "-"
    try:
        with stop_on_signals():  # a stop removes temporary files and stops the workers, as an error does
            return job()
    except OSError as exc:  # name the file: a full disk (ENOSPC) says nothing of which one
        if isinstance(exc, BrokenPipeError) and to_stdout:
            return closed_stdout()
        if exc.errno is None and exc.filename is None:  # kg's own message (a busy store) already says what
            print(f"kg {verb}: {exc}", file=sys.stderr)
            return 2
        where = f"cannot write {target}" if exc.filename is None else exc.filename
        print(f"kg {verb}: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"kg {verb}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        where = f"{stdout_what} on stdout is incomplete" if to_stdout else f"{target} left as it was"
        print(f"kg {verb}: stopped by {signal.Signals(signum).name}; {where}", file=sys.stderr)
        return 128 + signum


def finish(verb: str, target: str | Path, report: Report, *, stdout_what: str, nothing: str,
           done: str = "wrote") -> int:
    """Print the report and the closing line; the exit code (1: nothing was built — never a success — or something
    was reported, warnings too, as bad input; 0: all well)."""
    to_stdout = str(target) == "-"
    for line in report.lines():
        print(line, file=sys.stderr)
    if report.empty:  # every input missing or failing: an error, and no output is replaced by an empty one
        state = "" if to_stdout else f"; {target} {'left as it was' if Path(target).exists() else 'not written'}"
        print(f"kg {verb}: {nothing}{state}", file=sys.stderr)
        return 1
    rate = report.articles / report.seconds if report.seconds else 0.0
    where = f"{stdout_what} to stdout" if to_stdout else target
    print(f"{done} {where} in {report.seconds:.1f} s ({rate:.{0 if rate >= 10 else 1}f} articles/s)", file=sys.stderr)
    return 1 if report.problems else 0


__all__ = ["Report", "Stopped", "check_stop", "closed_stdout", "finish", "run_job", "stop_on_signals"]
