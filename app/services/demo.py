"""A demo office with a few weeks of sample dossiers, so a newcomer sees a working counter at first start.

Deterministic (fixed seed) so screenshots and tests are stable. Used by ``motcua --demo`` and ``motcua demo``,
and piece by piece by the demo office with a hub (:mod:`app.services.demo_office`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.domain.status import Status
from app.domain.timezone import VN_TZ
from app.services.clock import FixedClock, SystemClock
from app.services.context import Actor, ServiceContext
from app.services.demo_login import DEMO_PASSWORD, DEMO_USER
from app.services.receive import ReceiveInput, receive_dossier
from app.services.setup import init_office, is_initialised, open_store
from app.services.status_change import change_status
from app.store import catalog
from app.store.db import Store

DEMO_OFFICE = "000.00.12.H62"
DEMO_NAME = "Trung tâm Phục vụ hành chính công xã Mẫu Sơn"

# Names of the demo's citizens (bench/bench_ui.py draws its applicants from the same lists).
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_MALE, MIDDLE_FEMALE = ["Văn", "Đức", "Minh", "Quang"], ["Thị", "Ngọc", "Thu", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đông",
    "Hà",
    "Hoa",
    "Lan",
    "Mạnh",
    "Nam",
    "Phương",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]
_PLACES = ["Thôn Nà Pàn", "Thôn Khòn Khuy", "Thôn Pò Mỏ", "Khu 2 thị tứ", "Thôn Bản Làn"]


@dataclass(frozen=True)
class DemoInfo:
    data_dir: Path
    username: str
    password: str
    created: bool


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    female = rng.random() < 0.5
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)} {rng.choice(GIVEN)}"
    year = rng.randint(1950, 2004)
    century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
    id_number = f"020{century_sex}{year % 100:02d}{rng.randint(0, 999999):06d}"
    phone = f"09{rng.randint(10_000_000, 99_999_999)}"
    address = f"{rng.choice(_PLACES)}, xã Mẫu Sơn, tỉnh Lạng Sơn"
    return name, id_number, phone, address


def seed_demo(data_dir: Path, days: int = 15, per_day: int = 8, seed: int = 2025) -> DemoInfo:
    """Create the demo office in ``data_dir`` unless it already exists; returns the login to show."""
    store = open_store(data_dir)
    try:
        if is_initialised(store):
            return DemoInfo(data_dir, DEMO_USER, DEMO_PASSWORD, created=False)
        ctx = demo_context(store, data_dir)
        init_demo(ctx)
        seed_dossiers(ctx, days, per_day, seed)
        return DemoInfo(data_dir, DEMO_USER, DEMO_PASSWORD, created=True)
    finally:
        store.close()


def demo_context(store: Store, data_dir: Path) -> ServiceContext:
    """The demo's admin acting on ``store``, on a clock the seeding moves back and forth."""
    clock = FixedClock(SystemClock().now())
    return ServiceContext(store=store, data_dir=data_dir, clock=clock, actor=Actor("admin", "Quản trị", "admin"))


def init_demo(ctx: ServiceContext, counter: int = 1) -> None:
    """The demo office's settings, catalogue and accounts (admin / motcua-demo) in an empty store."""
    init_office(
        ctx,
        office_code=DEMO_OFFICE,
        office_name=DEMO_NAME,
        counter=counter,
        admin_password=DEMO_PASSWORD,
        agency_name="UBND xã Mẫu Sơn",
    )


def seed_dossiers(ctx: ServiceContext, days: int, per_day: int, seed: int) -> None:
    """``per_day`` dossiers on each working day of the last ``days`` (half today), moved along their states."""
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    now = clock.now()
    store = ctx.store
    rng = random.Random(seed)
    codes = catalog.codes(store)
    for back in range(days, -1, -1):
        day = (now - timedelta(days=back)).date()
        if day.weekday() >= 5:
            continue
        for i in range(per_day if back else per_day // 2):
            at = datetime(day.year, day.month, day.day, 8, 0, tzinfo=VN_TZ) + timedelta(minutes=35 * i)
            if at > now:
                break
            clock.current = at
            name, idn, phone, addr = _person(rng)
            code = rng.choice(codes)
            pages = rng.randint(1, 12) if code == "2.000815" else None
            result = receive_dossier(
                ctx,
                ReceiveInput(
                    code,
                    name,
                    idn,
                    phone=phone,
                    address=addr,
                    pages=pages,
                    channel="post" if rng.random() < 0.15 else "counter",
                ),
            )
            _advance(ctx, result.code, back, rng)
    clock.current = now


def _advance(ctx: ServiceContext, code: str, age_days: int, rng: random.Random) -> None:
    """Move older dossiers along so the lists show every state."""
    if age_days == 0:
        return
    ctx.clock.advance(hours=2)  # type: ignore[attr-defined]
    change_status(ctx, code, Status.PROCESSING)
    roll = rng.random()
    if roll < 0.1:
        change_status(ctx, code, Status.SUPPLEMENT, "Thiếu bản sao giấy tờ tùy thân")
    elif roll < 0.8 and age_days > 2:
        ctx.clock.advance(days=min(age_days - 1, rng.randint(1, 4)))  # type: ignore[attr-defined]
        change_status(ctx, code, Status.PROCESSED)
        if rng.random() < 0.7:
            change_status(ctx, code, Status.RETURNED)
