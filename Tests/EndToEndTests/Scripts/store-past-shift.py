#!/usr/bin/env python3
# Puts a team-shift that ended in the past into a stopped daemon's database, as the
# roster would have stored it: how the end-to-end tests make time pass for the
# reminders of unrecorded visits (the daemon reads no clock override).
#
# usage: store-past-shift.py DATABASE TEAM_ID DATE STARTS_AT ENDS_AT MEMBERS SITES RECORDED
#   MEMBERS and SITES are comma-separated ids; SITES as SITE:LOCALITY:RISK;
#   RECORDED is the comma-separated 0-based positions that have a result ("" for none).
import sqlite3, sys

database, team, date, starts, ends, members, sites, recorded = sys.argv[1:9]
db = sqlite3.connect(database)
with db:
    cursor = db.execute(
        "INSERT INTO roster_plan (created_at, reason, uid, first_date, last_date, teams_added, teams_changed,"
        " teams_removed, visits_drawn, shortfalls, input_digest, seed, generator, draw_digest, draw_input, draw_result)"
        " VALUES (?, 'e2e: a past shift', 0, ?, ?, 1, 0, 0, ?, 0, '', '1', 'e2e', '', X'', X'')",
        (int(starts), date, date, len(sites.split(","))))
    plan = cursor.lastrowid
    db.execute(
        "INSERT INTO roster_team (id, date, period, zone, team_index, starts_at, ends_at, day_kind, rain, night, pinned,"
        " plan_id, released_at) VALUES (?, ?, 'day', 'district', 0, ?, ?, 'workday', 0, 0, 0, ?, ?)",
        (team, date, int(starts), int(ends), plan, int(starts) - 1800))
    for member in members.split(","):
        db.execute("INSERT INTO roster_member (team_id, inspector_id) VALUES (?, ?)", (team, member))
    for position, site in enumerate(sites.split(",")):
        site_id, locality, risk = site.split(":")
        db.execute(
            "INSERT INTO roster_visit (team_id, position, site_id, locality, risk, reason, plan_id) VALUES (?, ?, ?, ?, ?, 'weighted', ?)",
            (team, position, site_id, locality, risk, plan))
    for position in [int(p) for p in recorded.split(",") if p]:
        db.execute(
            "INSERT INTO visit_result (team_id, position, result, measures, note, case_id, uid, recorded_at)"
            " VALUES (?, ?, 'compliant', '', '', NULL, 0, ?)", (team, position, int(ends)))
db.close()
