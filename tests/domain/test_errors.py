"""ValidationError formats the field label and the reason in both languages."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import FIELD_LABELS, DomainError, ValidationError

REQUIRED_FIELDS = [
    "applicant_name",
    "id_number",
    "cccd_qr",
    "phone",
    "email",
    "address",
    "birth_date",
    "procedure",
    "code",
    "office_code",
    "office_name",
    "status",
    "reason",
    "received_at",
    "pages",
    "copies",
    "channel",
    "device_slot",
    "counter",
    "username",
    "password",
    "role",
    "date",
]


def test_required_labels_exist() -> None:
    missing = [f for f in REQUIRED_FIELDS if f not in FIELD_LABELS]
    assert missing == []
    for vi, en in FIELD_LABELS.values():
        assert vi and en


def test_message_uses_label_in_both_languages() -> None:
    err = ValidationError("phone", "phải có 10 chữ số.", "must have 10 digits.")
    assert err.message() == "Số điện thoại: phải có 10 chữ số."
    assert err.message("en") == "Phone number: must have 10 digits."
    assert str(err) == err.message("vi")
    assert isinstance(err, DomainError)
    assert err.to_dict() == {
        "field": "phone",
        "reason_vi": "phải có 10 chữ số.",
        "reason_en": "must have 10 digits.",
    }


def test_unknown_field_falls_back_to_key() -> None:
    err = ValidationError("zzz", "lỗi", "error")
    assert err.message("vi") == "zzz: lỗi"
    assert err.message("en") == "zzz: error"


def test_survives_pickling() -> None:
    err = pickle.loads(pickle.dumps(ValidationError("code", "sai", "wrong")))
    assert (err.field, err.reason_vi, err.reason_en) == ("code", "sai", "wrong")


@given(st.sampled_from(sorted(FIELD_LABELS)), st.text(), st.text())
def test_message_ends_with_reason(field: str, vi: str, en: str) -> None:
    err = ValidationError(field, vi, en)
    assert err.message("vi") == f"{FIELD_LABELS[field][0]}: {vi}"
    assert err.message("en").endswith(en)
