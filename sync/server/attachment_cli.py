"""``motcua-central attachments --office CODE`` and ``motcua-central attachment get ID --out FILE``.

For back-office staff: which documents of an office's dossiers have arrived (complete, still uploading, OCR
state), and one file written out, as sent by the counter or (``--ocr``) with its searchable text layer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sync.files import write_atomic
from sync.server import attachment_store as store
from sync.server.db import Database


def register(
    sub: argparse._SubParsersAction, db_opt: argparse.ArgumentParser, json_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("attachments", parents=[db_opt, json_opt], help="list an office's scanned documents")
    p.add_argument("--office", required=True)
    p.set_defaults(handler=_list)
    group = sub.add_parser("attachment", help="one scanned document").add_subparsers(dest="action", required=True)
    g = group.add_parser("get", parents=[db_opt, json_opt], help="write an attachment's PDF to a file")
    g.add_argument("id")
    g.add_argument("--out", required=True, type=Path)
    g.add_argument("--ocr", action="store_true", help="the searchable PDF made by OCR (when ready)")
    g.add_argument("--text", action="store_true", help="write the OCR text instead of a PDF")
    g.set_defaults(handler=_get)


def _list(args: argparse.Namespace, db: Database) -> int:
    store.ensure_schema(db)
    with db.transaction(write=False) as tx:
        rows = store.list_for_office(tx, args.office)
    for r in rows:
        r["state"] = (
            "complete"
            if r["sha256"] and not r["upload_sha256"]
            else ("uploading" if r["upload_sha256"] else "complete")
        )
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for r in rows:
            sys.stdout.write(
                f"{r['id']}\t{r['dossier_code'] or r['dossier_id']}\t#{r['document_position']}\t{r['pages']} p"
                f"\t{r['bytes']} B\t{r['state']}\tocr:{r['ocr_state'] or '-'}\n"
            )
    return 0


def _get(args: argparse.Namespace, db: Database) -> int:
    store.ensure_schema(db)
    with db.transaction(write=False) as tx:
        row = store.content(tx, args.id)
    if row is None or not row["sha256"]:
        raise LookupError(f"no complete attachment {args.id}")
    if args.text or args.ocr:
        if row["ocr_state"] != "done":
            raise LookupError(f"OCR of {args.id} is not ready (state: {row['ocr_state'] or 'none'})")
        data = row["ocr_text"].encode("utf-8") if args.text else bytes(row["ocr_pdf"])
    else:
        data = bytes(row["content"])
    write_atomic(args.out, data)  # a citizen's pages: owner-only, like every file the app writes
    info = {"id": args.id, "out": str(args.out), "bytes": len(data), "sha256": row["sha256"]}
    sys.stdout.write((json.dumps(info) if args.json else f"{args.out} ({len(data)} bytes)") + "\n")
    return 0
