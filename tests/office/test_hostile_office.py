"""A hostile tester's cases against a real office (province and hub processes, counters enrolled through the CLI).

Why a file of its own: these are the cases nobody wrote down — a counter's backup restored after it had synced
more, a token carried to another office's hub, two enrolments with one code at the same instant — each checked end
to end at the province, where a duplicate or a loss would finally show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from app.services.clock import SystemClock
from app.services.hub_keys import AppHubKeys
from app.services.setup import open_store
from app.services.sync_bridge import build_engine
from app.store import outbox
from sync.hub import keys as hub_keys
from sync.hub.folder import HubFolder
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Counter, Office, central_cli, motcua
from tests.sync.serverproc import REPO

pytestmark = pytest.mark.slow


def until(check: Callable[[], bool], timeout: float = 15.0) -> None:
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.05)


def _province_codes(office: Office) -> list[str]:
    return sorted(d["code"] for d in office.province.dossiers(OFFICE_CODE))


def _reopen(counter: Counter) -> None:
    counter.ctx.store.close()
    counter.ctx.store = open_store(counter.data_dir)


def test_a_counter_restored_from_an_older_backup_after_syncing_more_loses_and_repeats_nothing(
    office: Office, tmp_path: Path
) -> None:
    counter = office.counter("quay-khoi-phuc")
    before = [counter.receive(f"Trước sao lưu {n}").code for n in ("An", "Bình")]
    counter.sync()
    backup = tmp_path / "quay.mcbak"
    code, _, err = motcua(counter.data_dir, "backup", "--out", str(backup))
    assert code == 0, err
    after = [counter.receive(f"Sau sao lưu {n}").code for n in ("Chi", "Dũng")]
    counter.sync()
    counter.ctx.store.close()
    code, _, err = motcua(counter.data_dir, "restore", str(backup), "--force")
    assert code == 0, err
    _reopen(counter)
    later = counter.receive("Sau khôi phục Em").code
    assert later not in before + after, "a code already given is never given again"
    counter.sync()
    counter.sync()  # the second round pulls back what the restore took away
    made = before + after + [later]
    assert counter.codes() >= set(made), "the counter finds again the dossiers it received after its backup"
    assert outbox.counts(counter.ctx.store)["pending"] == 0
    until(lambda: set(made) <= set(_province_codes(office)))
    mine = [c for c in _province_codes(office) if c in set(made)]
    assert mine == sorted(made), "every dossier at the province exactly once"


def _token(counter: Counter, required: bool = True) -> str | None:
    from app.security.sealed_token import token_store
    from app.services.sync_bridge import TOKEN_FILE

    token = token_store(counter.data_dir, counter.ctx.store.key, TOKEN_FILE).load()  # type: ignore[attr-defined]
    assert token or not required
    return str(token) if token else None


def _device_id(counter: Counter) -> str:
    return build_engine(counter.ctx.store, counter.data_dir).store.load_state().device_id


def _answers(base: str, token: str) -> list[int]:
    """What the server says to ``token`` on the feed, a push, the queue's board and a ticket, and its stream."""
    auth = {"Authorization": f"Bearer {token}"}
    kw: dict[str, Any] = {"headers": auth, "timeout": 10, "verify": False}
    answers = [
        requests.get(base + "/v1/changes", **kw),
        requests.post(base + "/v1/events", json={"events": []}, **kw),
        requests.get(base + "/v1/queue/board", **kw),
        requests.post(base + "/v1/queue/tickets", json={"service": "A", "request_id": "yeu-cau-0001"}, **kw),
        requests.get(base + "/v1/queue/stream", stream=True, **kw),
    ]
    for answer in answers:
        answer.close()
    return [a.status_code for a in answers]


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_a_revoked_token_and_a_token_carried_to_another_server_are_refused_everywhere(office: Office) -> None:
    counter = office.counter("quay-bi-lay-ma")
    counter.sync()
    token = str(_token(counter))
    assert _answers(office.hub.url, token)[0] == 200  # the token works where it was given
    # the province hosts no queue (404 there); its feed and its push refuse the hub's device
    assert _answers(office.central.url, token)[:2] == [401, 401], "a hub's device token means nothing upstream"
    stranger_office = office.province.new_office("UBND xã Lạ")
    enrolled = requests.post(office.central.url + "/v1/enroll", timeout=10, json={
        "code": office.province.enrollment_code(stranger_office), "device_id": "0190aaaa-0000-7000-8000-0000000000aa"})
    assert enrolled.status_code == 200, enrolled.text
    assert set(_answers(office.hub.url, enrolled.json()["token"])) == {401}, "another office's token at our hub"
    code, _, err = motcua(office.hub_dir, "hub", "revoke", _device_id(counter))
    assert code == 0, err
    assert set(_answers(office.hub.url, token)) == {401}, "a revoked device is refused on every route"


def test_one_code_used_by_two_pcs_at_the_same_instant_enrols_one_and_the_other_is_told(office: Office) -> None:
    code = office.hub_code()
    pcs = [office.counter(f"cung-ma-{n}", enrol=False) for n in (1, 2)]
    for pc in pcs:
        pc.ctx.store.close()

    def enrol(pc: Counter) -> subprocess.CompletedProcess[str]:  # processes: two PCs, not two threads
        return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(pc.data_dir), "--lang", "en", "enroll",
                               "--server", office.hub.url, "--code", code], capture_output=True, text=True, timeout=60)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(enrol, pcs))
    assert sorted(r.returncode for r in results) == [0, 2], [(r.returncode, r.stderr) for r in results]
    refused = next(r for r in results if r.returncode != 0)
    assert "enrolment code is unknown, used or expired" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    again = enrol(pcs[0] if results[1].returncode == 0 else pcs[1])  # the one that won, once more
    assert again.returncode == 2 and "Traceback" not in again.stderr, again.stderr
    for pc in pcs:
        pc.ctx.store = open_store(pc.data_dir)
    enrolled = [_token(pc, required=False) is not None for pc in pcs]
    assert enrolled == [r.returncode == 0 for r in results], "only the winner holds a token"


class _DayAhead(SystemClock):
    """A counter PC whose clock is a day ahead until somebody corrects it."""

    def __init__(self) -> None:
        self.ahead = timedelta(days=1)

    def now(self) -> datetime:
        return super().now() + self.ahead


def test_a_counter_a_day_ahead_then_corrected_sends_both_dossiers_once_with_the_hubs_time(office: Office) -> None:
    clock = _DayAhead()
    counter = office.counter("quay-lech-ngay", clock=clock)
    ahead = counter.receive("Đồng hồ nhanh một ngày").code
    counter.sync()
    clock.ahead = timedelta(0)
    right = counter.receive("Đồng hồ đã chỉnh").code
    assert right != ahead
    counter.sync()
    assert outbox.counts(counter.ctx.store)["pending"] == 0, "nothing is left behind or rejected"
    assert outbox.counts(counter.ctx.store).get("rejected", 0) == 0
    until(lambda: {ahead, right} <= set(_province_codes(office)))
    now = datetime.now(UTC)
    hub = hub_keys.open_database(HubFolder.of_data_dir(office.hub_dir), AppHubKeys())
    try:
        for db in (hub, office.province.db):  # the books' time is the server's, not the PC's wrong clock
            with db.transaction(write=False) as tx:
                rows = tx.all("SELECT code, received_at FROM dossiers WHERE code IN (?, ?)", (ahead, right))
            assert len(rows) == 2
            for row in rows:
                at = datetime.fromisoformat(row["received_at"].replace("Z", "+00:00"))
                assert abs(at - now) < timedelta(minutes=1), row
    finally:
        hub.close()


def _letters(n: int) -> str:
    """A name part from a number (names hold letters only): 0 -> "a", 27 -> "bb"."""
    return "".join("abcdefghiklmnopqrstuvxy"[int(d)] for d in str(n))


def test_a_province_away_while_hundreds_wait_at_the_hub_gets_each_once_when_back(fresh_office: Office) -> None:
    office = fresh_office
    backlog = int(os.environ.get("MOTCUA_HOSTILE_BACKLOG", "300"))  # 5000 by hand: the figure in the report
    per_counter = 900  # a counter's slot holds 999 numbers a day
    counters = [office.counter(f"quay-dong-{n}") for n in range(-(-backlog // per_counter))]
    office.central.stop()
    made = [counters[n // per_counter].receive(f"Người chờ {_letters(n)}").code for n in range(backlog)]
    for counter in counters:
        while counter.sync().pushed:
            pass
        assert outbox.counts(counter.ctx.store)["pending"] == 0, "the hub took everything while the province was away"
    code, status, err = motcua(office.hub_dir, "hub", "status", "--json")
    assert code == 0, err
    assert status["forward"]["waiting"] >= backlog
    office.central.start()
    back = time.monotonic()
    until(lambda: len(_province_codes(office)) >= backlog, timeout=60 + backlog / 20)
    print(f"{backlog} dossiers reached the province {time.monotonic() - back:.1f} s after it came back")  # -s
    assert _province_codes(office) == sorted(made), "each dossier at the province exactly once"
    until(lambda: motcua(office.hub_dir, "hub", "status", "--json")[1]["forward"]["waiting"] == 0)
    assert motcua(office.hub_dir, "hub", "status", "--json")[1]["forward"]["refused"] == 0


def test_a_catalogue_file_with_one_bad_record_among_good_ones_is_refused_at_the_province_naming_it(
    office: Office, tmp_path: Path
) -> None:
    """Every counter would hold the bad record aside (and the hub drops it with a log line): the province's
    ``catalog publish`` runs the devices' own check first, names the record, and publishes nothing of the file."""
    shipped = json.loads((REPO / "resources" / "data" / "procedures.json").read_text("utf-8"))
    good = [dict(shipped[0], name_vi="Đăng ký khai sinh (tên mới)"), dict(shipped[1], name_vi="Thủ tục thứ hai mới")]
    bad = dict(shipped[2], name_vi="Tên có\x00NUL")
    published = tmp_path / "procedures.json"
    published.write_text(json.dumps([good[0], bad, good[1]], ensure_ascii=False), "utf-8")
    done = subprocess.run([sys.executable, "-m", "sync.server.cli", "catalog", "publish", str(published),
                           "--database-url", office.central.db_url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done
    assert "record 2" in done.stderr and bad["code"] in done.stderr and "nothing published" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    counter = office.counter("quay-danh-muc")
    counter.sync()
    names = set(_names(counter).values())
    assert good[0]["name_vi"] not in names and good[1]["name_vi"] not in names
    published.write_text(json.dumps(good, ensure_ascii=False), "utf-8")
    central_cli(office.central.db_url, "catalog", "publish", str(published))

    def arrived() -> bool:
        counter.sync()
        return {good[0]["name_vi"], good[1]["name_vi"]} <= set(_names(counter).values())

    until(arrived)


def _names(counter: Counter) -> dict[str, str]:
    code, listed, err = motcua(counter.data_dir, "catalog", "list", "--json")
    assert code == 0, err
    return {p["code"]: p["name_vi"] for p in listed}


@pytest.mark.parametrize("ttl", ["0", "-5", "1e9", "nan"])
def test_a_code_lifetime_out_of_range_is_one_sentence_in_the_users_language(office: Office, ttl: str) -> None:
    for lang, words in (("vi", "thời hạn của mã phải lớn hơn 0"), ("en", "must be more than 0 and at most 720")):
        done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(office.hub_dir), "--lang", lang, "hub",
                               "enrollment-code", "--ttl-hours", ttl], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and words in done.stderr, done.stderr
        assert done.stderr.count("ttl-hours") == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_two_syncs_of_one_counter_at_once_send_each_dossier_once(office: Office) -> None:
    """The app's own sync and a supervisor's ``motcua sync`` started at the same moment on one PC."""
    counter = office.counter("quay-hai-lan")
    made = [counter.receive(f"Cùng gửi {_letters(n)}").code for n in range(40)]
    counter.ctx.store.close()

    def sync(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(counter.data_dir), "--lang", "en",
                               "sync", "--json"], capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(sync, range(2)))
    assert all("Traceback" not in r.stderr for r in results), [r.stderr for r in results]
    assert any(r.returncode == 0 for r in results), [r.stderr for r in results]
    counter.ctx.store = open_store(counter.data_dir)
    counter.sync()
    assert outbox.counts(counter.ctx.store)["pending"] == 0
    until(lambda: set(made) <= set(_province_codes(office)))
    assert sorted(c for c in _province_codes(office) if c in set(made)) == sorted(made)
    sent = {r["id"] for r in counter.ctx.store.query("SELECT id FROM outbox")}
    at_province = [e for e in office.province.events(OFFICE_CODE) if e["id"] in sent]
    assert len(at_province) == len({e["id"] for e in at_province}) == len(sent), "each event stored once"


def test_a_bad_change_in_the_provinces_feed_is_skipped_by_the_hub_and_shown_in_hub_status(office: Office) -> None:
    """An older province, or a back-office import, puts a record in the feed that the devices' check refuses:
    the hub skips it (the office's feed goes on) and says so in ``hub status``, not only in its log."""
    from sync.protocol.timefmt import utc_now
    from sync.server.feed import NewChange, emit

    key = "9.999990"
    with office.province.db.transaction() as tx:
        emit(tx, [NewChange("catalog", key, {"code": key, "name_vi": "Tên có\x00NUL"}, utc_now()),
                  NewChange("catalog", "9.999991", {"code": "9.999991", "name_vi": "Thủ tục tốt sau nó"}, utc_now())])
    counter = office.counter("quay-sau-hub")

    def good_arrived() -> bool:
        counter.sync()
        return "9.999991" in _names(counter)

    until(good_arrived)
    assert key not in _names(counter)
    code, status, err = motcua(office.hub_dir, "hub", "status", "--json")
    assert code == 0, err
    dropped = status["skipped_from_province"]
    assert dropped["count"] >= 1 and key in [d["key"] for d in dropped["last"]], dropped
    code, text, err = motcua(office.hub_dir, "hub", "status")
    assert code == 0 and "failed the checks" in text and key in text, text
