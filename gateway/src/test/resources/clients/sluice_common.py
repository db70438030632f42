"""Shared helpers for the Python client checks: connection settings from the environment, JSON output.

Every script prints exactly one JSON object on its last stdout line; the Java tests compare it with
answers they compute themselves from the reference database. Values are printed in a canonical form:
decimals as plain strings, dates as ISO strings, and the Python type name beside them where the type
mapping matters.
"""
import datetime
import decimal
import json
import os
import sys


def settings():
    return {
        "host": os.environ["SLUICE_HOST"],
        "port": int(os.environ["SLUICE_PORT"]),
        "user": os.environ["SLUICE_USER"],
        "password": os.environ["SLUICE_PASSWORD"],
        "dbname": os.environ.get("SLUICE_DATABASE", "sluice"),
        "sslmode": os.environ.get("SLUICE_SSLMODE", "disable"),
    }


def keys():
    return [int(k) for k in os.environ["SLUICE_ORDER_KEYS"].split(",")]


def canonical(value):
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def row(values):
    return [canonical(v) for v in values]


def types(values):
    return [type(v).__name__ for v in values]


def emit(result):
    sys.stdout.write(json.dumps(result, default=canonical) + "\n")
    sys.stdout.flush()


def error_info(exc):
    """The SQLSTATE and message of a driver exception, whichever driver raised it."""
    code = getattr(exc, "pgcode", None) or getattr(exc, "sqlstate", None)
    diag = getattr(exc, "diag", None)
    if code is None and diag is not None:
        code = getattr(diag, "sqlstate", None)
    return {"sqlstate": code, "message": str(exc), "type": type(exc).__name__}
