/// The OpenAPI 3 description of the local API, served at `GET /v1/openapi.json`.
///
/// Kept by hand next to the types it describes; a test checks that every route
/// the server answers is in it and that it is a valid OpenAPI 3.0 document.
public enum OpenAPIDocument {
    public static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "inspectd local API",
        "version": "1.0.0",
        "description": "HTTP/1.1 + JSON over the Unix socket /run/inspectd/inspectd.sock (e.g. curl --unix-socket /run/inspectd/inspectd.sock http://localhost/v1/status). Callers are identified by their peer credentials (SO_PEERCRED) and mapped to roles by the [access] table of inspectd.toml: root and members of access.admin_groups are admins, members of access.supervisor_groups are supervisors, members of access.unit_groups act for their unit (its people's shifts, its cases, status updates on them), members of access.inspector_groups for their inspector (their own shifts, their own leave); a caller in several groups gets the highest role; everybody else gets 403. Every write, every read of sealed data and every 403 is recorded in the audit trail (GET /v1/audit). Errors are RFC 9457 problem details with a stable code."
      },
      "servers": [{"url": "http://localhost"}],
      "paths": {
        "/v1/status": {
          "get": {
            "operationId": "getStatus",
            "summary": "What the daemon is doing, with which data and configuration (any role).",
            "responses": {
              "200": {"description": "Status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/openapi.json": {
          "get": {
            "operationId": "getOpenAPI",
            "summary": "This document (any role).",
            "responses": {
              "200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/units": {
          "get": {
            "operationId": "listUnits",
            "summary": "Units: departments and localities, with their top leader and contact (any role).",
            "responses": {
              "200": {"description": "Units by id", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Unit"}}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/inspectors": {
          "get": {
            "operationId": "listInspectors",
            "summary": "Inspectors (any role).",
            "responses": {
              "200": {"description": "Inspectors by id", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Inspector"}}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/sites": {
          "get": {
            "operationId": "listSites",
            "summary": "Inspection sites (any role).",
            "responses": {
              "200": {"description": "Sites by id", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/imports/{kind}": {
          "post": {
            "operationId": "importDirectory",
            "summary": "Import a CSV file of units, inspectors or sites (admins). All or nothing; re-importing updates by id.",
            "parameters": [
              {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["units", "inspectors", "sites"]}},
              {"name": "file", "in": "query", "required": false, "description": "The file name used in error messages.", "schema": {"type": "string"}},
              {"name": "encoding", "in": "query", "required": false, "description": "auto detects UTF-8 (with or without BOM) or GB18030/GBK.", "schema": {"type": "string", "enum": ["auto", "utf8", "gb18030"], "default": "auto"}},
              {"name": "dry_run", "in": "query", "required": false, "description": "Validate and count, change nothing.", "schema": {"type": "boolean", "default": false}}
            ],
            "requestBody": {
              "required": true,
              "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}}
            },
            "responses": {
              "200": {"description": "Imported", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportResult"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "422": {"$ref": "#/components/responses/Problem"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/calendar": {
          "get": {
            "operationId": "getCalendar",
            "summary": "The kind of every date from `from` to `to`: workday, restday, holiday or makeup_workday, with the holiday's name and whether the date is provisional.",
            "parameters": [
              {"name": "from", "in": "query", "required": false, "description": "First date (default: today in the district's zone).", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": false, "description": "Last date, inclusive (default: the end of the planning horizon). At most 3660 days after from.", "schema": {"type": "string", "format": "date"}}
            ],
            "responses": {
              "200": {"description": "The dates", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CalendarReport"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/weather": {
          "get": {
            "operationId": "getWeather",
            "summary": "The rain periods from `from` to `to`, with probability, millimetres and the forecast behind each, and the forecasts held.",
            "parameters": [
              {"name": "from", "in": "query", "required": false, "description": "First date (default: today).", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": false, "description": "Last date, inclusive (default: the end of the planning horizon).", "schema": {"type": "string", "format": "date"}}
            ],
            "responses": {
              "200": {"description": "The rain outlook", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WeatherReport"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/weather/imports": {
          "post": {
            "operationId": "importForecast",
            "summary": "Import a forecast file (admins): Open-Meteo JSON or CSV start,end,precipitation_mm,probability[,area]. All or nothing; the previous forecast stays in force when the file is rejected.",
            "parameters": [
              {"name": "file", "in": "query", "required": false, "description": "The file name, recorded and used in error messages.", "schema": {"type": "string"}},
              {"name": "format", "in": "query", "required": false, "description": "auto: by the file name (.json, .csv), then by the content.", "schema": {"type": "string", "enum": ["auto", "open-meteo", "csv"], "default": "auto"}}
            ],
            "requestBody": {
              "required": true,
              "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
            },
            "responses": {
              "200": {"description": "Imported", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WeatherImportResult"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "422": {"$ref": "#/components/responses/Problem"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/cases": {
          "get": {
            "operationId": "listCases",
            "summary": "The rectification ledger, filtered; each case with whether it is overdue today.",
            "parameters": [
              {"name": "unit", "in": "query", "required": false, "schema": {"type": "string"}},
              {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["open", "in_progress", "rectified", "verified", "closed", "shut_down"]}},
              {"name": "overdue", "in": "query", "required": false, "schema": {"type": "boolean", "default": false}}
            ],
            "responses": {
              "200": {"description": "Cases", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Case"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/cases/imports": {
          "post": {
            "operationId": "importCases",
            "summary": "Import a CSV file of cases (admins): all or nothing; known ids are updated and the change goes into their history.",
            "parameters": [
              {"name": "file", "in": "query", "required": false, "schema": {"type": "string"}},
              {"name": "encoding", "in": "query", "required": false, "schema": {"type": "string", "enum": ["auto", "utf8", "gb18030"], "default": "auto"}},
              {"name": "dry_run", "in": "query", "required": false, "schema": {"type": "boolean", "default": false}},
              {"name": "add_only", "in": "query", "required": false, "description": "Refuse ids already in the ledger (inspectctl cases add).", "schema": {"type": "boolean", "default": false}}
            ],
            "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": {
              "200": {"description": "Imported", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportResult"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"},
              "422": {"$ref": "#/components/responses/Problem"},
              "503": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/cases/{id}": {
          "get": {
            "operationId": "showCase",
            "summary": "One case with its full history and its notices.",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {
              "200": {"description": "The case", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseDetail"}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/cases/{id}/update": {
          "post": {
            "operationId": "updateCase",
            "summary": "Change a case's status, add a note or enforcement measures (admins); recorded with the caller's uid. closed only after verified.",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}, "note": {"type": "string"}, "measures": {"type": "array", "items": {"type": "string"}}}}}}
            },
            "responses": {
              "200": {"description": "The case as it is now", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/units/lagging": {
          "get": {
            "operationId": "laggingUnits",
            "summary": "Units ranked by their overdue cases, lagging ones first.",
            "responses": {
              "200": {"description": "Standings", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/UnitStanding"}}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/notices": {
          "get": {
            "operationId": "listNotices",
            "summary": "Notices decided, newest first, and whether each reached the outbox.",
            "parameters": [
              {"name": "pending", "in": "query", "required": false, "schema": {"type": "boolean", "default": false}},
              {"name": "kind", "in": "query", "required": false, "schema": {"type": "string", "enum": ["reminder", "overdue", "supervision", "summons", "accountability", "ranking", "roster", "visit_reminder", "visit_escalation"]}},
              {"name": "since", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
              {"name": "case", "in": "query", "required": false, "schema": {"type": "string"}},
              {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 200}}
            ],
            "responses": {
              "200": {"description": "Notices", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/NoticeSummary"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/roster": {
          "get": {
            "operationId": "getRoster",
            "summary": "The roster's shifts and shortfalls from `from` to `to`, filtered (any role; sealed site lists only to admins).",
            "parameters": [
              {"name": "from", "in": "query", "required": false, "description": "First date (default: today in the district's zone).", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": false, "description": "Last date, inclusive (default: the end of the planning horizon).", "schema": {"type": "string", "format": "date"}},
              {"name": "unit", "in": "query", "required": false, "description": "Only teams with a member of this department.", "schema": {"type": "string"}},
              {"name": "inspector", "in": "query", "required": false, "description": "Only teams this inspector is on.", "schema": {"type": "string"}},
              {"name": "period", "in": "query", "required": false, "description": "Only this period (a period id of the rules).", "schema": {"type": "string"}}
            ],
            "responses": {
              "200": {"description": "The roster", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RosterReport"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/roster/fairness": {
          "get": {
            "operationId": "getRosterFairness",
            "summary": "Duty counts per inspector from `from` to `to` and their spreads within groups of interchangeable inspectors (any role).",
            "parameters": [
              {"name": "from", "in": "query", "required": false, "description": "First date (default: today minus the rules' lookback).", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": false, "description": "Last date, inclusive (default: the end of the planning horizon).", "schema": {"type": "string", "format": "date"}}
            ],
            "responses": {
              "200": {"description": "The counts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FairnessReport"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/roster/shifts/{id}/explain": {
          "get": {
            "operationId": "explainShift",
            "summary": "Why a shift's team has these members: the rules that bound the choice and each member's replacements (any role).",
            "parameters": [
              {"name": "id", "in": "path", "required": true, "description": "The shift id DATE/PERIOD/ZONE/N, such as 2026-12-01/night/north/1, percent-encoded as one path segment (2026-12-01%2Fnight%2Fnorth%2F1).", "schema": {"type": "string"}}
            ],
            "responses": {
              "200": {"description": "The explanation", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ShiftExplanation"}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/roster/shifts/{id}/assign": {
          "post": {
            "operationId": "assignShift",
            "summary": "Set a future shift's members by hand and pin it, or pin/unpin it as it is (admins); re-plans the rest, keeps rule problems as warnings.",
            "parameters": [
              {"name": "id", "in": "path", "required": true, "description": "The shift id DATE/PERIOD/ZONE/N, percent-encoded as one path segment.", "schema": {"type": "string"}}
            ],
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RosterAssignRequest"}}}
            },
            "responses": {
              "200": {"description": "The shift as it is now", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RosterAssignOutcome"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/duty": {
          "get": {
            "operationId": "getDuty",
            "summary": "Who is on duty at an instant (now by default), by zone, with phone numbers, and the zones uncovered (any role).",
            "parameters": [
              {"name": "at", "in": "query", "required": false, "description": "YYYY-MM-DDTHH:MM[:SS] in district time, or with Z or an offset such as 2026-12-01T20:00+08:00 (default: now).", "schema": {"type": "string", "example": "2026-12-01T20:00+08:00"}}
            ],
            "responses": {
              "200": {"description": "On duty", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DutyReport"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/plans": {
          "get": {
            "operationId": "listPlans",
            "summary": "Plans (runs of the planner and the draw), newest first, with their digests; seeds only once the planned dates have passed, except to admins (any role).",
            "parameters": [
              {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20}}
            ],
            "responses": {
              "200": {"description": "Plans", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/PlanSummary"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/plans/{id}/verify": {
          "get": {
            "operationId": "verifyPlanDraw",
            "summary": "Replay a plan's stored draw and compare it bit for bit (any role once the planned dates have passed; before that admins only, else 403).",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}}],
            "responses": {
              "200": {"description": "The replay", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DrawVerification"}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/leave": {
          "post": {
            "operationId": "addLeave",
            "summary": "Record an inspector's leave or other unavailability and re-plan the shifts it touches (admins).",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeaveRequest"}}}
            },
            "responses": {
              "201": {"description": "Stored, with the re-plan it caused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeaveOutcome"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          },
          "get": {
            "operationId": "listLeave",
            "summary": "Leave overlapping `from` to `to` (any role).",
            "parameters": [
              {"name": "from", "in": "query", "required": false, "description": "First date (default: today).", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": false, "description": "Last date, inclusive (default: the end of the planning horizon).", "schema": {"type": "string", "format": "date"}}
            ],
            "responses": {
              "200": {"description": "Leave", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/LeaveItem"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/conflicts": {
          "post": {
            "operationId": "declareConflict",
            "summary": "Declare an inspector's conflict of interest with a site (回避); sealed site lists that break it are drawn again (admins).",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ConflictRequest"}}}
            },
            "responses": {
              "201": {"description": "Stored, with the re-plan it caused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ConflictOutcome"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          },
          "get": {
            "operationId": "listConflicts",
            "summary": "Declared conflicts of interest (admins).",
            "responses": {
              "200": {"description": "Conflicts", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ConflictItem"}}}}},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/visits/record": {
          "post": {
            "operationId": "recordVisit",
            "summary": "Record what a team found at one rostered visit, once its shift has started (members of that team, or admins). A violation opens a ledger case (source patrol) in the same transaction. Recording a visit again is for admins only.",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/VisitRecordRequest"}}}
            },
            "responses": {
              "201": {"description": "Recorded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/VisitItem"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/visits": {
          "get": {
            "operationId": "listVisits",
            "summary": "Rostered visits with their results (supervisors and admins). Sealed site lists are left out for supervisors; an admin's read of them is audited.",
            "parameters": [
              {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "First date (default today)"},
              {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Last date (default today)"},
              {"name": "result", "in": "query", "schema": {"type": "string", "enum": ["compliant", "violation", "closed", "not_found"]}, "description": "Only visits with this result"}
            ],
            "responses": {
              "200": {"description": "Visits", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/VisitItem"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/tasks": {
          "post": {
            "operationId": "addTask",
            "summary": "Add a targeted inspection (supervisors and admins): its visit is added to the sealed list of the earliest fitting team-shift between from and by (the site's zone, not started, list not released, night only if asked, no member recused), outside the random draw. Refused (409) with why when nothing fits; then nothing is stored.",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskAddRequest"}}}
            },
            "responses": {
              "201": {"description": "Placed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskItem"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          },
          "get": {
            "operationId": "listTasks",
            "summary": "Targeted tasks, newest first (supervisors and admins).",
            "parameters": [
              {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["placed", "unplaced", "done", "cancelled", "expired"]}, "description": "Only tasks with this status"}
            ],
            "responses": {
              "200": {"description": "Tasks", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/TaskItem"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/tasks/cancel": {
          "post": {
            "operationId": "cancelTask",
            "summary": "Cancel an open targeted task (supervisors and admins); its visit leaves a list whose shift has not started.",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskCancelRequest"}}}
            },
            "responses": {
              "200": {"description": "Cancelled", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskItem"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/campaigns": {
          "post": {
            "operationId": "addCampaign",
            "summary": "Add a special campaign (专项检查; supervisors and admins): one special task per matching site (listed, of a kind, or with a ledger case of a category) with the window from..to, each on the least-loaded fitting team-shift. All or nothing: when any site cannot be placed, nothing is stored and the answer (409) lists which and why.",
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CampaignAddRequest"}}}
            },
            "responses": {
              "201": {"description": "Every task placed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CampaignOutcome"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "409": {"$ref": "#/components/responses/Problem"},
              "413": {"$ref": "#/components/responses/PayloadTooLarge"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/disclosure": {
          "get": {
            "operationId": "disclosure",
            "summary": "The public disclosure (一公开) of completed random visits dated from..to (supervisors and admins): only visits whose shift has ended and whose result is recorded, naming site, locality, result and measures, never inspectors. CSV with a UTF-8 BOM (default) or a self-contained HTML page.",
            "parameters": [
              {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "First date (default today)"},
              {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Last date (default today)"},
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["csv", "html"], "default": "csv"}, "description": "csv (RFC 4180, UTF-8 with BOM) or html"}
            ],
            "responses": {
              "200": {"description": "The disclosure", "content": {"text/csv": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        },
        "/v1/audit": {
          "get": {
            "operationId": "listAudit",
            "summary": "The audit trail: writes, reads of sealed data and refusals, oldest first (admins). Append-only: no route changes it.",
            "parameters": [
              {"name": "since", "in": "query", "schema": {"type": "string"}, "description": "A date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM, district time, or with an offset)"},
              {"name": "user", "in": "query", "schema": {"type": "string"}, "description": "A uid or user name"},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1000}, "description": "At most this many (the newest)"}
            ],
            "responses": {
              "200": {"description": "Entries", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/AuditItem"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"},
              "404": {"$ref": "#/components/responses/Problem"},
              "414": {"$ref": "#/components/responses/URITooLong"}
            }
          }
        }
      },
      "components": {
        "responses": {
          "Problem": {
            "description": "An RFC 9457 problem",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
          },
          "PayloadTooLarge": {
            "description": "payload_too_large: the body is over 16 MiB, or a JSON body (leave, conflicts, case updates, roster edits) over 64 KiB",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
          },
          "URITooLong": {
            "description": "uri_too_long: the request target (path and query) is over 8 KiB",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail", "code"],
            "properties": {
              "type": {"type": "string", "example": "urn:inspectd:problem:invalid_import"},
              "title": {"type": "string"},
              "status": {"type": "integer"},
              "detail": {"type": "string"},
              "code": {"type": "string", "enum": ["bad_request", "forbidden", "not_found", "method_not_allowed", "payload_too_large", "uri_too_long", "unsupported_media_type", "invalid_import", "conflict", "store_unavailable", "internal_error"]},
              "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemItem"}}
            }
          },
          "ProblemItem": {
            "type": "object",
            "required": ["message"],
            "properties": {
              "file": {"type": "string"},
              "line": {"type": "integer"},
              "column": {"type": "string"},
              "message": {"type": "string"}
            }
          },
          "Status": {
            "type": "object",
            "required": ["district", "version", "pid", "status_text", "started_at", "uptime_seconds", "config_path", "database", "counts", "caller", "warnings"],
            "properties": {
              "district": {"type": "string"},
              "version": {"type": "string"},
              "pid": {"type": "integer"},
              "status_text": {"type": "string"},
              "started_at": {"type": "string", "format": "date-time"},
              "uptime_seconds": {"type": "integer"},
              "config_path": {"type": "string"},
              "warnings": {"type": "array", "items": {"type": "string"}, "description": "What needs the operator's attention: a planning horizon past the official holiday calendar, no current forecast, a rejected forecast file."},
              "last_reload": {
                "type": "object",
                "required": ["at", "succeeded", "messages"],
                "properties": {"at": {"type": "string", "format": "date-time"}, "succeeded": {"type": "boolean"}, "messages": {"type": "array", "items": {"type": "string"}}}
              },
              "database": {
                "type": "object",
                "required": ["path", "schema_version"],
                "properties": {"path": {"type": "string"}, "schema_version": {"type": "string"}}
              },
              "counts": {
                "type": "object",
                "required": ["units", "inspectors", "sites"],
                "properties": {"units": {"type": "integer"}, "inspectors": {"type": "integer"}, "sites": {"type": "integer"}}
              },
              "caller": {
                "type": "object",
                "required": ["uid", "gid", "pid", "groups"],
                "properties": {
                  "uid": {"type": "integer"}, "gid": {"type": "integer"}, "pid": {"type": "integer"},
                  "groups": {"type": "array", "items": {"type": "integer"}},
                  "role": {"type": "string", "enum": ["admin", "supervisor", "unit", "inspector"]},
                  "units": {"type": "array", "items": {"type": "string"}, "description": "The units a unit caller speaks for"},
                  "inspectors": {"type": "array", "items": {"type": "string"}, "description": "The inspectors an inspector caller is"}
                }
              }
            }
          },
          "Unit": {
            "type": "object",
            "required": ["id", "name", "kind", "leader_name", "leader_phone", "contact_name", "contact_phone"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"},
              "kind": {"type": "string", "enum": ["department", "locality"]},
              "leader_name": {"type": "string"}, "leader_phone": {"type": "string"},
              "contact_name": {"type": "string"}, "contact_phone": {"type": "string"}
            }
          },
          "Inspector": {
            "type": "object",
            "required": ["id", "name", "department", "certified", "phone"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"}, "department": {"type": "string"},
              "certified": {"type": "boolean"}, "home_locality": {"type": "string", "nullable": true}, "phone": {"type": "string"}
            }
          },
          "Site": {
            "type": "object",
            "required": ["id", "name", "locality", "kind", "risk", "rain_sensitive", "night_sensitive"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"}, "locality": {"type": "string"}, "kind": {"type": "string"},
              "risk": {"type": "string", "enum": ["A", "B", "C"]},
              "rain_sensitive": {"type": "boolean"}, "night_sensitive": {"type": "boolean"}
            }
          },
          "ImportResult": {
            "type": "object",
            "required": ["kind", "file", "encoding", "inserted", "updated", "unchanged", "dry_run"],
            "properties": {
              "kind": {"type": "string", "enum": ["units", "inspectors", "sites", "cases"]},
              "file": {"type": "string"},
              "encoding": {"type": "string", "enum": ["utf8", "gb18030"]},
              "inserted": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"},
              "dry_run": {"type": "boolean"}
            }
          },
          "CalendarReport": {
            "type": "object",
            "required": ["from", "to", "days", "official_years", "warnings"],
            "properties": {
              "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
              "days": {"type": "array", "items": {"$ref": "#/components/schemas/CalendarDay"}},
              "official_years": {"type": "array", "items": {"type": "integer"}},
              "warnings": {"type": "array", "items": {"type": "string"}}
            }
          },
          "CalendarDay": {
            "type": "object",
            "required": ["date", "kind", "name", "provisional", "in_lieu", "source"],
            "properties": {
              "date": {"type": "string", "format": "date"},
              "kind": {"type": "string", "enum": ["workday", "restday", "holiday", "makeup_workday"]},
              "name": {"type": "string", "nullable": true, "description": "The holiday (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节), also on its makeup workdays."},
              "provisional": {"type": "boolean", "description": "No official schedule covers the date; its kind is computed."},
              "in_lieu": {"type": "boolean", "description": "A day off given in lieu of a holiday on a weekend."},
              "source": {"type": "string"}
            }
          },
          "WeatherReport": {
            "type": "object",
            "required": ["from", "to", "thresholds", "rain_periods", "forecasts", "warnings"],
            "properties": {
              "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
              "thresholds": {
                "type": "object",
                "required": ["probability_percent", "precipitation_mm", "max_forecast_age_hours"],
                "properties": {"probability_percent": {"type": "integer"}, "precipitation_mm": {"type": "number"}, "max_forecast_age_hours": {"type": "integer"}}
              },
              "rain_periods": {"type": "array", "items": {"$ref": "#/components/schemas/RainPeriod"}},
              "forecasts": {"type": "array", "items": {"$ref": "#/components/schemas/Forecast"}},
              "warnings": {"type": "array", "items": {"type": "string"}}
            }
          },
          "RainPeriod": {
            "type": "object",
            "required": ["date", "period", "period_name", "start", "end", "precipitation_mm", "forecast_id", "file"],
            "properties": {
              "date": {"type": "string", "format": "date"}, "period": {"type": "string"}, "period_name": {"type": "string"},
              "start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
              "area": {"type": "string", "nullable": true},
              "probability_percent": {"type": "number", "nullable": true},
              "precipitation_mm": {"type": "number"},
              "forecast_id": {"type": "integer"}, "file": {"type": "string"}
            }
          },
          "Forecast": {
            "type": "object",
            "required": ["id", "file", "format", "received_at", "via", "coverage_start", "coverage_end", "intervals", "stale"],
            "properties": {
              "id": {"type": "integer"}, "file": {"type": "string"},
              "format": {"type": "string", "enum": ["open-meteo", "csv"]},
              "received_at": {"type": "string", "format": "date-time"},
              "via": {"type": "string", "enum": ["cli", "drop"]},
              "coverage_start": {"type": "string", "format": "date-time"}, "coverage_end": {"type": "string", "format": "date-time"},
              "intervals": {"type": "integer"}, "stale": {"type": "boolean"}
            }
          },
          "WeatherImportResult": {
            "type": "object",
            "required": ["forecast", "rain_periods_added", "rain_periods_removed"],
            "properties": {
              "forecast": {"$ref": "#/components/schemas/Forecast"},
              "rain_periods_added": {"type": "integer"}, "rain_periods_removed": {"type": "integer"}
            }
          },
          "Case": {
            "type": "object",
            "required": ["id", "title", "source", "category", "site", "unit", "person", "phone", "deadline", "status", "milestones", "measures", "overdue", "days_overdue"],
            "properties": {
              "id": {"type": "string"}, "title": {"type": "string"},
              "source": {"type": "string", "enum": ["central_inspection", "municipal_inspection", "complaint", "media", "patrol"]},
              "category": {"type": "string"}, "site": {"type": "string", "nullable": true}, "unit": {"type": "string"},
              "person": {"type": "string"}, "phone": {"type": "string"}, "deadline": {"type": "string", "format": "date"},
              "status": {"type": "string", "enum": ["open", "in_progress", "rectified", "verified", "closed", "shut_down"]},
              "milestones": {"type": "array", "items": {"type": "object", "required": ["name", "due"], "properties": {"name": {"type": "string"}, "due": {"type": "string", "format": "date"}}}},
              "measures": {"type": "array", "items": {"type": "string", "enum": ["production_halt", "seal_and_seize", "daily_fines", "administrative_detention", "referred_to_police"]}},
              "overdue": {"type": "boolean"}, "days_overdue": {"type": "integer"}
            }
          },
          "CaseDetail": {
            "type": "object",
            "required": ["case", "history", "notices"],
            "properties": {
              "case": {"$ref": "#/components/schemas/Case"},
              "history": {"type": "array", "items": {"type": "object", "required": ["at", "uid", "action"], "properties": {
                "at": {"type": "string", "format": "date-time"}, "uid": {"type": "integer"}, "action": {"type": "string", "enum": ["import", "add", "update"]},
                "from_status": {"type": "string", "nullable": true}, "to_status": {"type": "string", "nullable": true},
                "note": {"type": "string", "nullable": true}, "detail": {"type": "string", "nullable": true}}}},
              "notices": {"type": "array", "items": {"$ref": "#/components/schemas/NoticeSummary"}}
            }
          },
          "NoticeSummary": {
            "type": "object",
            "required": ["id", "kind", "created", "subject", "recipients", "priority", "pending"],
            "properties": {
              "id": {"type": "string"}, "kind": {"type": "string"}, "created": {"type": "string", "format": "date-time"},
              "case": {"type": "string", "nullable": true}, "unit": {"type": "string", "nullable": true},
              "subject": {"type": "string"}, "recipients": {"type": "array", "items": {"type": "string"}},
              "priority": {"type": "integer"}, "pending": {"type": "boolean"}, "written_at": {"type": "string", "format": "date-time", "nullable": true}
            }
          },
          "UnitStanding": {
            "type": "object",
            "required": ["rank", "unit", "unit_name", "outstanding", "overdue", "overdue_ratio_percent", "mean_days_overdue", "max_days_overdue", "long_overdue", "lagging", "reasons"],
            "properties": {
              "rank": {"type": "integer"}, "unit": {"type": "string"}, "unit_name": {"type": "string"},
              "outstanding": {"type": "integer"}, "overdue": {"type": "integer"}, "overdue_ratio_percent": {"type": "number"},
              "mean_days_overdue": {"type": "number"}, "max_days_overdue": {"type": "integer"}, "long_overdue": {"type": "integer"},
              "lagging": {"type": "boolean"}, "reasons": {"type": "array", "items": {"type": "string"}}
            }
          },
          "RosterMember": {
            "type": "object",
            "description": "A member of a team as the roster shows it.",
            "required": ["id", "name", "department", "certified"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"}, "department": {"type": "string"}, "certified": {"type": "boolean"},
              "phone": {"type": "string", "nullable": true, "description": "The inspector's phone: given by /v1/duty (who is on duty now), absent elsewhere."}
            }
          },
          "RosterVisit": {
            "type": "object",
            "description": "A site a team visits on its shift.",
            "required": ["site", "name", "locality", "risk", "reason", "origin"],
            "properties": {
              "site": {"type": "string"}, "name": {"type": "string"}, "locality": {"type": "string"},
              "risk": {"type": "string", "enum": ["A", "B", "C"]},
              "reason": {"type": "string", "enum": ["cadence", "weighted", "task"], "description": "cadence: reserved so the site stays within its visit cadence; weighted: the random draw; task: a targeted visit."},
              "origin": {"type": "string", "description": "random (the 双随机 draw) or task:<id> <reason> (a targeted visit)"},
              "result": {"type": "string", "enum": ["compliant", "violation", "closed", "not_found"], "description": "What the team found, once recorded"}
            }
          },
          "RosterShift": {
            "type": "object",
            "description": "One team on one shift (班次).",
            "required": ["id", "date", "period", "period_name", "start", "end", "day_kind", "rain", "zone", "team", "members", "pinned", "sealed", "release_at", "visits", "plan"],
            "properties": {
              "id": {"type": "string", "description": "DATE/PERIOD/ZONE/N, such as 2026-12-01/night/north/1: what roster explain, roster assign and roster pin take.", "example": "2026-12-01/night/north/1"},
              "date": {"type": "string", "format": "date"}, "period": {"type": "string"}, "period_name": {"type": "string"},
              "start": {"type": "string", "format": "date-time", "description": "ISO 8601 with the district's offset."},
              "end": {"type": "string", "format": "date-time", "description": "ISO 8601 with the district's offset."},
              "day_kind": {"type": "string", "enum": ["workday", "restday", "holiday", "makeup_workday"]},
              "holiday": {"type": "string", "nullable": true, "description": "The holiday's name on a holiday, else absent."},
              "rain": {"type": "boolean", "description": "A rain period (晴雨结合: extra teams are planned)."},
              "zone": {"type": "string"},
              "team": {"type": "integer", "minimum": 1, "description": "The team's number within its zone's shift, from 1."},
              "members": {"type": "array", "items": {"$ref": "#/components/schemas/RosterMember"}},
              "pinned": {"type": "boolean", "description": "Kept as set by hand (roster assign/roster pin): re-planning leaves it alone."},
              "sealed": {"type": "boolean", "description": "True until release_at: the site list is not released yet; non-admins get an empty visits list while sealed."},
              "release_at": {"type": "string", "format": "date-time"},
              "visits": {"type": "array", "items": {"$ref": "#/components/schemas/RosterVisit"}},
              "plan": {"type": "integer", "format": "int64", "description": "The plan that last set this team."}
            }
          },
          "RosterShortfall": {
            "type": "object",
            "description": "Teams the hard rules left unfilled on a zone's shift, and why.",
            "required": ["date", "period", "zone", "missing_teams", "missing_members", "reason"],
            "properties": {
              "date": {"type": "string", "format": "date"}, "period": {"type": "string"}, "zone": {"type": "string"},
              "missing_teams": {"type": "integer"}, "missing_members": {"type": "integer"}, "reason": {"type": "string"}
            }
          },
          "RosterReport": {
            "type": "object",
            "description": "The shifts asked for and the shortfalls among them.",
            "required": ["shifts", "shortfalls", "from", "to"],
            "properties": {
              "shifts": {"type": "array", "items": {"$ref": "#/components/schemas/RosterShift"}},
              "shortfalls": {"type": "array", "items": {"$ref": "#/components/schemas/RosterShortfall"}},
              "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
              "plan": {"allOf": [{"$ref": "#/components/schemas/PlanSummary"}], "nullable": true, "description": "The newest plan, if any."}
            }
          },
          "PlanSummary": {
            "type": "object",
            "description": "A plan: one run of the planner and the draw, with what is needed to audit it.",
            "required": ["id", "created", "reason", "first_date", "last_date", "teams_added", "teams_changed", "teams_removed", "visits_drawn", "shortfalls", "input_digest", "generator", "draw_digest"],
            "properties": {
              "id": {"type": "integer", "format": "int64"},
              "created": {"type": "string", "format": "date-time"},
              "reason": {"type": "string", "description": "Why it ran: initial, leave added for …, rain periods changed, directory imported, …"},
              "first_date": {"type": "string", "format": "date"}, "last_date": {"type": "string", "format": "date"},
              "teams_added": {"type": "integer"}, "teams_changed": {"type": "integer"}, "teams_removed": {"type": "integer"},
              "visits_drawn": {"type": "integer"}, "shortfalls": {"type": "integer"},
              "input_digest": {"type": "string", "description": "SHA-256 of the planner's inputs: directory snapshot, rules, calendar, rain periods, leave, previous roster."},
              "generator": {"type": "string", "description": "The draw's generator, such as splitmix64-es2.", "example": "splitmix64-es2"},
              "draw_digest": {"type": "string", "description": "The digest of the draw's own input."},
              "seed": {"type": "string", "nullable": true, "description": "The draw's seed, decimal; absent until the planned period has ended, except to admins."}
            }
          },
          "DutyReport": {
            "type": "object",
            "description": "Who is on duty at an instant, by zone, with phone numbers.",
            "required": ["at", "shifts", "uncovered"],
            "properties": {
              "at": {"type": "string", "format": "date-time"},
              "shifts": {"type": "array", "items": {"$ref": "#/components/schemas/RosterShift"}},
              "uncovered": {"type": "array", "items": {"type": "string"}, "description": "Zones with no team on duty at that instant."}
            }
          },
          "FairnessReport": {
            "type": "object",
            "description": "Duty counts per inspector over a range.",
            "required": ["from", "to", "inspectors", "spreads"],
            "properties": {
              "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
              "inspectors": {"type": "array", "items": {"$ref": "#/components/schemas/FairnessRow"}},
              "spreads": {"type": "array", "items": {"$ref": "#/components/schemas/FairnessSpread"}}
            }
          },
          "FairnessRow": {
            "type": "object",
            "required": ["id", "name", "department", "shifts", "hours", "nights", "restdays", "holidays", "rain"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"}, "department": {"type": "string"},
              "shifts": {"type": "integer"}, "hours": {"type": "integer"}, "nights": {"type": "integer"},
              "restdays": {"type": "integer"}, "holidays": {"type": "integer"}, "rain": {"type": "integer"}
            }
          },
          "FairnessSpread": {
            "type": "object",
            "description": "Max − min of one count among a group of interchangeable inspectors.",
            "required": ["group", "inspectors", "nights", "restdays", "holidays", "rain"],
            "properties": {
              "group": {"type": "string", "description": "all, or a department every team of some period must include (its members do that period's duty among themselves), or others."},
              "inspectors": {"type": "integer"}, "nights": {"type": "integer"}, "restdays": {"type": "integer"},
              "holidays": {"type": "integer"}, "rain": {"type": "integer"}
            }
          },
          "ShiftExplanation": {
            "type": "object",
            "description": "Why these people.",
            "required": ["shift", "rules", "members"],
            "properties": {
              "shift": {"$ref": "#/components/schemas/RosterShift"},
              "rules": {"type": "array", "items": {"type": "string"}, "description": "The rules that bound the choice, in words."},
              "members": {"type": "array", "items": {"$ref": "#/components/schemas/ShiftMemberNote"}}
            }
          },
          "ShiftMemberNote": {
            "type": "object",
            "required": ["id", "name", "replacements", "notes"],
            "properties": {
              "id": {"type": "string"}, "name": {"type": "string"},
              "replacements": {"type": "integer", "description": "Inspectors who could take this member's place without breaking a hard rule."},
              "notes": {"type": "array", "items": {"type": "string"}, "description": "What binds this member and what a swap would break, in words."}
            }
          },
          "DrawVerification": {
            "type": "object",
            "description": "The stored draw replayed.",
            "required": ["plan", "generator", "seed", "input_digest", "visits", "identical"],
            "properties": {
              "plan": {"type": "integer", "format": "int64"}, "generator": {"type": "string"}, "seed": {"type": "string"},
              "input_digest": {"type": "string"}, "visits": {"type": "integer"},
              "identical": {"type": "boolean", "description": "True when the replay gives the stored result bit for bit."},
              "difference": {"type": "string", "nullable": true, "description": "The first difference, when not identical."}
            }
          },
          "LeaveRequest": {
            "type": "object",
            "description": "An inspector's leave (请假) or other unavailability.",
            "required": ["inspector", "from", "to", "reason"],
            "properties": {
              "inspector": {"type": "string"},
              "from": {"type": "string", "format": "date", "description": "YYYY-MM-DD, inclusive."},
              "to": {"type": "string", "format": "date", "description": "YYYY-MM-DD, inclusive; less than a year after from."},
              "reason": {"type": "string", "maxLength": 200}
            }
          },
          "LeaveItem": {
            "type": "object",
            "description": "Leave as stored.",
            "required": ["id", "inspector", "from", "to", "reason", "created", "uid"],
            "properties": {
              "id": {"type": "integer", "format": "int64"}, "inspector": {"type": "string"},
              "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
              "reason": {"type": "string"}, "created": {"type": "string", "format": "date-time"},
              "uid": {"type": "integer", "minimum": 0, "description": "Who recorded it."}
            }
          },
          "LeaveOutcome": {
            "type": "object",
            "description": "The leave stored and what re-planning changed.",
            "required": ["leave"],
            "properties": {
              "leave": {"$ref": "#/components/schemas/LeaveItem"},
              "plan": {"allOf": [{"$ref": "#/components/schemas/PlanSummary"}], "nullable": true, "description": "The re-plan it caused; absent when the leave touched no planned shift."}
            }
          },
          "ConflictRequest": {
            "type": "object",
            "description": "An inspector's conflict of interest with a site: their teams never visit it.",
            "required": ["inspector", "site", "reason"],
            "properties": {
              "inspector": {"type": "string"},
              "site": {"type": "string"},
              "reason": {"type": "string", "maxLength": 200}
            }
          },
          "AuditItem": {
            "type": "object",
            "required": ["id", "at", "uid", "gid", "pid", "role", "action", "target", "outcome", "detail"],
            "properties": {
              "id": {"type": "integer"},
              "at": {"type": "string", "format": "date-time"},
              "uid": {"type": "integer"}, "gid": {"type": "integer"}, "pid": {"type": "integer"},
              "role": {"type": "string", "enum": ["admin", "supervisor", "unit", "inspector", "none"]},
              "action": {"type": "string", "description": "Method and route, such as POST /v1/leave"},
              "target": {"type": "string", "description": "The inspector, shift, case or plan touched; empty when none"},
              "outcome": {"type": "integer", "description": "The answer's HTTP status code"},
              "detail": {"type": "string"}
            }
          },
          "VisitRecordRequest": {
            "type": "object",
            "description": "What a team found at one rostered visit.",
            "required": ["visit", "result"],
            "properties": {
              "visit": {"type": "string", "description": "SHIFT_ID#POSITION, position from 1 in the team's site list, such as 2026-12-01/day/north/1#2"},
              "result": {"type": "string", "enum": ["compliant", "violation", "closed", "not_found"]},
              "measures": {"type": "array", "items": {"type": "string", "enum": ["production_halt", "seal_and_seize", "daily_fines", "administrative_detention", "referred_to_police"]}},
              "note": {"type": "string", "maxLength": 500},
              "new_case": {"type": "string", "maxLength": 200, "description": "For a violation: the title of the case it opens (default: the site's name and 巡查发现问题)"}
            }
          },
          "VisitItem": {
            "type": "object",
            "description": "One rostered visit and, once recorded, its result.",
            "required": ["id", "shift", "date", "period", "start", "site", "name", "locality", "risk", "reason", "measures", "origin"],
            "properties": {
              "id": {"type": "string", "description": "SHIFT_ID#POSITION"},
              "shift": {"type": "string"}, "date": {"type": "string", "format": "date"}, "period": {"type": "string"},
              "start": {"type": "string", "format": "date-time"},
              "site": {"type": "string"}, "name": {"type": "string"}, "locality": {"type": "string"},
              "risk": {"type": "string", "enum": ["A", "B", "C"]},
              "reason": {"type": "string", "enum": ["cadence", "weighted", "task"]},
              "origin": {"type": "string", "description": "random (the 双随机 draw) or task:<id> <reason> (a targeted visit)"},
              "result": {"type": "string", "enum": ["compliant", "violation", "closed", "not_found"]},
              "measures": {"type": "array", "items": {"type": "string"}},
              "note": {"type": "string"},
              "case": {"type": "string", "description": "The ledger case a violation opened"},
              "recorded_at": {"type": "string", "format": "date-time"},
              "uid": {"type": "integer"}
            }
          },
          "TaskAddRequest": {
            "type": "object",
            "description": "A targeted inspection (专项检查、信访核查、复查) of one site.",
            "required": ["site", "by", "reason"],
            "properties": {
              "site": {"type": "string"},
              "by": {"type": "string", "description": "The visit's shift ends by this: YYYY-MM-DDTHH:MM in district time, with an offset, or a date (its end)"},
              "from": {"type": "string", "description": "The visit's shift starts at or after this (same forms; a date is its start); default now"},
              "reason": {"type": "string", "enum": ["complaint", "referral", "special", "verification"]},
              "case": {"type": "string", "description": "The ledger case the task concerns"},
              "night": {"type": "boolean", "default": false, "description": "Only on a night shift"},
              "note": {"type": "string", "maxLength": 500}
            }
          },
          "CampaignAddRequest": {
            "type": "object",
            "description": "A special campaign: give exactly one of sites, kind or category.",
            "required": ["name", "from", "to"],
            "properties": {
              "name": {"type": "string", "maxLength": 100},
              "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
              "sites": {"type": "array", "items": {"type": "string"}, "description": "Site ids"},
              "kind": {"type": "string", "description": "Every site of this kind"},
              "category": {"type": "string", "description": "Every site with a ledger case of this category"},
              "note": {"type": "string", "maxLength": 500}
            }
          },
          "CampaignOutcome": {
            "type": "object",
            "required": ["name", "tasks"],
            "properties": {
              "name": {"type": "string"},
              "tasks": {"type": "array", "items": {"$ref": "#/components/schemas/TaskItem"}}
            }
          },
          "TaskCancelRequest": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "integer"}}
          },
          "TaskItem": {
            "type": "object",
            "description": "A targeted task and where its visit is.",
            "required": ["id", "site", "name", "from", "by", "reason", "night", "note", "status", "sealed", "created", "uid"],
            "properties": {
              "id": {"type": "integer"}, "site": {"type": "string"}, "name": {"type": "string"},
              "from": {"type": "string", "format": "date-time"}, "by": {"type": "string", "format": "date-time"},
              "reason": {"type": "string", "enum": ["complaint", "referral", "special", "verification"]},
              "case": {"type": "string"}, "night": {"type": "boolean"}, "note": {"type": "string"},
              "status": {"type": "string", "enum": ["placed", "unplaced", "done", "cancelled", "expired"], "description": "unplaced: no team-shift fits yet; tried again at each re-plan. expired: its deadline passed unplaced"},
              "shift": {"type": "string", "description": "The hosting shift"},
              "visit": {"type": "string", "description": "SHIFT_ID#POSITION of its visit"},
              "sealed": {"type": "boolean", "description": "True while the hosting list is sealed and the caller is not an admin: shift and visit are withheld until its release."},
              "problem": {"type": "string", "description": "Why it is unplaced"},
              "campaign": {"type": "string"},
              "created": {"type": "string", "format": "date-time"}, "uid": {"type": "integer"}
            }
          },
          "ConflictItem": {
            "type": "object",
            "required": ["inspector", "site", "reason", "created", "uid"],
            "properties": {
              "inspector": {"type": "string"},
              "site": {"type": "string"},
              "reason": {"type": "string"},
              "created": {"type": "string", "format": "date-time"},
              "uid": {"type": "integer"}
            }
          },
          "ConflictOutcome": {
            "type": "object",
            "description": "The conflict stored and what re-planning changed.",
            "required": ["conflict"],
            "properties": {
              "conflict": {"$ref": "#/components/schemas/ConflictItem"},
              "plan": {"allOf": [{"$ref": "#/components/schemas/PlanSummary"}], "nullable": true, "description": "The re-plan it caused; absent when no sealed site list had to change."}
            }
          },
          "RosterAssignRequest": {
            "type": "object",
            "description": "Set a team's members by hand and pin it; with no members, pin (or unpin) the team as it is.",
            "required": ["pinned"],
            "properties": {
              "members": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true, "description": "Inspector ids, each once."},
              "pinned": {"type": "boolean"}
            }
          },
          "RosterAssignOutcome": {
            "type": "object",
            "description": "The answer to a manual edit: the shift as it now is, and rule problems the edit made (kept anyway: a person decided).",
            "required": ["shift", "warnings"],
            "properties": {
              "shift": {"$ref": "#/components/schemas/RosterShift"},
              "warnings": {"type": "array", "items": {"type": "string"}},
              "plan": {"allOf": [{"$ref": "#/components/schemas/PlanSummary"}], "nullable": true}
            }
          }
        }
      }
    }
    """#
}
