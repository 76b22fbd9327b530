#!/usr/bin/env python3
# Reads what `inspectctl` exported with independent parsers and prints it as JSON,
# for the end-to-end tests to judge:
#
#   read-exports.py ics FILE...   each iCalendar file through the `icalendar` package
#   read-exports.py csv FILE      a CSV file through Python's `csv` module
#
# Exit 3 when `icalendar` is missing: the test set-up (scripts/setup.sh --tests)
# installs it, so a missing parser is a failure to fix, never a reason to skip.
import csv, io, json, sys


def read_ics(path):
    try:
        import icalendar
    except ImportError:
        print("read-exports.py: the Python package icalendar is missing; run scripts/setup.sh --tests "
              "(python3 -m pip install icalendar)", file=sys.stderr)
        sys.exit(3)
    raw = open(path, "rb").read()
    calendar = icalendar.Calendar.from_ical(raw)
    errors = [f"VCALENDAR: {e}" for e in getattr(calendar, "errors", [])]
    events = []
    for event in calendar.walk("VEVENT"):
        errors += [f"VEVENT {event.get('UID')}: {e}" for e in getattr(event, "errors", [])]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        events.append({
            "uid": str(event["UID"]),
            "start": int(start.timestamp()),
            "end": int(end.timestamp()),
            "utc": start.utcoffset() is not None and start.utcoffset().total_seconds() == 0
                   and end.utcoffset() is not None and end.utcoffset().total_seconds() == 0,
            "sequence": int(event["SEQUENCE"]),
            "dtstamp": int(event.decoded("DTSTAMP").timestamp()),
            "summary": str(event["SUMMARY"]),
            "location": str(event["LOCATION"]),
            "description": str(event["DESCRIPTION"]),
        })
    return {
        "version": str(calendar.get("VERSION")),
        "prodid": str(calendar.get("PRODID")),
        "calscale": str(calendar.get("CALSCALE")),
        "method": str(calendar.get("METHOD")),
        "errors": errors,
        "events": events,
        "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
        "longest_line": max(len(line) for line in raw.split(b"\r\n")),
    }


def read_csv(path):
    raw = open(path, "rb").read()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return {
        "bom": raw.startswith(b"\xef\xbb\xbf"),
        "crlf": raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"),
        "header": rows[0] if rows else [],
        "rows": rows[1:],
    }


if __name__ == "__main__":
    kind, paths = sys.argv[1], sys.argv[2:]
    if kind == "ics":
        print(json.dumps([read_ics(path) for path in paths], ensure_ascii=False))
    elif kind == "csv":
        print(json.dumps(read_csv(paths[0]), ensure_ascii=False))
    else:
        print(f"read-exports.py: unknown kind {kind}; use ics or csv", file=sys.stderr)
        sys.exit(64)
