"""psycopg 3 (binary results, server-side prepared statements, named cursors) against Sluice.

Usage: psycopg3_check.py binary|named_cursor
"""
import datetime
import os
import sys

import psycopg

from sluice_common import emit, error_info, keys, row, settings, types


def connect():
    s = settings()
    return psycopg.connect(host=s["host"], port=s["port"], user=s["user"], password=s["password"],
                           dbname=s["dbname"], sslmode=s["sslmode"], application_name="psycopg3_check")


def binary():
    out = {}
    with connect() as conn:
        out["ssl_in_use"] = conn.pgconn.ssl_in_use
        # Prepare server-side from the second execution on, so the repeated lookups use a named statement.
        conn.prepare_threshold = 1
        with conn.cursor(binary=True) as cur:
            lookups = []
            formats = set()
            for k in keys() + keys():
                cur.execute("select o_orderkey, o_totalprice, o_orderdate, o_orderstatus, o_comment"
                            " from sales.orders where o_orderkey = %s", (k,))
                res = cur.pgresult
                formats.update(res.fformat(i) for i in range(res.nfields))
                for r in cur.fetchall():
                    lookups.append({"row": row(r), "types": types(r)})
            out["lookups"] = lookups
            out["result_formats"] = sorted(formats)

            cur.execute("select o_orderstatus, count(*) as n, sum(o_totalprice) as revenue,"
                        " min(o_orderdate) as first_order from sales.orders"
                        " group by o_orderstatus order by o_orderstatus")
            out["by_status_formats"] = sorted({cur.pgresult.fformat(i) for i in range(cur.pgresult.nfields)})
            rows = cur.fetchall()
            out["by_status"] = [row(r) for r in rows]
            out["by_status_types"] = types(rows[0]) if rows else []

            # psycopg 3 binds parameters server-side: the date travels as a typed (binary) parameter.
            cur.execute("select count(*), sum(o_totalprice) from sales.orders where o_orderdate < %s",
                        (datetime.date.fromisoformat(os.environ["SLUICE_DATE"]),))
            out["before_date"] = row(cur.fetchone())

            try:
                cur.execute("select nope from sales.orders")
                out["error"] = None
            except psycopg.Error as e:
                out["error"] = error_info(e)
                conn.rollback()
            cur.execute("select count(*) from lake.region")
            out["after_error"] = cur.fetchone()[0]
    emit(out)


def named_cursor():
    """A server-side cursor (DECLARE ... CURSOR / FETCH) read in batches, in binary."""
    out = {}
    with connect() as conn:
        with conn.transaction():
            with conn.cursor(name="sluice_orders", binary=True) as cur:
                cur.itersize = 500
                cur.execute("select o_orderkey, o_totalprice from sales.orders where o_custkey < %s"
                            " order by o_orderkey", (int(os.environ["SLUICE_CUSTKEY_BELOW"]),))
                first_batch = cur.fetchmany(10)
                rest = cur.fetchall()
                rows = first_batch + rest
                out["first_batch"] = len(first_batch)
                out["summary"] = {"count": len(rows), "sum": row([sum(r[1] for r in rows)])[0],
                                  "first": rows[0][0] if rows else None, "last": rows[-1][0] if rows else None}
    emit(out)


if __name__ == "__main__":
    {"binary": binary, "named_cursor": named_cursor}[sys.argv[1]]()
