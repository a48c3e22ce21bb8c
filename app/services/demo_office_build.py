"""The demo office's build steps, each with the command a real province or office would run.

Why apart from :mod:`app.services.demo_office` (the folder): these run the real commands in this process
(``motcua-central office add`` / ``enrollment-code --hub``, ``motcua hub init``, ``hub enrollment-code``,
``motcua enroll``) and the services a clerk's window would (receive, sync, issue and call tickets), so what the
demo shows is what an office gets.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.services.context import ServiceContext
from app.services.demo import DEMO_OFFICE, DEMO_PASSWORD, demo_context, init_demo, seed_dossiers
from app.services.demo_office import HOST, PCS, ROLES, DemoOfficeError, Layout


def motcua(data_dir: Path, *argv: str) -> dict[str, Any]:
    """Run a ``motcua`` command in this process (the real command), its ``--json`` answer as a dict."""
    from app.cli import run_cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(["--data-dir", str(data_dir), "--lang", "en", *argv, "--json"])
    if code != 0:
        raise DemoOfficeError(f"lệnh “motcua {' '.join(argv[:2])}” không thành công: {err.getvalue().strip()}",
                              f"“motcua {' '.join(argv[:2])}” failed: {err.getvalue().strip()}")
    return dict(json.loads(out.getvalue()))


def central(layout: Layout, *argv: str) -> dict[str, Any]:
    """Run a ``motcua-central`` administration command in this process, its ``--json`` answer."""
    from sync.server.cli import main as central_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = central_main([*argv, "--json", "--database-url", layout.province_db])
    if code != 0:
        raise DemoOfficeError(f"lệnh “motcua-central {argv[0]}” không thành công",
                              f"“motcua-central {argv[0]}” failed")
    return dict(json.loads(out.getvalue()))


def prepare_province(layout: Layout) -> str:
    """The province's database with the demo office; returns a hub enrolment code (before the server runs)."""
    from app.services.demo import DEMO_NAME

    central(layout, "office", "add", "--code", DEMO_OFFICE, "--name", DEMO_NAME)
    return str(central(layout, "enrollment-code", "--office", DEMO_OFFICE, "--hub")["code"])


def init_hub(layout: Layout, code: str) -> None:
    """``motcua hub init``: the hub's folder, TLS key and certificate, enrolled with the running province."""
    motcua(layout.hub_dir, "hub", "init", "--office-code", DEMO_OFFICE, "--upstream", layout.province_url,
           "--code", code, "--host", HOST, "--port", str(layout.hub_port))


def build_pcs(layout: Layout, progress: Callable[[str], None] = lambda _: None) -> None:
    """The four PCs' data folders, each enrolled with the running hub; dossiers at the counters, a few tickets."""
    from app.services.setup import open_store

    template = layout.root / "pc-template"
    store = open_store(template)
    try:
        init_demo(demo_context(store, template))
    finally:
        store.close()
    for name in PCS:
        progress(name)
        # Contents only (copyfile): copy2's Windows fast path, CopyFile2, is missing from Wine, where CI runs this.
        shutil.copytree(template, layout.pc(name), copy_function=shutil.copyfile)
        code = motcua(layout.hub_dir, "hub", "enrollment-code", "--role", ROLES[name])["code"]
        motcua(layout.pc(name), "enroll", "--server", layout.hub_url, "--code", code, "--name", name,
               "--admin-password-file", str(_password_file(layout)))
    shutil.rmtree(template)
    _counter_numbers(layout)
    _dossiers(layout)
    morning(layout)


def _password_file(layout: Layout) -> Path:
    """The demo admin's password (public: it is printed on every demo window) for commands that ask for it."""
    path = layout.root / "demo-password.txt"
    if not path.exists():
        path.write_text(DEMO_PASSWORD, "utf-8")
    return path


def _context(layout: Layout, name: str) -> ServiceContext:
    """The demo's admin on one PC's store (the caller closes it)."""
    from app.services.setup import open_store

    return demo_context(open_store(layout.pc(name)), layout.pc(name))


def _counter_numbers(layout: Layout) -> None:
    """Counter 2's PC says it is counter 2; on the hub, counter 1 calls A–C and counter 2 every service."""
    from app.services.queue_backend import queue_for
    from app.services.settings_update import save_settings

    for number, name in ((1, "counter-1"), (2, "counter-2")):
        ctx = _context(layout, name)
        try:
            save_settings(ctx, {"counter": number})
            q = queue_for(ctx)
            letters = [s["letter"] for s in q.list_services(ctx)]
            q.set_counter(ctx, number, letters[:3] if number == 1 else letters)
        finally:
            ctx.store.close()


def _dossiers(layout: Layout) -> None:
    """A fortnight of dossiers received at each counter, synced through the hub so each counter finds all."""
    from app.services.sync_bridge import build_engine

    for seed, name in enumerate(("counter-1", "counter-2")):
        ctx = _context(layout, name)
        try:
            seed_dossiers(ctx, days=10, per_day=3, seed=2025 + seed)
            build_engine(ctx.store, ctx.data_dir).run_once()
        finally:
            ctx.store.close()
    ctx = _context(layout, "counter-1")
    try:
        build_engine(ctx.store, ctx.data_dir).run_once()  # counter 2's dossiers come down
    finally:
        ctx.store.close()


def morning(layout: Layout) -> bool:
    """A morning under way when the hub's queue is empty (a new build, or a later day): tickets taken at the
    kiosk (one by an elderly citizen), one being served at counter 1. False when tickets were waiting already."""
    from app.services.queue_backend import queue_for

    kiosk = _context(layout, "kiosk")
    try:
        q = queue_for(kiosk)
        if q.waiting_for(kiosk):
            return False
        for letter, group in (("A", ""), ("B", ""), ("A", "elderly"), ("C", ""), ("D", "")):
            q.issue_ticket(kiosk, letter, group, "kiosk")
    finally:
        kiosk.store.close()
    counter = _context(layout, "counter-1")
    try:
        queue_for(counter).call_next(counter, 1)
    finally:
        counter.store.close()
    return True
