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
        "description": "HTTP/1.1 + JSON over the Unix socket /run/inspectd/inspectd.sock (e.g. curl --unix-socket /run/inspectd/inspectd.sock http://localhost/v1/status). Callers are identified by their peer credentials (SO_PEERCRED) and mapped to roles by the [access] table of inspectd.toml: root and members of access.admin_groups are admins, members of access.supervisor_groups are supervisors, everybody else gets 403. Errors are RFC 9457 problem details with a stable code."
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
              "403": {"$ref": "#/components/responses/Problem"}
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
              "403": {"$ref": "#/components/responses/Problem"}
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
              "403": {"$ref": "#/components/responses/Problem"}
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
              "404": {"$ref": "#/components/responses/Problem"}
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
              "409": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/units/lagging": {
          "get": {
            "operationId": "laggingUnits",
            "summary": "Units ranked by their overdue cases, lagging ones first.",
            "responses": {
              "200": {"description": "Standings", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/UnitStanding"}}}}},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        },
        "/v1/notices": {
          "get": {
            "operationId": "listNotices",
            "summary": "Notices decided, newest first, and whether each reached the outbox.",
            "parameters": [
              {"name": "pending", "in": "query", "required": false, "schema": {"type": "boolean", "default": false}},
              {"name": "kind", "in": "query", "required": false, "schema": {"type": "string", "enum": ["reminder", "overdue", "supervision", "summons", "accountability", "ranking", "roster"]}},
              {"name": "since", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
              {"name": "case", "in": "query", "required": false, "schema": {"type": "string"}},
              {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 200}}
            ],
            "responses": {
              "200": {"description": "Notices", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/NoticeSummary"}}}}},
              "400": {"$ref": "#/components/responses/Problem"},
              "403": {"$ref": "#/components/responses/Problem"}
            }
          }
        }
      },
      "components": {
        "responses": {
          "Problem": {
            "description": "An RFC 9457 problem",
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
              "code": {"type": "string", "enum": ["bad_request", "forbidden", "not_found", "method_not_allowed", "payload_too_large", "unsupported_media_type", "invalid_import", "conflict", "store_unavailable", "internal_error"]},
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
                  "role": {"type": "string", "enum": ["admin", "supervisor"]}
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
          }
        }
      }
    }
    """#
}
