#!/usr/bin/env python3
"""An ExecutionBroker 1.0 service written from the standard's text alone.

It was written from spec/*.md, spec/requirements.yaml, the working group's OpenAPI description and
the domain brief, without reading the toolkit's own broker or its conformance suite, so that the suite
can be tried against a reading of the standard it did not make. Its sessions run on the real clock:
every phase after acceptance lasts a few seconds (--phase-seconds), offers expire after --offer-seconds.

Python 3 standard library plus PyYAML (Debian: python3-yaml), the only YAML parser Python has.
Where the standard leaves a choice to the implementer, the choice is written down in CHOICES.md
beside this file.

    python3 broker.py --port 8085 --phase-seconds 3

It prints one line "listening http://HOST:PORT" once it accepts connections.
"""

from __future__ import annotations

import argparse
import calendar
import copy
import datetime as dt
import json
import math
import re
import socket
import sys
import threading
import time
import traceback
import uuid as uuidlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

try:
    import yaml
except ImportError:  # pragma: no cover - reported at start, not at the first request
    sys.stderr.write("broker.py needs PyYAML (Debian: apt-get install -y python3-yaml)\n")
    sys.exit(3)

# --------------------------------------------------------------------------------------------------
# Vocabulary of the standard
# --------------------------------------------------------------------------------------------------

K = "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/"
OLD_KIND_PREFIXES = ("https://www.purl.org/ivoa.net/EB/schema/", "uri:docker-container", "https://www.purl.org/ivoa.net/executable-types/")

KIND_DOCKER = K + "executable/docker-container.yaml"
KIND_JUPYTER = K + "executable/jupyter-notebook.yaml"
KIND_SINGULARITY = K + "executable/singularity-container.yaml"
KIND_COMPUTE = K + "compute/simple-compute-resource.yaml"
KIND_STORAGE = K + "storage/simple-storage-resource.yaml"
KIND_VOLUME = K + "volume/simple-volume-mount.yaml"
KIND_ACCELERATOR = K + "accelerator/simple-accelerator.yaml"
DATA_KINDS = {
    K + "data/simple-data-resource.yaml": "simple",
    K + "data/S3-data-resource.yaml": "s3",
    K + "data/rucio-data-resource.yaml": "rucio",
    K + "data/ivoa-data-resource.yaml": "ivoa",
    K + "data/skao-data-resource.yaml": "skao",
}
KIND_COST = K + "costs/simple-minmax-float-cost.yaml"
KIND_COST_ABSTRACT = K + "costs/abstract-cost-item.yaml"
KIND_METRIC = K + "metrics/simple-minmax-float-metric.yaml"
KIND_METRIC_ABSTRACT = K + "metrics/abstract-metric-item.yaml"
KIND_SESSION = K + "session/scheduled-execution-session.yaml"
EXECUTABLE_KINDS = (KIND_DOCKER, KIND_JUPYTER, KIND_SINGULARITY)

COST_MONETARY = "urn:ivoa:calycopis:cost:monetary"
COST_ENERGY = "urn:ivoa:calycopis:cost:energy"
COST_CARBON = "urn:ivoa:calycopis:cost:carbon"
METRIC_COMPUTE = "urn:ivoa:calycopis:metric:compute-performance"
METRIC_IO = "urn:ivoa:calycopis:metric:io-throughput"

MESSAGE_LEVELS = ("DEBUG", "WARN", "ERROR", "INFO", "OTHER")
VOLUME_MODES = ("READONLY", "READWRITE")
PORT_PROTOCOLS = ("UDP", "TCP", "HTTP", "HTTPS")
OBJECT_TYPES = ("FILE", "CONTAINER", "DATASET")
ACCELERATOR_TYPES = ("GPU", "FPGA", "NPU", "OTHER")
STORAGE_LIFECYCLES = ("managed", "unmanaged")
LIFECYCLE_PHASES = ("INITIALIZING", "WAITING", "PREPARING", "AVAILABLE", "RUNNING", "RELEASING", "COMPLETED", "FAILED", "CANCELLED")
UNITS = ("kB", "kiB", "MB", "MiB", "GB", "GiB", "TB", "TiB", "PB", "PiB", "EB", "EiB", "ZB", "ZiB", "YB", "YiB")

ACTIVE = ("ACCEPTED", "WAITING", "PREPARING", "AVAILABLE", "RUNNING")
TERMINAL = ("REJECTED", "EXPIRED", "COMPLETED", "FAILED", "CANCELLED")
ENUM_OPTION = "uri:enum-value-option"
ENUM_UPDATE = "uri:enum-value-update"
UPDATE_KINDS = {
    "uri:enum-value-update": "value",
    "uri:string-value-update": "value",
    "uri:integer-value-update": "value",
    "uri:integer-delta-update": "delta",
}

# spec §6.4: status -> general code.
GENERAL = {
    400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE", 408: "REQUEST_TIMEOUT", 409: "CONFLICT", 410: "GONE", 411: "LENGTH_REQUIRED",
    413: "PAYLOAD_TOO_LARGE", 414: "URI_TOO_LONG", 415: "UNSUPPORTED_MEDIA_TYPE", 422: "UNPROCESSABLE_CONTENT",
    429: "TOO_MANY_REQUESTS", 431: "REQUEST_HEADER_FIELDS_TOO_LARGE", 500: "INTERNAL_ERROR", 501: "NOT_IMPLEMENTED",
    502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE", 504: "GATEWAY_TIMEOUT",
}

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
JSON_TYPES = ("application/json",)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ApiError(Exception):
    """A refusal that becomes an error document (spec §6.4)."""

    def __init__(self, status: int, code: str, message: str, messages: list | None = None, allow: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.messages = messages or []
        self.allow = allow


# --------------------------------------------------------------------------------------------------
# Clock and time formats
# --------------------------------------------------------------------------------------------------


def now() -> float:
    # Milliseconds are the resolution of every time the broker writes, so it keeps no finer ones.
    return round(time.time(), 3)


def rfc3339(t: float) -> str:
    """RFC 3339 date-time for created, modified, expires and message times (EB-SCH-05)."""
    d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def instant(t: float) -> str:
    """ISO 8601 instant for schedules: whole seconds when the time has no fraction."""
    d = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    ms = int(round((t - math.floor(t)) * 1000)) % 1000
    base = d.strftime("%Y-%m-%dT%H:%M:%S")
    return base + (f".{ms:03d}" if ms else "") + "Z"


def duration(seconds: float) -> str:
    seconds = round(max(0.0, seconds), 3)
    if seconds == 0:
        return "PT0S"
    hours = int(seconds // 3600)
    minutes = int((seconds - hours * 3600) // 60)
    rest = round(seconds - hours * 3600 - minutes * 60, 3)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if rest:
        out += (f"{rest:.3f}".rstrip("0").rstrip(".")) + "S"
    return out


# --- The ISO 8601 subset of spec §3.6 (EB-SCH-01, EB-SCH-08, EB-SCH-10, EB-SCH-11, EB-DM-05) ---------

DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"
)
DURATION_RE = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)
WEEK_RE = re.compile(r"^P(\d+)W$")


class TimeSyntax(Exception):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


def _real_date(y: int, m: int, d: int) -> None:
    if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]):
        raise TimeSyntax("EB-DM-05", f"{y:04d}-{m:02d}-{d:02d} is not a calendar date")


def parse_date(text: str) -> dt.datetime | None:
    m = DATE_RE.match(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    _real_date(y, mo, d)
    return dt.datetime(y, mo, d, tzinfo=dt.timezone.utc)


def parse_datetime(text: str) -> dt.datetime | None:
    m = DATETIME_RE.match(text)
    if not m:
        return None
    y, mo, d, hh, mm = (int(g) for g in m.groups()[:5])
    ss = int(m.group(6) or 0)
    frac = float(m.group(7) or 0)
    _real_date(y, mo, d)
    if hh > 23 or mm > 59 or ss > 59:
        raise TimeSyntax("EB-DM-05", f"{text} is not a time of day")
    zone = m.group(8)
    tz = dt.timezone.utc
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        oh, om = int(zone[1:3]), int(zone[4:6])
        if oh > 23 or om > 59:
            raise TimeSyntax("EB-DM-05", f"{zone} is not a zone offset")
        tz = dt.timezone(sign * dt.timedelta(hours=oh, minutes=om))
    return dt.datetime(y, mo, d, hh, mm, ss, int(frac * 1_000_000), tzinfo=tz)


def parse_duration(text: str) -> tuple[int, int, float] | None:
    """(years, months, seconds-of-the-rest), or None when the text is not a duration of §3.6."""
    w = WEEK_RE.match(text)
    if w:
        return (0, 0, int(w.group(1)) * 7 * 86400.0)
    m = DURATION_RE.match(text)
    if not m:
        return None
    y, mo, d, h, mi = (int(g) if g else 0 for g in m.groups()[:5])
    s = float(m.group(6)) if m.group(6) else 0.0
    return (y, mo, d * 86400.0 + h * 3600.0 + mi * 60.0 + s)


def duration_seconds(text: str) -> float | None:
    p = parse_duration(text)
    if p is None:
        return None
    # A run length in years or months has no calendar to count on; 365 and 30 days are what it means here.
    return p[0] * 365 * 86400.0 + p[1] * 30 * 86400.0 + p[2]


def add_duration(start: dt.datetime, p: tuple[int, int, float]) -> dt.datetime:
    y, mo, s = p
    month = start.month - 1 + mo
    year = start.year + y + month // 12
    month = month % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day) + dt.timedelta(seconds=s)


def parse_start_range(text: str) -> tuple[float, float]:
    """A requested start (one range) as [earliest, latest] epoch seconds."""
    if text.startswith("R"):
        raise TimeSyntax("EB-SCH-01", "a repeating interval is not a start")
    if "/" not in text:
        if text.startswith("P"):
            raise TimeSyntax("EB-SCH-01", "a bare duration is not a start")
        d = parse_date(text)
        if d is not None:
            return d.timestamp(), (d + dt.timedelta(days=1)).timestamp() - 0.001
        t = parse_datetime(text)
        if t is None:
            raise TimeSyntax("EB-SCH-01", f"[{text}] is not an ISO 8601 instant, date or interval of spec §3.6")
        return t.timestamp(), t.timestamp()
    parts = text.split("/")
    if len(parts) != 2:
        raise TimeSyntax("EB-SCH-01", f"[{text}] has more than one '/'")
    first, second = parts
    if first.startswith("R"):
        raise TimeSyntax("EB-SCH-01", "a repeating interval is not a start")
    if first.startswith("P"):
        raise TimeSyntax("EB-SCH-01", "a duration/end interval is not a start")
    start = parse_date(first)
    if start is None:
        start = parse_datetime(first)
    if start is None:
        raise TimeSyntax("EB-SCH-01", f"[{first}] is not an ISO 8601 date or date-time")
    if second.startswith("P"):
        if second in ("P", "PT"):
            raise TimeSyntax("EB-SCH-08", "the duration of the interval is empty")
        p = parse_duration(second)
        if p is None:
            raise TimeSyntax("EB-SCH-01", f"[{second}] is not an ISO 8601 duration of spec §3.6")
        return start.timestamp(), add_duration(start, p).timestamp()
    end_date = parse_date(second)
    if end_date is not None:
        end = end_date + dt.timedelta(days=1) - dt.timedelta(milliseconds=1)
    else:
        end = parse_datetime(second)
        if end is None:
            raise TimeSyntax("EB-SCH-01", f"[{second}] is not a full date or date-time (abbreviated ends are not allowed)")
    if end < start:
        raise TimeSyntax("EB-SCH-08", f"the end of [{text}] is before its start")
    return start.timestamp(), end.timestamp()


# --------------------------------------------------------------------------------------------------
# Bodies: YAML 1.2 and JSON in, YAML and JSON out
# --------------------------------------------------------------------------------------------------


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1; requests are YAML 1.2, so timestamps, yes/no and 010 stay what 1.2 says."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
INT12 = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
FLOAT12 = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", INT12, list("-+0123456789"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float", FLOAT12, list("-+0123456789."))


def _int12(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float12(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text == ".nan":
        return math.nan
    return float(text)


def _mapping_without_duplicates(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key is not a scalar", key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key [{key}]", key_node.start_mark)
        seen.add(key)
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=deep))


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: _mapping_without_duplicates(loader, node, deep=True))


class QuotingDumper(yaml.SafeDumper):
    """Quotes any string that YAML 1.1 or 1.2 would read as something else."""


QuotingDumper.add_implicit_resolver("tag:yaml.org,2002:int", INT12, list("-+0123456789"))
QuotingDumper.add_implicit_resolver("tag:yaml.org,2002:float", FLOAT12, list("-+0123456789."))


def to_yaml(doc) -> bytes:
    return yaml.dump(doc, Dumper=QuotingDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096).encode("utf-8")


def to_json(doc) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_pairs(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key [{k}]")
        out[k] = v
    return out


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_body(raw: bytes, fmt: str):
    """Parse a request body; ApiError 400 when it cannot be parsed (EB-ERR-07)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(400, "MALFORMED_BODY", f"The body is not UTF-8 (byte {e.start}).")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ApiError(400, "EMPTY_BODY", "The body is empty.")
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_no_constants)
        except (ValueError, RecursionError) as e:
            raise ApiError(400, "MALFORMED_BODY", f"The body is not valid JSON: {e}.")
    try:
        docs = list(yaml.load_all(text, Loader=Yaml12Loader))
    except yaml.YAMLError as e:
        where = ""
        mark = getattr(e, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ApiError(400, "MALFORMED_BODY", f"The body is not valid YAML{where}: {problem}.")
    except RecursionError:
        raise ApiError(400, "MALFORMED_BODY", "The body nests too deeply.")
    if len(docs) > 1:
        raise ApiError(400, "MALFORMED_BODY", "The body holds more than one YAML document.")
    if not docs:
        raise ApiError(400, "EMPTY_BODY", "The body holds no document.")
    return docs[0]


def check_size(doc, budget: int = 200_000) -> None:
    """Aliases can make a small YAML body expand enormously; the broker walks at most `budget` nodes."""
    stack = [doc]
    count = 0
    while stack:
        node = stack.pop()
        count += 1
        if count > budget:
            raise ApiError(413, "BODY_TOO_LARGE", "The body expands to more nodes than this broker reads.")
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def positions(raw: bytes) -> dict:
    """JSON Pointer -> (line, column), from the YAML node tree (JSON is read as YAML for this)."""
    out: dict[str, tuple[int, int]] = {}
    try:
        root = yaml.compose(raw.decode("utf-8"), Loader=yaml.SafeLoader)
    except Exception:
        return out
    stack = [("", root)]
    while stack and len(out) < 100_000:
        ptr, node = stack.pop()
        if node is None:
            continue
        out[ptr] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    stack.append((ptr + "/" + str(k.value).replace("~", "~0").replace("/", "~1"), v))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                stack.append((f"{ptr}/{i}", v))
    return out


# --------------------------------------------------------------------------------------------------
# Content negotiation (EB-HTTP-01, -03, -04, -12, -13, -14, -15, -16)
# --------------------------------------------------------------------------------------------------


def media_type(header: str | None) -> tuple[str, dict]:
    if not header:
        return "", {}
    parts = [p.strip() for p in header.split(";")]
    params = {}
    for p in parts[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            params[k.strip().lower()] = v.strip().strip('"').lower()
    return parts[0].lower(), params


def request_format(header: str | None) -> str:
    """The format of a request body from its Content-Type; YAML when none is declared."""
    mtype, params = media_type(header)
    if not mtype:
        return "yaml"
    charset = params.get("charset")
    if charset and charset not in ("utf-8", "utf8", "us-ascii"):
        raise ApiError(415, "UNSUPPORTED_CONTENT_TYPE", f"This broker reads bodies in UTF-8, not [{charset}].")
    if mtype in YAML_TYPES:
        return "yaml"
    if mtype in JSON_TYPES or (mtype.startswith("application/") and mtype.endswith("+json")):
        return "json"
    raise ApiError(415, "UNSUPPORTED_CONTENT_TYPE", f"This broker reads application/yaml and application/json bodies, not [{mtype}].")


def parse_accept(header: str | None) -> list[tuple[str, float]] | None:
    if header is None or not header.strip():
        return None
    out = []
    for item in header.split(","):
        item = item.strip()
        if not item:
            continue
        mtype, params = media_type(item)
        try:
            q = float(params.get("q", "1"))
        except ValueError:
            q = 0.0
        out.append((mtype, max(0.0, min(1.0, q))))
    return out


def _quality(candidate: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the most specific matching media range gives to candidate (RFC 9110 §12.5.1)."""
    best, best_specificity = 0.0, -1
    ctype, csub = candidate.split("/")
    for rng, q in ranges:
        if "/" not in rng:
            continue
        rtype, rsub = rng.split("/", 1)
        if rng == candidate:
            specificity = 2
        elif rtype == ctype and rsub == "*":
            specificity = 1
        elif rng == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best, best_specificity = q, specificity
    return best


def negotiate(header: str | None, yaml_default: bool = True) -> tuple[str, str]:
    """(format, media type) for the answer; ApiError 406 when Accept allows neither YAML nor JSON."""
    ranges = parse_accept(header)
    if ranges is None:
        return ("yaml", "application/yaml") if yaml_default else ("json", "application/json")
    candidates = [("yaml", t) for t in YAML_TYPES] + [("json", t) for t in JSON_TYPES]
    scored = [(_quality(t, ranges), i, fmt, t) for i, (fmt, t) in enumerate(candidates)]
    # Highest quality wins; at equal quality YAML wins (EB-HTTP-03), and application/yaml before its aliases.
    scored.sort(key=lambda s: (-s[0], s[1]))
    q, _, fmt, mtype = scored[0]
    if q <= 0:
        raise ApiError(406, "NO_ACCEPTABLE_FORMAT", "This broker answers in application/yaml or application/json, and the Accept header allows neither.")
    if not yaml_default and fmt == "yaml" and _quality("application/json", ranges) == q:
        return "json", "application/json"
    return fmt, mtype


# --------------------------------------------------------------------------------------------------
# Validation of an execution request
# --------------------------------------------------------------------------------------------------


def esc(key: str) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool)) and not (isinstance(v, float) and not math.isfinite(v))


class Findings:
    """Faults of the document itself: schema (EB-DM-09, EB-KIND-01, ...) and the MUST rules of §3."""

    def __init__(self):
        self.items: list[tuple[str, str, str]] = []

    def add(self, rule: str, pointer: str, message: str) -> None:
        self.items.append((rule, pointer, message))


class Refusals:
    """What the broker does not provide: the request is valid, the answer is NO (EB-ERR-12)."""

    def __init__(self):
        self.items: list[dict] = []

    def add(self, message_kind: str, message: str, **values) -> None:
        self.items.append(message_item(message_kind, "WARN", message, {k: str(v) for k, v in values.items()}))


def message_item(kind: str, level: str, message: str, values: dict | None = None) -> dict:
    item = {"kind": kind, "time": rfc3339(now()), "level": level, "template": message.replace("{", "${")}
    if values:
        item["values"] = values
    item["message"] = message.format(**(values or {}))
    return item


TYPE_CHECKS = {
    "string": (lambda v: isinstance(v, str), "a string"),
    "integer": (is_int, "an integer"),
    "number": (is_num, "a number"),
    "boolean": (lambda v: isinstance(v, bool), "a boolean"),
    "object": (lambda v: isinstance(v, dict), "an object"),
    "array": (lambda v: isinstance(v, list), "an array"),
}


class Validator:
    def __init__(self, findings: Findings):
        self.f = findings

    def typed(self, value, expected: str, pointer: str) -> bool:
        check, name = TYPE_CHECKS[expected]
        if not check(value):
            self.f.add("EB-DM-09", pointer, f"{pointer or '/'} is {describe(value)}, where the schema wants {name}")
            return False
        return True

    def members(self, obj: dict, pointer: str, spec: dict) -> None:
        for key, rule in spec.items():
            if key not in obj:
                continue
            value, p = obj[key], f"{pointer}/{esc(key)}"
            if isinstance(rule, tuple):  # ("enum", values, requirement)
                _, values, req = rule
                if self.typed(value, "string", p) and value not in values:
                    self.f.add(req, p, f"{p} is [{value}], not one of {', '.join(values)}")
            elif callable(rule):
                rule(value, p)
            else:
                self.typed(value, rule, p)

    def keys_are_strings(self, doc, pointer: str = "") -> None:
        stack = [(pointer, doc)]
        while stack:
            p, node = stack.pop()
            if isinstance(node, dict):
                for k, v in node.items():
                    if not isinstance(k, str):
                        self.f.add("EB-DM-09", p, f"{p or '/'} has a member named by {describe(k)}, not a string")
                        continue
                    stack.append((f"{p}/{esc(k)}", v))
            elif isinstance(node, list):
                stack.extend((f"{p}/{i}", v) for i, v in enumerate(node))
            elif isinstance(node, float) and not math.isfinite(node):
                self.f.add("EB-DM-09", p, f"{p} is not a finite number")

    def string_list(self, value, p: str) -> None:
        if self.typed(value, "array", p):
            for i, v in enumerate(value):
                self.typed(v, "string", f"{p}/{i}")

    def string_map(self, value, p: str) -> None:
        if self.typed(value, "object", p):
            for k, v in value.items():
                self.typed(v, "string", f"{p}/{esc(k)}")

    def minmax(self, value, p: str, numeric: str = "integer") -> None:
        if not self.typed(value, "object", p):
            return
        ok = True
        for key in ("min", "max"):
            if key in value:
                ok = self.typed(value[key], numeric, f"{p}/{key}") and ok
                if ok and value[key] < 0:
                    self.f.add("EB-DM-01", f"{p}/{key}", f"{p}/{key} is negative")
                    ok = False
        if ok and "min" in value and "max" in value and value["min"] > value["max"]:
            self.f.add("EB-DM-01", p, f"the minimum at {p} is greater than its maximum")

    def meta(self, value, p: str) -> None:
        if not self.typed(value, "object", p):
            return
        self.members(value, p, {"name": "string", "uuid": "string", "url": "string", "description": "string",
                                "created": "string", "modified": "string", "messages": "array", "options": "array"})

    def item_list(self, value, p: str, kinds: tuple) -> None:
        """costs and metrics: lists of items with a required kind (EB-KIND-01)."""
        if not self.typed(value, "array", p):
            return
        for i, item in enumerate(value):
            ip = f"{p}/{i}"
            if not self.typed(item, "object", ip):
                continue
            self.kind(item, ip)
            self.members(item, ip, {"type": "string", "description": "string", "min": "number", "max": "number", "meta": self.meta})
            if is_num(item.get("min")) and is_num(item.get("max")):
                if item["min"] > item["max"]:
                    self.f.add("EB-DM-01", ip, f"the minimum at {ip} is greater than its maximum")
            for key in ("min", "max"):
                if is_num(item.get(key)) and item[key] < 0:
                    self.f.add("EB-DM-01", f"{ip}/{key}", f"{ip}/{key} is negative")

    def kind(self, obj: dict, p: str) -> bool:
        if "kind" not in obj:
            self.f.add("EB-KIND-01", p, f"{p or '/'} has no kind")
            return False
        return self.typed(obj["kind"], "string", f"{p}/kind")

    def component(self, obj, p: str, extra: dict) -> bool:
        if not self.typed(obj, "object", p):
            return False
        self.kind(obj, p)
        spec = {"meta": self.meta, "costs": lambda v, q: self.item_list(v, q, ()), "metrics": lambda v, q: self.item_list(v, q, ()),
                "phase": ("enum", LIFECYCLE_PHASES, "EB-DM-02"), "schedule": "object"}
        spec.update(extra)
        self.members(obj, p, spec)
        return True


def describe(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return f"the boolean {str(v).lower()}"
    if isinstance(v, (int, float)):
        return f"the number {v}"
    if isinstance(v, str):
        return f"the string [{v}]" if len(v) < 60 else "a string"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


def validate_request(doc) -> tuple[Findings, dict]:
    """Schema and rule findings of an ExecutionRequest, and the parsed schedule for planning."""
    f = Findings()
    v = Validator(f)
    parsed: dict = {"ranges": None, "duration": None}
    if not isinstance(doc, dict):
        f.add("EB-DM-09", "", f"the execution request is {describe(doc)}, not an object")
        return f, parsed
    v.keys_are_strings(doc)
    if f.items:
        return f, parsed

    port_spec = {
        "access": "boolean",
        "internal": lambda x, q: (v.typed(x, "object", q) and v.members(x, q, {"port": "integer"})),
        "external": lambda x, q: (v.typed(x, "object", q) and v.members(x, q, {"port": "integer", "addresses": v.string_list})),
        "protocol": ("enum", PORT_PROTOCOLS, "EB-DM-02"),
        "path": "string",
    }

    def ports(x, q):
        if v.typed(x, "array", q):
            for i, port in enumerate(x):
                if v.typed(port, "object", f"{q}/{i}"):
                    v.members(port, f"{q}/{i}", port_spec)

    def params(x, q):
        if v.typed(x, "array", q):
            for i, item in enumerate(x):
                if v.typed(item, "object", f"{q}/{i}"):
                    v.members(item, f"{q}/{i}", {"name": "string", "resource": "string", "env": "string"})

    docker_spec = {
        "image": lambda x, q: (v.typed(x, "object", q) and v.members(x, q, {
            "locations": v.string_list, "digest": "string",
            "platform": lambda y, r: (v.typed(y, "object", r) and v.members(y, r, {"architecture": "string", "os": "string"}))})),
        "privileged": "boolean", "entrypoint": "string", "command": v.string_list, "environment": v.string_map,
        "network": lambda x, q: (v.typed(x, "object", q) and v.members(x, q, {"ports": ports})),
        "inputs": params, "outputs": params,
    }
    location_spec = {"location": "string", "inputs": params, "outputs": params}

    if "executable" in doc:
        ex = doc["executable"]
        if v.component(ex, "/executable", {}):
            k = ex.get("kind")
            if k == KIND_DOCKER:
                v.members(ex, "/executable", docker_spec)
            elif k in (KIND_JUPYTER, KIND_SINGULARITY):
                v.members(ex, "/executable", location_spec)

    def volumes(x, q):
        if v.typed(x, "array", q):
            for i, vol in enumerate(x):
                vp = f"{q}/{i}"
                if v.typed(vol, "object", vp):
                    v.kind(vol, vp)
                    v.members(vol, vp, {"meta": v.meta, "path": "string", "mode": ("enum", VOLUME_MODES, "EB-DM-02"), "resource": "string"})

    def accelerators(x, q):
        if v.typed(x, "array", q):
            for i, acc in enumerate(x):
                ap = f"{q}/{i}"
                if v.component(acc, ap, {}) and acc.get("kind") == KIND_ACCELERATOR:
                    v.members(acc, ap, {"type": ("enum", ACCELERATOR_TYPES, "EB-DM-02"), "count": v.minmax,
                                        "vendor": "string", "model": "string", "memory": v.minmax})

    if "compute" in doc:
        c = doc["compute"]
        if v.component(c, "/compute", {"volumes": volumes, "accelerators": accelerators}) and c.get("kind") == KIND_COMPUTE:
            v.members(c, "/compute", {"cores": v.minmax, "memory": v.minmax})

    def resources(key, extra_known, extra_unknown=None):
        if key not in doc:
            return
        if not v.typed(doc[key], "array", f"/{key}"):
            return
        for i, item in enumerate(doc[key]):
            ip = f"/{key}/{i}"
            if v.component(item, ip, extra_unknown or {}):
                extra = extra_known(item)
                if extra:
                    v.members(item, ip, extra)

    def storage_spec(item):
        if item.get("kind") != KIND_STORAGE:
            return {}
        return {"size": v.minmax, "data": v.string_list, "lifecycle": ("enum", STORAGE_LIFECYCLES, "EB-DM-02"),
                "lifetime": duration_member, "location": "string"}

    def duration_member(x, q):
        if v.typed(x, "string", q) and parse_duration(x) is None:
            f.add("EB-SCH-05", q, f"{q} [{x}] is not an ISO 8601 duration")

    def object_spec(spec):
        return lambda x, q: (v.typed(x, "object", q) and v.members(x, q, spec))

    obscore = {"obs_id": "string", "obs_collection": "string", "obs_publisher_did": "string", "obs_creator_did": "string",
               "dataproduct_type": "string", "calib_level": "integer", "access_url": "string", "access_format": "string"}
    datalink = {k: "string" for k in ("ID", "access_url", "service_def", "error_message", "description", "semantics",
                                       "content_type", "content_qualifier", "local_semantics", "link_auth")}
    datalink.update({"content_length": "integer", "link_authorized": "boolean"})
    ivoa_block = object_spec({"ivoid": "string", "obscore": object_spec(obscore), "datalink": object_spec(datalink)})

    def replicas(x, q):
        if v.typed(x, "array", q):
            for i, r in enumerate(x):
                if v.typed(r, "object", f"{q}/{i}"):
                    v.members(r, f"{q}/{i}", {"rsename": "string", "dataurl": "string"})

    def data_spec(item):
        flavour = DATA_KINDS.get(item.get("kind"))
        base = {"storage": "string"}
        if flavour == "simple":
            base.update({"location": "string"})
        elif flavour == "s3":
            base.update({"endpoint": "string", "template": "string", "bucket": "string", "object": "string"})
        elif flavour == "rucio":
            base.update({"rucio": object_spec({"endpoint": "string", "scope": "string", "object": "string", "type": ("enum", OBJECT_TYPES, "EB-DM-02")})})
        elif flavour == "ivoa":
            base.update({"ivoa": ivoa_block})
        elif flavour == "skao":
            base.update({"ivoa": ivoa_block, "skao": object_spec({
                "namespace": "string", "objectname": "string", "objecttype": ("enum", OBJECT_TYPES, "EB-DM-02"),
                "datasize": "integer", "checksum": object_spec({"type": "string", "value": "string"}), "replicas": replicas})})
        return base

    resources("storage", storage_spec)
    resources("data", data_spec)
    for key in ("costs", "metrics"):
        if key in doc:
            v.item_list(doc[key], f"/{key}", ())

    if "schedule" in doc and v.typed(doc["schedule"], "object", "/schedule"):
        sched = doc["schedule"]
        if "requested" in sched and v.typed(sched["requested"], "object", "/schedule/requested"):
            req = sched["requested"]
            if "start" in req:
                start = req["start"]
                if isinstance(start, str):
                    parsed["ranges"] = start_ranges([start], ["/schedule/requested/start"], f)
                elif isinstance(start, list):
                    if len(start) < 2:
                        f.add("EB-SCH-12", "/schedule/requested/start", "a list of starts has two or more ranges; a single range is written alone")
                    elif all(v.typed(s, "string", f"/schedule/requested/start/{i}") for i, s in enumerate(start)):
                        parsed["ranges"] = start_ranges(start, [f"/schedule/requested/start/{i}" for i in range(len(start))], f)
                else:
                    v.typed(start, "string", "/schedule/requested/start")
            if "duration" in req and v.typed(req["duration"], "string", "/schedule/requested/duration"):
                d = req["duration"]
                if d in ("P", "PT"):
                    f.add("EB-SCH-08", "/schedule/requested/duration", "the requested duration is empty")
                else:
                    seconds = duration_seconds(d)
                    if seconds is None:
                        f.add("EB-SCH-05", "/schedule/requested/duration", f"[{d}] is not an ISO 8601 duration of spec §3.6")
                    parsed["duration"] = seconds
    if f.items:
        return f, parsed
    rules(doc, f)
    return f, parsed


def start_ranges(texts: list, pointers: list, f: Findings):
    out = []
    for text, p in zip(texts, pointers):
        try:
            out.append(parse_start_range(text))
        except TimeSyntax as e:
            f.add(e.rule, p, str(e))
    return out


def named(item) -> str | None:
    meta = item.get("meta") if isinstance(item, dict) else None
    name = meta.get("name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) else None


def uuid_of(item) -> str | None:
    meta = item.get("meta") if isinstance(item, dict) else None
    u = meta.get("uuid") if isinstance(meta, dict) else None
    return u if isinstance(u, str) else None


def rules(doc: dict, f: Findings) -> None:
    """The MUST rules of spec §3 that a request can break: EB-REF-02..05, EB-REF-07, EB-DM-12."""
    storage = [s for s in doc.get("storage", []) if isinstance(s, dict)]
    data = [d for d in doc.get("data", []) if isinstance(d, dict)]
    compute = doc.get("compute") if isinstance(doc.get("compute"), dict) else None
    volumes = [vol for vol in (compute or {}).get("volumes", []) if isinstance(vol, dict)]
    executable = doc.get("executable") if isinstance(doc.get("executable"), dict) else None

    components: list[tuple[str, dict]] = []
    if executable:
        components.append(("/executable", executable))
    if compute:
        components.append(("/compute", compute))
        components += [(f"/compute/volumes/{i}", vol) for i, vol in enumerate(volumes)]
        components += [(f"/compute/accelerators/{i}", a) for i, a in enumerate(compute.get("accelerators", [])) if isinstance(a, dict)]
    components += [(f"/storage/{i}", s) for i, s in enumerate(storage)]
    components += [(f"/data/{i}", d) for i, d in enumerate(data)]

    seen: dict[str, str] = {}
    volume_names: set = set()
    for p, item in components:
        name = named(item)
        if name is None:
            continue
        if p.startswith("/compute/volumes/"):
            if name in volume_names:
                f.add("EB-REF-02", f"{p}/meta/name", f"two volumes are named [{name}]")
            volume_names.add(name)
        if name in seen:
            f.add("EB-REF-05", f"{p}/meta/name", f"[{name}] names both {seen[name]} and {p}")
        else:
            seen[name] = p

    def refs(items):
        out = set()
        for it in items:
            for key in (named(it), uuid_of(it)):
                if key:
                    out.add(key)
        return out

    storage_refs, data_refs = refs(storage), refs(data)
    for i, vol in enumerate(volumes):
        p = f"/compute/volumes/{i}"
        res = vol.get("resource")
        if not isinstance(res, str):
            f.add("EB-REF-03", p, f"the volume at {p} names no resource")
        elif (res in storage_refs) == (res in data_refs):
            what = "both a data and a storage resource" if res in storage_refs else "no data or storage resource"
            f.add("EB-REF-03", f"{p}/resource", f"volume resource [{res}] names {what} of the request")
    for i, d in enumerate(data):
        s = d.get("storage")
        if isinstance(s, str) and s not in storage_refs:
            f.add("EB-REF-04", f"/data/{i}/storage", f"data resource storage [{s}] names no storage resource of the request")
    for i, s in enumerate(storage):
        for j, name in enumerate(s.get("data", []) if isinstance(s.get("data"), list) else []):
            if isinstance(name, str) and name not in data_refs:
                f.add("EB-REF-04", f"/storage/{i}/data/{j}", f"storage data [{name}] names no data resource of the request")
        if s.get("kind") == KIND_STORAGE and s.get("lifecycle") == "unmanaged":
            if "location" not in s:
                f.add("EB-DM-12", f"/storage/{i}", "unmanaged storage names no location")
            if "lifetime" in s:
                f.add("EB-DM-12", f"/storage/{i}/lifetime", "unmanaged storage has a lifetime, which is not the broker's to keep")

    if executable:
        names: set = set()
        for key, allowed in (("inputs", data_refs | storage_refs), ("outputs", storage_refs)):
            items = executable.get(key) if isinstance(executable.get(key), list) else []
            for i, param in enumerate(items):
                if not isinstance(param, dict):
                    continue
                p = f"/executable/{key}/{i}"
                name = param.get("name")
                if isinstance(name, str):
                    if name in names:
                        f.add("EB-REF-07", f"{p}/name", f"two parameters are named [{name}]")
                    names.add(name)
                res = param.get("resource")
                if not isinstance(res, str) or res not in allowed:
                    what = "a data or storage resource" if key == "inputs" else "a storage resource"
                    f.add("EB-REF-07", f"{p}/resource", f"{key[:-1]} [{name}] links to [{res}], which is not {what} of the request")
                env = param.get("env")
                if isinstance(env, str) and not ENV_NAME_RE.match(env):
                    f.add("EB-REF-07", f"{p}/env", f"[{env}] is not an environment variable name")


# --------------------------------------------------------------------------------------------------
# The broker: configuration, reservations, planning, sessions
# --------------------------------------------------------------------------------------------------


class Config:
    def __init__(self, args):
        p = args.phase_seconds
        self.accepted = args.accepted_seconds if args.accepted_seconds is not None else p
        self.waiting = args.waiting_seconds if args.waiting_seconds is not None else p
        self.preparing = args.preparing_seconds if args.preparing_seconds is not None else p
        self.available = args.available_seconds if args.available_seconds is not None else p
        self.running = args.running_seconds if args.running_seconds is not None else p
        self.releasing = args.releasing_seconds if args.releasing_seconds is not None else p
        self.offer_seconds = args.offer_seconds
        self.cores = args.cores
        self.memory = args.memory
        self.storage = args.storage
        self.default_duration = args.default_duration
        self.max_duration = args.max_duration
        self.body_limit = args.body_limit
        self.public_url = args.public_url.rstrip("/") if args.public_url else None
        self.standard_id = args.standard_id
        self.reachable = tuple(args.reachable_storage)
        self.faults = set(args.fault)
        self.verbose = args.verbose

    @property
    def lead(self) -> float:
        """From acceptance to availability when nothing waits for a later start."""
        return self.accepted + self.waiting + self.preparing


class Session:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Broker:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.lock = threading.RLock()
        self.sessions: dict[str, Session] = {}
        self.offersets: dict[str, dict] = {}
        self.started = now()
        self.next_port = 30000
        self.last_tick = now()

    # --- reservations (EB-OFF-10) -----------------------------------------------------------------

    def free(self) -> tuple[int, int, int]:
        cores = memory = storage = 0
        for s in self.sessions.values():
            if s.phase not in TERMINAL and s.reserved:
                cores += s.cores
                memory += s.memory
                storage += s.storage_total
        return self.cfg.cores - cores, self.cfg.memory - memory, self.cfg.storage - storage

    # --- the clock --------------------------------------------------------------------------------

    def advance(self, t: float | None = None) -> None:
        """Applies every phase change whose time has come, at the time it was due."""
        t = now() if t is None else t
        with self.lock:
            self.last_tick = t
            for s in self.sessions.values():
                if s.phase == "OFFERED" and s.expires is not None and t >= s.expires and "no-expiry" not in self.cfg.faults:
                    self.set_phase(s, "EXPIRED", s.expires)
                while s.timeline and s.timeline[0][0] <= t:
                    at, phase = s.timeline.pop(0)
                    if phase == "RELEASING" and s.schedule is not None:
                        # The program ended before the reserved time ran out: the plan now says when it was released.
                        s.schedule["releasing"]["start"] = instant(at)
                    self.set_phase(s, phase, at)

    def set_phase(self, s: Session, phase: str, at: float) -> None:
        s.phase = phase
        s.modified = at
        if phase != "OFFERED":
            s.expires = None
        if phase in TERMINAL:
            s.timeline = []

    # --- planning ---------------------------------------------------------------------------------

    def plan(self, doc: dict, parsed: dict, created: float, max_offers: int) -> tuple[list[Session], list[dict]]:
        cfg = self.cfg
        no = Refusals()
        self.refuse_unsupported(doc, no)

        compute = doc.get("compute") if isinstance(doc.get("compute"), dict) else None
        cores_req = (compute or {}).get("cores") or {}
        memory_req = (compute or {}).get("memory") or {}
        base_cores = max(cores_req.get("min", 1), 1)
        base_memory = max(memory_req.get("min", 1), 1)
        if "max" in cores_req and cores_req["max"] < base_cores:
            no.add("urn:resource-limit", "The compute at [{pointer}] allows at most {max} cores; this broker gives at least 1.", pointer="/compute/cores", max=cores_req["max"])
        if "max" in memory_req and memory_req["max"] < base_memory:
            no.add("urn:resource-limit", "The compute at [{pointer}] allows at most {max} GiB; this broker gives at least 1 GiB.", pointer="/compute/memory", max=memory_req["max"])
        if base_cores > cfg.cores:
            no.add("urn:resource-limit", "Minimum cores [{cores}] at [{pointer}] exceed this platform's {limit} cores.", cores=base_cores, pointer="/compute/cores/min", limit=cfg.cores)
        if base_memory > cfg.memory:
            no.add("urn:resource-limit", "Minimum memory [{memory}] GiB at [{pointer}] exceeds this platform's {limit} GiB.", memory=base_memory, pointer="/compute/memory/min", limit=cfg.memory)
        storage_sizes = []
        for i, s in enumerate(doc.get("storage", [])):
            size = s.get("size") or {}
            storage_sizes.append(max(size.get("min", 1), 1))
            if "max" in size and size["max"] < 1:
                no.add("urn:resource-limit", "The storage at [{pointer}] allows no space.", pointer=f"/storage/{i}/size")
        if sum(storage_sizes) > cfg.storage:
            no.add("urn:resource-limit", "The request's storage, {size} GiB, exceeds this platform's {limit} GiB.", size=sum(storage_sizes), limit=cfg.storage)

        run = parsed.get("duration")
        run = cfg.default_duration if run is None else run
        if run > cfg.max_duration:
            no.add("urn:resource-limit", "The requested duration [{duration}] exceeds this broker's longest session, {limit}.", duration=duration(run), limit=duration(cfg.max_duration))
        if run <= 0:
            no.add("urn:invalid-value", "The requested duration [{duration}] leaves no time to run.", duration=duration(run))
        if no.items:
            return [], no.items

        # Start: the earliest time each requested range allows, given that acceptance comes first.
        ranges = parsed.get("ranges") or [(created, math.inf)]
        slots = []
        for ws, we in ranges:
            earliest = max(ws, created + cfg.lead)
            if earliest > we:
                continue
            expires = min(created + cfg.offer_seconds, we - cfg.lead)
            if expires < created + 1:
                continue
            slots.append((ws, we, round(expires, 3)))
        if not slots:
            no.add("urn:schedule-unavailable", "No requested start can be met: this broker needs {lead} from acceptance to availability, and every requested range ends before that.", lead=duration(cfg.lead))
            return [], no.items

        # Variants: the minimum at each slot; in the first slot also a larger one (up to the maxima) or a longer one.
        variants = []
        for n, slot in enumerate(slots[:2]):
            variants.append((slot, base_cores, base_memory, run))
            if n == 0:
                bigger_cores = min(cores_req.get("max", base_cores), 2 * base_cores, cfg.cores)
                bigger_memory = min(memory_req.get("max", base_memory), 2 * base_memory, cfg.memory)
                if (bigger_cores, bigger_memory) != (base_cores, base_memory):
                    variants.append((slot, bigger_cores, bigger_memory, run))
                elif 2 * run <= cfg.max_duration:
                    variants.append((slot, base_cores, base_memory, 2 * run))
        variants = variants[:max_offers]

        free_cores, free_memory, free_storage = self.free()
        offers: list[Session] = []
        quotes_refused = Refusals()
        for slot, cores, memory, length in variants:
            if cores > free_cores or memory > free_memory or sum(storage_sizes) > free_storage:
                continue
            costs, metrics, refused = self.quote(doc, cores, memory, length, len(offers))
            if refused:
                quotes_refused.items.extend(refused)
                continue
            free_cores -= cores
            free_memory -= memory
            free_storage -= sum(storage_sizes)
            offers.append(self.offer(doc, slot, cores, memory, length, storage_sizes, costs, metrics, created, len(offers)))
        if not offers:
            if quotes_refused.items:
                return [], quotes_refused.items
            no.add("urn:resource-limit", "This platform has no room for the request now ({cores} cores, {memory} GiB, {storage} GiB of storage free).",
                   cores=max(free_cores, 0), memory=max(free_memory, 0), storage=max(free_storage, 0))
            return [], no.items
        return offers, []

    def refuse_unsupported(self, doc: dict, no: Refusals) -> None:
        """EB-KIND-02, EB-OFF-17, -20, -21, -22: things this broker does not provide."""

        def kind_not_known(kind, pointer):
            hint = ""
            if isinstance(kind, str) and kind.startswith(OLD_KIND_PREFIXES):
                hint = " It is a kind URI of an older generation; ExecutionBroker 1.0 kinds start with " + K + "."
            no.add("urn:unknown-kind", "This broker does not know the kind [{kind}] at [{pointer}]." + hint, kind=kind, pointer=pointer)

        ex = doc.get("executable")
        if ex is None:
            no.add("urn:executable-required", "The request names no executable, so there is nothing to run.")
        else:
            k = ex.get("kind")
            if k not in EXECUTABLE_KINDS:
                kind_not_known(k, "/executable/kind")
            elif k == KIND_DOCKER:
                image = ex.get("image") or {}
                if not image.get("locations"):
                    no.add("urn:missing-required-value", "The container at [{pointer}] names no image location.", pointer="/executable/image/locations")
                platform = image.get("platform") or {}
                arch, os_ = platform.get("architecture", "amd64"), platform.get("os", "linux")
                if arch not in ("amd64", "arm64") or os_ != "linux":
                    no.add("urn:not-supported", "This platform runs linux/amd64 and linux/arm64 images, not [{os}/{arch}] at [{pointer}].", os=os_, arch=arch, pointer="/executable/image/platform")
                if ex.get("privileged") is True:
                    no.add("urn:not-supported", "This broker does not run containers with privileged true ([{pointer}]).", pointer="/executable/privileged")
                for i, port in enumerate(((ex.get("network") or {}).get("ports") or [])):
                    internal = (port.get("internal") or {}).get("port")
                    if internal is not None and not (1 <= internal <= 65535):
                        no.add("urn:invalid-value", "Port [{port}] at [{pointer}] is not a TCP/UDP port number.", port=internal, pointer=f"/executable/network/ports/{i}/internal/port")
                    if "external" in port:
                        no.add("urn:not-supported", "This broker chooses external ports itself and cannot promise the external port at [{pointer}] ({port}).",
                               pointer=f"/executable/network/ports/{i}/external", port=(port.get("external") or {}).get("port", "addresses"))
            elif not ex.get("location"):
                no.add("urn:missing-required-value", "The executable at [{pointer}] names no location.", pointer="/executable/location")
        compute = doc.get("compute")
        if compute is not None:
            if compute.get("kind") != KIND_COMPUTE:
                kind_not_known(compute.get("kind"), "/compute/kind")
            for i, vol in enumerate(compute.get("volumes") or []):
                if vol.get("kind") != KIND_VOLUME:
                    kind_not_known(vol.get("kind"), f"/compute/volumes/{i}/kind")
            for i, acc in enumerate(compute.get("accelerators") or []):
                if acc.get("kind") != KIND_ACCELERATOR:
                    kind_not_known(acc.get("kind"), f"/compute/accelerators/{i}/kind")
                else:
                    no.add("urn:not-supported", "This platform has no accelerator; it cannot provide [{name}] at [{pointer}] ({type}).",
                           name=named(acc) or "unnamed", pointer=f"/compute/accelerators/{i}", type=acc.get("type", "any type"))
        for i, s in enumerate(doc.get("storage") or []):
            if s.get("kind") != KIND_STORAGE:
                kind_not_known(s.get("kind"), f"/storage/{i}/kind")
            elif s.get("lifecycle") == "unmanaged":
                loc = s.get("location", "")
                if not any(loc.startswith(prefix) for prefix in self.cfg.reachable):
                    no.add("urn:storage-unreachable", "The unmanaged storage [{name}] at [{location}] ([{pointer}]) is outside this broker's reach.",
                           name=named(s) or "unnamed", location=loc, pointer=f"/storage/{i}/location")
        for i, d in enumerate(doc.get("data") or []):
            if d.get("kind") not in DATA_KINDS:
                kind_not_known(d.get("kind"), f"/data/{i}/kind")
        for p, item in cost_items(doc):
            if item.get("kind") not in (KIND_COST, KIND_COST_ABSTRACT, KIND_METRIC, KIND_METRIC_ABSTRACT):
                kind_not_known(item.get("kind"), f"{p}/kind")
            elif item.get("kind") in (KIND_COST, KIND_METRIC) and item.get("type") not in (COST_MONETARY, COST_ENERGY, COST_CARBON, METRIC_COMPUTE, METRIC_IO):
                no.add("urn:not-supported", "This broker cannot quote [{type}] ([{pointer}]).", type=item.get("type", "an item without a type"), pointer=p)

    def quote(self, doc, cores, memory, length, n) -> tuple[list, list, list]:
        """Costs and metrics of one offer, and refusals where a requested ceiling or floor is not met."""
        hours = length / 3600.0
        values = {
            COST_MONETARY: round((0.05 * cores + 0.01 * memory) * hours, 4),
            COST_ENERGY: round(0.012 * cores * hours, 4),
            COST_CARBON: round(0.012 * cores * hours * 180.0, 4),
            METRIC_COMPUTE: round(25.0 * cores, 4),
            METRIC_IO: 400.0,
        }
        refused = []
        wanted_costs, wanted_metrics = [COST_MONETARY], []
        for p, item in cost_items(doc):
            t = item.get("type")
            if item.get("kind") == KIND_COST and t in values:
                if t not in wanted_costs:
                    wanted_costs.append(t)
                if is_num(item.get("max")) and values[t] > item["max"]:
                    refused.append(message_item("urn:cost-limit", "WARN", "Offer {n} would cost {value} ({type}), above the ceiling {max} at [{pointer}].",
                                                {"n": str(n), "value": str(values[t]), "type": t, "max": str(item["max"]), "pointer": p}))
            if item.get("kind") == KIND_METRIC and t in values:
                if t not in wanted_metrics:
                    wanted_metrics.append(t)
                if is_num(item.get("min")) and values[t] < item["min"]:
                    refused.append(message_item("urn:metric-limit", "WARN", "Offer {n} would give {value} ({type}), below the floor {min} at [{pointer}].",
                                                {"n": str(n), "value": str(values[t]), "type": t, "min": str(item["min"]), "pointer": p}))
        costs = [{"kind": KIND_COST, "type": t, "min": values[t], "max": values[t]} for t in wanted_costs]
        metrics = [{"kind": KIND_METRIC, "type": t, "min": values[t], "max": values[t]} for t in wanted_metrics]
        return costs, metrics, refused

    def offer(self, doc, slot, cores, memory, length, storage_sizes, costs, metrics, created, n) -> Session:
        ws, we, expires = slot
        cfg = self.cfg
        sid = str(uuidlib.uuid4())
        components = echo_components(doc, cores, memory, storage_sizes, self)
        earliest = max(ws, created + cfg.lead)
        latest = max(ws, expires + cfg.lead)
        return Session(
            uuid=sid, offerset=None, name=f"offer-{n}", created=created, modified=created, phase="OFFERED",
            expires=expires, withdrawn=False, reserved=True, cores=cores, memory=memory, storage_total=sum(storage_sizes),
            components=components, run=length, window=(ws, we), earliest=earliest, latest=latest,
            schedule=None, timeline=[], costs=costs, metrics=metrics, messages=[], direct=False, direct_failed=False,
        )

    # --- transitions the client asks for ---------------------------------------------------------

    def accept(self, s: Session, at: float) -> None:
        cfg = self.cfg
        start = round(max(s.window[0], at + cfg.lead), 3)
        prep_start = round(start - cfg.preparing, 3)
        wait_start = round(at + cfg.accepted, 3)
        length = s.run
        avail_end = start + min(cfg.available, length)
        run_end = start + min(cfg.available + cfg.running, length)
        timeline = []
        if prep_start > wait_start:
            timeline.append((wait_start, "WAITING"))
        timeline.append((max(prep_start, wait_start), "PREPARING"))
        timeline.append((start, "AVAILABLE"))
        if run_end > avail_end:
            timeline.append((round(avail_end, 3), "RUNNING"))
        if "skip-releasing" in cfg.faults:
            timeline.append((round(run_end, 3), "COMPLETED"))
        else:
            timeline.append((round(run_end, 3), "RELEASING"))
            timeline.append((round(run_end + cfg.releasing, 3), "COMPLETED"))
        s.timeline = timeline
        s.schedule = {
            "preparing": {"start": instant(max(prep_start, wait_start)), "duration": duration(start - max(prep_start, wait_start))},
            "available": {"start": instant(start) + "/PT0S", "duration": duration(length)},
            "releasing": {"start": instant(start + length), "duration": duration(cfg.releasing)},
        }
        self.set_phase(s, "ACCEPTED", at)
        if "no-sibling-reject" in cfg.faults:
            return
        for other in self.sessions.values():
            if other.offerset == s.offerset and other.uuid != s.uuid and other.phase == "OFFERED":
                other.withdrawn = True
                self.set_phase(other, "REJECTED", at)

    def update(self, s: Session, body, at: float) -> None:
        """EB-UPD-05, -06, -07, -09, EB-LIFE-09..11, EB-ERR-04."""
        if not isinstance(body, dict):
            raise ApiError(422, "INVALID_DOCUMENT", f"The update is {describe(body)}, not an object.",
                           [finding("EB-UPD-05", "", "the update is not an object", {})])
        findings = []
        for key in ("kind", "path"):
            if key not in body:
                findings.append(finding("EB-UPD-05", "", f"the update has no {key}", {}))
            elif not isinstance(body[key], str):
                findings.append(finding("EB-DM-09", f"/{key}", f"/{key} is {describe(body[key])}, not a string", {}))
        kind = body.get("kind")
        member = UPDATE_KINDS.get(kind) if isinstance(kind, str) else None
        if member and member not in body:
            findings.append(finding("EB-UPD-05", "", f"the update of kind {kind} has no {member}", {}))
        elif member:
            value = body[member]
            want_int = kind in ("uri:integer-value-update", "uri:integer-delta-update")
            if want_int and not is_int(value):
                findings.append(finding("EB-DM-09", f"/{member}", f"/{member} is {describe(value)}, not an integer", {}))
            if not want_int and not isinstance(value, str):
                findings.append(finding("EB-DM-09", f"/{member}", f"/{member} is {describe(value)}, not a string", {}))
        if "units" in body and (not isinstance(body["units"], str) or body["units"] not in UNITS):
            findings.append(finding("EB-DM-04", "/units", f"units [{body['units']}] is not one of the standard's units", {}))
        if findings:
            raise ApiError(422, "INVALID_DOCUMENT", "The update breaks the schema of an update.", findings)
        # EB-UPD-07: an identifier the body gives (the draft text's uuid, or meta.uuid) is this session's.
        meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
        for pointer, given in (("/uuid", body.get("uuid")), ("/meta/uuid", meta.get("uuid"))):
            if given is not None and (not isinstance(given, str) or given.lower() != s.uuid):
                raise ApiError(422, "INVALID_DOCUMENT",
                               f"The update names the session {given} at {pointer}, but it was posted to {s.uuid}.",
                               [finding("EB-UPD-07", pointer, f"{pointer} is {given}, not {s.uuid}", {})])

        path = body["path"]
        if path == "/phase":
            path = "phase"  # EB-UPD-09
        value = body.get("value")
        options = phase_options(s.phase)
        matches = kind == ENUM_UPDATE and path == "phase" and value in options
        if s.phase == "EXPIRED" and kind == ENUM_UPDATE and path == "phase" and value == "ACCEPTED" and "accept-expired" not in self.cfg.faults:
            raise ApiError(409, "OFFER_EXPIRED", f"The offer {s.uuid} expired at {rfc3339(s.modified)}; it can no longer be accepted.")
        if s.phase == "EXPIRED" and "accept-expired" in self.cfg.faults and value == "ACCEPTED":
            matches = True
        if s.phase == "REJECTED" and s.withdrawn and kind == ENUM_UPDATE and path == "phase" and value == "ACCEPTED":
            raise ApiError(409, "OFFER_WITHDRAWN", f"The offer {s.uuid} was withdrawn when another offer of its set was accepted.")
        if not matches:
            shown = value if member != "delta" else body.get("delta")
            allowed = ", ".join(options) if options else "none"
            raise ApiError(409, "UPDATE_NOT_OFFERED", f"The session in phase {s.phase} offers no change of {path} to {shown} (phase options: {allowed}).")
        if value == "ACCEPTED":
            self.accept(s, at)
        elif value == "REJECTED":
            self.set_phase(s, "REJECTED", at)
        elif value == "CANCELLED":
            self.set_phase(s, "CANCELLED", at)

    # --- documents --------------------------------------------------------------------------------

    def session_doc(self, s: Session, base: str) -> dict:
        if s.direct_failed:
            # The FAILED session of a /direct that nothing could be offered for: no components, the reasons.
            return {"kind": KIND_SESSION, "meta": {"uuid": s.uuid, "name": s.name, "url": f"{base}/sessions/{s.uuid}",
                                                   "created": rfc3339(s.created), "messages": s.messages}, "phase": "FAILED"}
        meta = {"uuid": s.uuid, "name": s.name, "url": f"{base}/sessions/{s.uuid}", "created": rfc3339(s.created)}
        if s.modified != s.created:
            meta["modified"] = rfc3339(s.modified)
        if s.messages:
            meta["messages"] = s.messages
        options = phase_options(s.phase)
        if "sticky-offer-options" in self.cfg.faults and s.phase in TERMINAL:
            options = ["ACCEPTED", "REJECTED"]
        if options:
            meta["options"] = [{"kind": ENUM_OPTION, "path": "phase", "values": options}]
        out = {"kind": KIND_SESSION, "meta": meta, "phase": s.phase}
        if s.phase == "OFFERED" and s.expires is not None:
            out["expires"] = rfc3339(s.expires)
        cphase = component_phase(s.phase)
        comps = copy.deepcopy(s.components)
        for key in ("executable", "compute"):
            if key in comps:
                comps[key]["phase"] = cphase
        for key in ("storage", "data"):
            for item in comps.get(key, []):
                item["phase"] = "AVAILABLE" if cphase == "RUNNING" else cphase
        out.update(comps)
        if s.phase == "OFFERED" or s.schedule is None:
            out["schedule"] = self.offered_schedule(s)
        else:
            out["schedule"] = s.schedule
        if s.costs:
            out["costs"] = s.costs
        if s.metrics:
            out["metrics"] = s.metrics
        connectors = self.connectors(s)
        if connectors:
            out["connectors"] = connectors
        return out

    def offered_schedule(self, s: Session) -> dict:
        cfg = self.cfg
        if s.latest - s.earliest < 0.001:
            start = s.earliest
            return {
                "preparing": {"start": instant(start - cfg.preparing), "duration": duration(cfg.preparing)},
                "available": {"start": instant(start) + "/PT0S", "duration": duration(s.run)},
                "releasing": {"start": instant(start + s.run), "duration": duration(cfg.releasing)},
            }
        # The start depends on when the client accepts, so the offer states the window it will fall in.
        return {"available": {"start": instant(s.earliest) + "/" + duration(s.latest - s.earliest), "duration": duration(s.run)}}

    def connectors(self, s: Session) -> list:
        """How the user reaches the running executable; listed from acceptance on."""
        if s.phase in ("OFFERED", "REJECTED", "EXPIRED") or s.direct_failed:
            return []
        status = {"ACCEPTED": "PREPARING", "WAITING": "PREPARING", "PREPARING": "PREPARING", "AVAILABLE": "AVAILABLE", "RUNNING": "AVAILABLE"}.get(s.phase, "FINISHED")
        out = []
        ex = s.components.get("executable") or {}
        if ex.get("kind") == KIND_JUPYTER:
            out.append({"kind": "urn:ebkit:connector:jupyter", "status": status, "protocol": "HTTP",
                        "location": f"http://127.0.0.1:8888/user/{s.uuid[:8]}/lab"})
        for port in ((ex.get("network") or {}).get("ports") or []):
            if port.get("access"):
                proto = port.get("protocol", "TCP")
                ext = port.get("external") or {}
                host = (ext.get("addresses") or ["127.0.0.1"])[0]
                path = port.get("path", "/") if proto in ("HTTP", "HTTPS") else ""
                out.append({"kind": f"urn:ebkit:connector:{proto.lower()}", "status": status, "protocol": proto,
                            "location": f"{proto.lower()}://{host}:{ext.get('port')}{path}"})
        return out

    def offerset_doc(self, os_: dict, base: str) -> dict:
        meta = {"uuid": os_["uuid"], "url": f"{base}/offersets/{os_['uuid']}", "created": rfc3339(os_["created"])}
        if os_["messages"]:
            meta["messages"] = os_["messages"]
        doc = {"meta": meta, "result": os_["result"]}
        doc["offers"] = [self.session_doc(self.sessions[u], base) for u in os_["offers"]]
        return doc


def cost_items(doc: dict):
    """Every cost and metric item of a request, with its pointer (root and component level)."""
    out = []
    for key in ("costs", "metrics"):
        for i, item in enumerate(doc.get(key) or []):
            out.append((f"/{key}/{i}", item))
    comps = []
    if isinstance(doc.get("executable"), dict):
        comps.append(("/executable", doc["executable"]))
    if isinstance(doc.get("compute"), dict):
        comps.append(("/compute", doc["compute"]))
    for key in ("storage", "data"):
        comps += [(f"/{key}/{i}", c) for i, c in enumerate(doc.get(key) or [])]
    for p, c in comps:
        for key in ("costs", "metrics"):
            for i, item in enumerate(c.get(key) or []):
                out.append((f"{p}/{key}/{i}", item))
    return out


def echo_components(doc: dict, cores: int, memory: int, storage_sizes: list, broker: Broker) -> dict:
    """EB-OFF-19 and EB-DEF-01..05, EB-OFF-24: the request's components with what the broker fills in."""
    out: dict = {}
    names = {named(c) for c in iter_components(doc)}

    def strip(item: dict) -> dict:
        item = copy.deepcopy(item)
        for key in ("costs", "metrics", "phase", "schedule"):
            item.pop(key, None)
        meta = item.get("meta")
        if isinstance(meta, dict):
            for key in ("uuid", "url", "created", "modified", "messages", "options"):
                meta.pop(key, None)
        return item

    ex = strip(doc["executable"])
    compute = strip(doc["compute"]) if isinstance(doc.get("compute"), dict) else {
        "kind": KIND_COMPUTE, "meta": {"name": unique_name("default-compute", names)}}
    compute["cores"] = {"min": cores, "max": cores}
    compute["memory"] = {"min": memory, "max": memory}
    volumes = compute.get("volumes") or []
    for vol in volumes:
        vol.setdefault("mode", "READONLY")
        vol.setdefault("path", f"/volumes/{vol.get('resource')}")
    if ex.get("kind") == KIND_DOCKER:
        image = ex.setdefault("image", {})
        platform = image.setdefault("platform", {})
        platform.setdefault("architecture", "amd64")
        platform.setdefault("os", "linux")
        ex.setdefault("privileged", False)
        for port in ((ex.get("network") or {}).get("ports") or []):
            port.setdefault("protocol", "TCP")
            port["external"] = {"port": broker.next_port, "addresses": ["127.0.0.1"]}
            broker.next_port = 30000 + (broker.next_port - 29999) % 30000
    # EB-OFF-24: each input and output is mounted (unless a volume already mounts its resource) and its path
    # is given to the executable in an environment variable.
    env = ex.get("environment") if isinstance(ex.get("environment"), dict) else {}
    for key, mode, prefix in (("inputs", "READONLY", "EB_INPUT_"), ("outputs", "READWRITE", "EB_OUTPUT_")):
        for param in ex.get(key) or []:
            res = param.get("resource")
            mount = next((v for v in volumes if v.get("resource") == res), None)
            if mount is None:
                mount = {"kind": KIND_VOLUME, "meta": {"name": unique_name(f"{param.get('name')}-{key[:-1]}", names)},
                         "path": f"/{key}/{param.get('name')}", "mode": mode, "resource": res}
                volumes.append(mount)
            var = param.get("env") or (prefix + re.sub(r"[^A-Za-z0-9_]", "_", str(param.get("name"))).upper())
            env.setdefault(var, mount["path"])
    if env:
        ex["environment"] = env
    if volumes:
        compute["volumes"] = volumes
    out["executable"] = ex
    out["compute"] = compute
    storage = []
    for s, size in zip(doc.get("storage") or [], storage_sizes):
        item = strip(s)
        item["size"] = {"min": size, "max": size}
        storage.append(item)
    if storage:
        out["storage"] = storage
    data = [strip(d) for d in doc.get("data") or []]
    if data:
        out["data"] = data
    return out


def iter_components(doc: dict):
    if isinstance(doc.get("executable"), dict):
        yield doc["executable"]
    if isinstance(doc.get("compute"), dict):
        yield doc["compute"]
        yield from (v for v in doc["compute"].get("volumes") or [] if isinstance(v, dict))
    for key in ("storage", "data"):
        yield from (c for c in doc.get(key) or [] if isinstance(c, dict))


def unique_name(base: str, names: set) -> str:
    name, n = base, 1
    while name in names:
        n += 1
        name = f"{base}-{n}"
    names.add(name)
    return name


def phase_options(phase: str) -> list:
    """EB-LIFE-07."""
    if phase == "OFFERED":
        return ["ACCEPTED", "REJECTED"]
    if phase in ACTIVE:
        return ["CANCELLED"]
    return []


def component_phase(phase: str) -> str:
    return {
        "OFFERED": "INITIALIZING", "REJECTED": "INITIALIZING", "EXPIRED": "INITIALIZING", "ACCEPTED": "WAITING",
        "WAITING": "WAITING", "PREPARING": "PREPARING", "AVAILABLE": "AVAILABLE", "RUNNING": "RUNNING",
        "RELEASING": "RELEASING", "COMPLETED": "COMPLETED", "CANCELLED": "CANCELLED", "FAILED": "FAILED",
    }[phase]


def finding(rule: str, pointer: str, message: str, pos: dict) -> dict:
    """EB-ERR-10: one message per finding, kind urn:ebkit:finding:<ID>, its pointer and position in values."""
    values = {"pointer": pointer}
    if pointer in pos:
        values["line"], values["column"] = (str(x) for x in pos[pointer])
    return {"kind": f"urn:ebkit:finding:{rule}", "time": rfc3339(now()), "level": "ERROR",
            "template": "${pointer}: " + message.replace("{", "(").replace("}", ")"), "values": values,
            "message": f"{pointer or '/'}: {message}"}


# --------------------------------------------------------------------------------------------------
# VOSI (EB-VOSI-01..07)
# --------------------------------------------------------------------------------------------------


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def capabilities_xml(base: str, standard_id: str) -> bytes:
    b = xml_escape(base)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"
    xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">{b}/capabilities</accessURL></interface>
  </capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#availability">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">{b}/availability</accessURL></interface>
  </capability>
  <capability standardID="{xml_escape(standard_id)}">
    <interface xsi:type="vs:ParamHTTP" role="std" version="1.0"><accessURL use="base">{b}/</accessURL></interface>
  </capability>
</vosi:capabilities>
""".encode("utf-8")


def availability_xml(broker: Broker) -> bytes:
    # The health check: the clock thread must have advanced the sessions recently, and the state lock be free.
    got = broker.lock.acquire(timeout=2)
    if got:
        broker.lock.release()
    fresh = now() - broker.last_tick < 5
    up = got and fresh
    note = "accepting execution requests" if up else "the scheduler is not advancing sessions"
    free = broker.free() if got else (0, 0, 0)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
  <vosi:available>{'true' if up else 'false'}</vosi:available>
  <vosi:upSince>{rfc3339(broker.started)}</vosi:upSince>
  <vosi:note>{note}</vosi:note>
  <vosi:note>free now: {free[0]} cores, {free[1]} GiB memory, {free[2]} GiB storage</vosi:note>
</vosi:availability>
""".encode("utf-8")


# --------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------

ROUTES = [
    (re.compile(r"^/requests$"), "requests", ("POST",)),
    (re.compile(r"^/direct$"), "direct", ("POST",)),
    (re.compile(r"^/offersets/([^/]+)$"), "offerset", ("GET", "HEAD")),
    (re.compile(r"^/sessions/([^/]+)$"), "session", ("GET", "HEAD", "POST")),
    (re.compile(r"^/availability$"), "availability", ("GET", "HEAD")),
    (re.compile(r"^/capabilities$"), "capabilities", ("GET", "HEAD")),
]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "independent-eb-py/1.0"
    timeout = 30
    broker: Broker = None  # type: ignore[assignment]

    # --- the HTTP machinery: every method reaches dispatch, every error is an error document ----------

    def handle_one_request(self):
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline, self.request_version, self.command = "", "", ""
                self.send_error(414)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            self.dispatch()
            self.wfile.flush()
            if self.close_connection:
                self.linger()
        except (TimeoutError, socket.timeout):
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def linger(self):
        """RFC 9112 §9.6: after an answer that closes the connection, read on for a moment before closing, so a
        client still sending its body (an oversized upload) reads the answer instead of a reset."""
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            until = time.monotonic() + 2
            while time.monotonic() < until and self.connection.recv(1 << 16):
                pass
        except OSError:
            pass

    def send_error(self, code, message=None, explain=None):
        # http.server calls this for faults of the request line and headers; 505 is not in the table of §6.4.
        status = code if code in GENERAL else 400
        specific = {414: "URI_TOO_LONG", 431: "HEADERS_TOO_LARGE", 408: "REQUEST_TIMEOUT"}.get(status, GENERAL[status])
        text = message or {414: "The request target is too long.", 431: "The request headers are too large."}.get(status, "The request line or headers cannot be read.")
        self.close_connection = True
        try:
            self.send_document(ApiError(status, specific, text), "yaml", "application/yaml", negotiated=False)
        except Exception:
            pass

    def log_message(self, fmt, *args):
        if self.broker.cfg.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    # --- helpers ------------------------------------------------------------------------------------

    def base(self) -> str:
        if self.broker.cfg.public_url:
            return self.broker.cfg.public_url
        host = self.headers.get("Host") if hasattr(self, "headers") and self.headers else None
        if not host or not re.match(r"^[A-Za-z0-9.\-\[\]:]+$", host):
            h, p = self.server.server_address[:2]
            host = f"{h}:{p}"
        return f"http://{host}"

    def path_only(self) -> str:
        return urlsplit(self.path).path if self.path.startswith("/") else self.path

    def send_raw(self, status: int, body: bytes, headers: dict) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def send_document(self, doc, fmt: str, mtype: str, status: int = 200, extra: dict | None = None, negotiated: bool = True) -> None:
        if isinstance(doc, ApiError):
            err = doc
            doc = {"status": err.status, "error": GENERAL[err.status], "code": err.code, "message": err.message,
                   "path": self.path_only() if getattr(self, "path", None) else "/"}
            if err.messages:
                doc["messages"] = err.messages
            status = err.status
            extra = dict(extra or {})
            if err.allow:
                extra["Allow"] = err.allow
        body = to_json(doc) if fmt == "json" else to_yaml(doc)
        headers = {"Content-Type": mtype, "Cache-Control": "no-store"}
        if negotiated:
            headers["Vary"] = "Accept"
        headers.update(extra or {})
        self.send_raw(status, body, headers)

    def answer_format(self) -> tuple[str, str]:
        return negotiate(self.headers.get("Accept"), yaml_default="yaml-default-json" not in self.broker.cfg.faults)

    def error_format(self) -> tuple[str, str]:
        try:
            return self.answer_format()
        except ApiError:
            return "yaml", "application/yaml"

    def read_body(self) -> bytes:
        limit = self.broker.cfg.body_limit
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks, total = [], 0
            while True:
                line = self.rfile.readline(1024)
                try:
                    size = int(line.split(b";")[0].strip(), 16)
                except ValueError:
                    self.close_connection = True
                    raise ApiError(400, "MALFORMED_BODY", "The chunked body cannot be read.")
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > limit:
                    self.close_connection = True
                    raise ApiError(413, "BODY_TOO_LARGE", f"The body is larger than this broker's limit of {limit} bytes.")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(8)
            return b"".join(chunks)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            n = int(length)
            if n < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "BAD_REQUEST", f"Content-Length [{length}] is not a length.")
        if n > limit:
            self.close_connection = True
            raise ApiError(413, "BODY_TOO_LARGE", f"The body of {n} bytes is larger than this broker's limit of {limit} bytes.")
        return self.rfile.read(n) if n else b""

    def drain(self) -> None:
        """Reads an unread body so that the connection can carry the next request; closes it if too large."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower() or length > self.broker.cfg.body_limit:
            self.close_connection = True
        elif length > 0:
            self.rfile.read(length)

    # --- dispatch -----------------------------------------------------------------------------------

    def dispatch(self) -> None:
        path = self.path_only()
        body_read = False
        try:
            if len(path) > 4096:
                raise ApiError(414, "URI_TOO_LONG", "The request path is too long.")
            for rx, name, methods in ROUTES:
                m = rx.match(path)
                if not m:
                    continue
                allow = ", ".join(methods + ("OPTIONS",))
                if self.command == "OPTIONS":
                    self.drain()
                    self.send_raw(204, b"", {"Allow": allow})
                    return
                if self.command not in methods:
                    raise ApiError(405, "METHOD_NOT_ALLOWED", f"{path} answers {', '.join(methods)}, not {self.command}.", allow=allow)
                self.broker.advance()
                if name in ("availability", "capabilities"):
                    self.drain()
                    body = availability_xml(self.broker) if name == "availability" else capabilities_xml(self.base(), self.broker.cfg.standard_id)
                    self.send_raw(200, body, {"Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store"})
                    return
                if self.command == "POST":
                    # EB-HTTP-13 before EB-HTTP-12: the body's type is judged before the answer's (spec §6.2).
                    fmt_in = request_format(self.headers.get("Content-Type"))
                    fmt, mtype = self.answer_format()
                    raw = self.read_body()
                    body_read = True
                    doc = parse_body(raw, fmt_in)
                    check_size(doc)
                    getattr(self, "post_" + name)(m, doc, raw, fmt, mtype)
                else:
                    self.drain()
                    body_read = True
                    fmt, mtype = self.answer_format()
                    getattr(self, "get_" + name)(m, fmt, mtype)
                return
            raise ApiError(404, "UNKNOWN_PATH", f"This broker has nothing at {path}.")
        except ApiError as err:
            if not body_read:
                self.drain()
            fmt, mtype = self.error_format()
            self.send_document(err, fmt, mtype)
        except Exception:  # a fault of the broker, never of the client (EB-ERR-06)
            traceback.print_exc()
            self.close_connection = True
            fmt, mtype = self.error_format()
            self.send_document(ApiError(500, "INTERNAL_ERROR", "The broker failed on this request; the fault is logged."), fmt, mtype)

    def lookup(self, m, table: str):
        key = m.group(1).lower()
        with self.broker.lock:
            if UUID_RE.match(key):
                if table == "offerset" and key in self.broker.offersets:
                    return self.broker.offersets[key]
                if table == "session" and key in self.broker.sessions:
                    return self.broker.sessions[key]
        if table == "offerset":
            raise ApiError(404, "UNKNOWN_OFFERSET", f"No offer set has the UUID {m.group(1)}.")
        raise ApiError(404, "UNKNOWN_SESSION", f"No session has the UUID {m.group(1)}.")

    def get_offerset(self, m, fmt, mtype):
        with self.broker.lock:
            os_ = self.lookup(m, "offerset")
            doc = self.broker.offerset_doc(os_, self.base())
        self.send_document(doc, fmt, mtype)

    def get_session(self, m, fmt, mtype):
        with self.broker.lock:
            s = self.lookup(m, "session")
            doc = self.broker.session_doc(s, self.base())
        self.send_document(doc, fmt, mtype)

    def post_session(self, m, body, raw, fmt, mtype):
        with self.broker.lock:
            s = self.lookup(m, "session")
            at = now()
            self.broker.advance(at)
            self.broker.update(s, body, at)
            doc = self.broker.session_doc(s, self.base())
        self.send_document(doc, fmt, mtype)

    def checked_request(self, doc, raw) -> dict:
        findings, parsed = validate_request(doc)
        if findings.items:
            pos = positions(raw)
            messages = [finding(r, p, msg, pos) for r, p, msg in findings.items]
            n = len(messages)
            raise ApiError(422, "INVALID_DOCUMENT", f"The execution request breaks {n} rule{'s' if n != 1 else ''} of the standard.", messages)
        return parsed

    def post_requests(self, m, doc, raw, fmt, mtype):
        parsed = self.checked_request(doc, raw)
        broker = self.broker
        with broker.lock:
            created = now()
            broker.advance(created)
            offers, messages = broker.plan(doc, parsed, created, 3)
            os_uuid = str(uuidlib.uuid4())
            for s in offers:
                s.offerset = os_uuid
                broker.sessions[s.uuid] = s
            broker.offersets[os_uuid] = {"uuid": os_uuid, "created": created, "result": "YES" if offers else "NO",
                                         "messages": messages, "offers": [s.uuid for s in offers]}
            base = self.base()
            out = broker.offerset_doc(broker.offersets[os_uuid], base)
        self.send_document(out, fmt, mtype, 303, {"Location": f"{base}/offersets/{os_uuid}"})

    def post_direct(self, m, doc, raw, fmt, mtype):
        parsed = self.checked_request(doc, raw)
        broker = self.broker
        with broker.lock:
            created = now()
            broker.advance(created)
            offers, messages = broker.plan(doc, parsed, created, 1)
            os_uuid = str(uuidlib.uuid4())
            base = self.base()
            if not offers:
                # EB-HTTP-07: nothing could be offered, so the answer is a FAILED session with the reasons.
                sid = str(uuidlib.uuid4())
                s = Session(uuid=sid, offerset=os_uuid, name="direct-0", created=created, modified=created, phase="FAILED",
                            expires=None, withdrawn=False, reserved=False, cores=0, memory=0, storage_total=0, components={},
                            run=0, window=(created, created), earliest=created, latest=created, schedule={}, timeline=[],
                            costs=[], metrics=[], messages=messages, direct=True, direct_failed=True)
                broker.sessions[sid] = s
                broker.offersets[os_uuid] = {"uuid": os_uuid, "created": created, "result": "NO", "messages": messages, "offers": []}
                doc = {"kind": KIND_SESSION, "meta": {"uuid": sid, "name": "direct-0", "url": f"{base}/sessions/{sid}",
                                                      "created": rfc3339(created), "messages": messages}, "phase": "FAILED"}
                self.send_document(doc, fmt, mtype, 400)
                return
            s = offers[0]
            s.offerset = os_uuid
            s.direct = True
            broker.sessions[s.uuid] = s
            broker.offersets[os_uuid] = {"uuid": os_uuid, "created": created, "result": "YES", "messages": [], "offers": [s.uuid]}
            broker.accept(s, created)
            out = broker.session_doc(s, base)
        self.send_document(out, fmt, mtype, 303, {"Location": f"{base}/sessions/{s.uuid}"})


def ticker(broker: Broker, stop: threading.Event) -> None:
    while not stop.wait(0.1):
        try:
            broker.advance()
        except Exception:
            traceback.print_exc()


FAULTS = ("no-sibling-reject", "yaml-default-json", "no-expiry", "accept-expired", "skip-releasing", "sticky-offer-options")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="An independent ExecutionBroker 1.0 service with real-time sessions.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    ap.add_argument("--phase-seconds", type=float, default=3.0, help="length of every phase after acceptance (default 3)")
    for phase in ("accepted", "waiting", "preparing", "available", "running", "releasing"):
        ap.add_argument(f"--{phase}-seconds", type=float, default=None, help=f"length of {phase.upper()} (default: --phase-seconds)")
    ap.add_argument("--offer-seconds", type=float, default=60.0, help="how long an offer stays valid (default 60)")
    ap.add_argument("--cores", type=int, default=64, help="cores of the platform (default 64)")
    ap.add_argument("--memory", type=int, default=256, help="memory of the platform in GiB (default 256)")
    ap.add_argument("--storage", type=int, default=4000, help="storage of the platform in GiB (default 4000)")
    ap.add_argument("--default-duration", type=float, default=3600.0, help="run length offered when none is asked, seconds (default 3600)")
    ap.add_argument("--max-duration", type=float, default=86400.0, help="longest run offered, seconds (default 86400)")
    ap.add_argument("--body-limit", type=int, default=1024 * 1024, help="largest request body read, bytes (default 1 MiB)")
    ap.add_argument("--public-url", default=None, help="base URL written into documents (default: from the Host header)")
    ap.add_argument("--standard-id", default="ivo://ivoa.net/std/ExecutionBroker")
    ap.add_argument("--reachable-storage", action="append", default=[], help="URL prefix of unmanaged storage this broker can mount (repeatable)")
    ap.add_argument("--fault", action="append", default=[], choices=FAULTS, help="break the broker on purpose (repeatable)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.phase_seconds < 0 or args.offer_seconds <= 1:
        ap.error("--phase-seconds must be >= 0 and --offer-seconds > 1")

    broker = Broker(Config(args))
    Handler.broker = broker
    # http.server listens with a backlog of 5; a tester sending a few requests at once would meet refused SYNs.
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=ticker, args=(broker, stop), daemon=True).start()
    host, port = server.server_address[:2]
    print(f"listening http://{host}:{port}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
