"""The demo office's child processes: how to start this program again as another PC of the office, and how to
make sure none of them outlives the demo.

Why a module of its own: starting "this program" differs by how it was installed. From a checkout or a wheel,
``sys.executable`` is Python and the program is ``-m app`` (or ``-m sync.server.cli`` for the province). The
Windows installer's ``motcua.exe`` / ``motcua-app.exe`` are pynsist's (distlib) launchers that run the bundled
``Python/python.exe`` / ``pythonw.exe``, so there too ``sys.executable`` is Python, and pynsist's ``._pth`` file
and ``PYTHONPATH`` put ``pkgs`` on the path of every child: ``-m app`` works the same. A frozen build
(PyInstaller, the Linux bundle) has ``sys.executable`` = the ``motcua`` executable itself, which takes the same
arguments but carries no server stack, so the demo office refuses there with a sentence. GUI children on
Windows use ``pythonw.exe`` so no console window opens behind them; servers get ``CREATE_NO_WINDOW``.

No orphans: each child is tied to the process that started it. On Linux the kernel kills it when that process
dies (``PR_SET_PDEATHSIG``), SIGKILL included (the servers are built to survive a SIGKILL); on Windows every
child joins a job object that kills them all when the job's last handle closes, which the OS does when the
starting process ends. A normal end asks them all at once (SIGTERM: a Qt window closes, a server shuts down),
then SIGKILLs what is left after a grace period.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

STOP_GRACE_S = 5.0


def program(module: str, *, gui: bool = False) -> list[str]:
    """The command that runs ``module`` (``app`` or ``sync.server.cli``) of this very installation."""
    if getattr(sys, "frozen", False):
        if module != "app":
            raise RuntimeError(f"a frozen build runs only the app, not {module}")
        return [sys.executable]
    python = Path(sys.executable)
    if gui and on_windows() and python.name.lower() == "python.exe":
        windowed = python.with_name("pythonw.exe")
        python = windowed if windowed.exists() else python
    return [str(python), "-m", module]


def on_windows() -> bool:
    return os.name == "nt"


def servers_available() -> bool:
    """True when this installation carries the server stack the province and the hub run on."""
    if getattr(sys, "frozen", False):
        return False
    return all(importlib.util.find_spec(name) is not None for name in ("uvicorn", "fastapi"))


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child: ours, with this installation's packages first on ``PYTHONPATH``."""
    env = {**os.environ, **(extra or {})}
    if not getattr(sys, "frozen", False):
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _die_with_parent() -> None:  # runs in the child between fork and exec (Linux only)
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)  # not TERM: a server would first finish its long polls


class _WindowsJob:
    """A job object that kills its processes when its last handle closes (the starting process's end)."""

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        self._k32 = k32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle, dword = wintypes.HANDLE, wintypes.DWORD  # declared: a 64-bit handle must not pass as a C int
        k32.CreateJobObjectW.restype = handle
        k32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
        k32.SetInformationJobObject.argtypes = [handle, ctypes.c_int, ctypes.c_void_p, dword]
        k32.OpenProcess.restype = handle
        k32.OpenProcess.argtypes = [dword, wintypes.BOOL, dword]
        k32.AssignProcessToJobObject.argtypes = [handle, handle]
        k32.CloseHandle.argtypes = [handle]
        self.handle = k32.CreateJobObjectW(None, None)

        class Limits(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION, only LimitFlags is set
            _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                        ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                        ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                        ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                        ("SchedulingClass", wintypes.DWORD), ("IoCounters", ctypes.c_uint64 * 6),
                        ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                        ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

        limits = Limits()
        limits.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        extended_limit_information = 9
        k32.SetInformationJobObject(self.handle, extended_limit_information, ctypes.byref(limits),
                                    ctypes.sizeof(limits))

    def add(self, pid: int) -> None:
        process_all_access = 0x1F0FFF
        handle = self._k32.OpenProcess(process_all_access, False, pid)
        if handle:
            self._k32.AssignProcessToJobObject(self.handle, handle)
            self._k32.CloseHandle(handle)


@dataclass
class Child:
    name: str
    proc: subprocess.Popen[bytes]
    log: IO[bytes]

    def running(self) -> bool:
        return self.proc.poll() is None


@dataclass
class Children:
    """Every process the demo started, stopped together; ``logs`` holds one log file per child."""

    logs: Path
    started: list[Child] = field(default_factory=list)
    _job: _WindowsJob | None = None

    def start(self, name: str, argv: Sequence[str], *, server: bool = False,
              env: dict[str, str] | None = None) -> Child:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop_all
        kwargs: dict[str, object] = {}
        if os.name == "nt":
            if self._job is None:
                self._job = _WindowsJob()
            if server:
                kwargs["creationflags"] = subprocess.CREATE_NO_WINDOW  # type: ignore[attr-defined]
        else:
            kwargs["preexec_fn"] = _die_with_parent if sys.platform.startswith("linux") else None
            kwargs["start_new_session"] = True  # a Ctrl+C in the terminal reaches the demo, which stops them in order
        proc = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                env=child_env(env), **kwargs)  # type: ignore[call-overload]
        if self._job is not None:
            self._job.add(proc.pid)
        child = Child(name, proc, log)
        self.started.append(child)
        return child

    def stop_all(self, grace: float = STOP_GRACE_S) -> None:
        """Stop every child: all asked at once (SIGTERM), SIGKILL for what has not ended after ``grace`` seconds
        (a server may hold a long poll open that long)."""
        for child in reversed(self.started):
            if child.running():
                with contextlib.suppress(OSError):
                    child.proc.terminate()
        deadline = time.monotonic() + grace
        while any(c.running() for c in self.started) and time.monotonic() < deadline:
            time.sleep(0.05)
        for child in self.started:
            if child.running():
                with contextlib.suppress(OSError):
                    child.proc.kill()
                child.proc.wait(5)
            child.log.close()
        self.started.clear()
