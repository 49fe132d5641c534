#!/usr/bin/env python3
"""Verifies a MutualAdmin audit export (GET /api/audit/export) with nothing but Python's standard library.

    python3 verify-export.py thies-2026-11-01-2026-11-30.ndjson

Each event's hash is SHA-256(previous hash || UTF-8 of the fields joined by newlines:
position, tenant, stream, version, type, schemaVersion, data, metadata), where data and metadata
are the exact texts in the export. The first line gives the hash the first event chains to.
Exit status 0 when the whole file verifies; otherwise the first position that does not.
"""
import hashlib
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as lines:
        header = json.loads(next(lines))
        previous = bytes.fromhex(header["previousHash"])
        count = 0
        for line in lines:
            e = json.loads(line)
            text = "\n".join(str(e[k]) for k in ("position", "tenant", "stream", "version", "type", "schemaVersion", "data", "metadata"))
            digest = hashlib.sha256(previous + text.encode("utf-8")).digest()
            if digest.hex() != e["hash"]:
                print(f"chain broken at position {e['position']} (after {count} verified events)")
                return 1
            previous = digest
            count += 1
    print(f"{count} events of {header['tenant']} from {header['from']} to {header['to']} verify")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
