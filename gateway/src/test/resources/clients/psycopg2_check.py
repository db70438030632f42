"""psycopg2 (libpq, text results) against Sluice. Usage: psycopg2_check.py queries|date_param|pandas"""
import datetime
import os
import sys

import psycopg2

from sluice_common import emit, error_info, keys, row, settings, types


def connect():
    s = settings()
    return psycopg2.connect(host=s["host"], port=s["port"], user=s["user"], password=s["password"],
                            dbname=s["dbname"], sslmode=s["sslmode"], application_name="psycopg2_check")


def summary(rows):
    return {"count": len(rows), "sum": row([sum(r[1] for r in rows)])[0],
            "first": rows[0][0] if rows else None, "last": rows[-1][0] if rows else None}


def date_parameter():
    """psycopg2 interpolates a date client-side as '1993-01-01'::date, so the cast's precedence matters."""
    conn = connect()
    cur = conn.cursor()
    cur.execute("select o_orderkey, o_totalprice from sales.orders where o_orderdate < %s order by o_orderkey",
                (datetime.date.fromisoformat(os.environ["SLUICE_DATE"]),))
    out = {"early_orders": summary(cur.fetchall())}
    conn.close()
    emit(out)


def queries():
    out = {}
    conn = connect()
    out["ssl_in_use"] = bool(conn.info.ssl_in_use)
    out["server_version"] = conn.server_version
    cur = conn.cursor()

    lookups = []
    for k in keys():
        cur.execute("select o_orderkey, o_totalprice, o_orderdate, o_orderstatus from sales.orders"
                    " where o_orderkey = %s", (k,))
        for r in cur.fetchall():
            lookups.append({"row": row(r), "types": types(r)})
    out["lookups"] = lookups
    out["lookup_type_codes"] = [d.type_code for d in cur.description]

    cur.execute("select o_orderstatus, count(*) as n, sum(o_totalprice) as revenue from sales.orders"
                " group by o_orderstatus order by o_orderstatus")
    out["by_status"] = [row(r) for r in cur.fetchall()]

    cur.execute("select n.n_name, count(*) as customers from crm.customer c"
                " join lake.nation n on n.n_nationkey = c.c_nationkey group by n.n_name order by n.n_name")
    out["customers_by_nation"] = [row(r) for r in cur.fetchall()]

    cur.execute("select o_orderkey, o_totalprice from sales.orders where o_custkey < %s order by o_orderkey",
                (int(os.environ["SLUICE_CUSTKEY_BELOW"]),))
    out["orders_of_first_customers"] = summary(cur.fetchall())

    try:
        cur.execute("select nope from sales.orders")
        out["error"] = None
    except psycopg2.Error as e:
        out["error"] = error_info(e)
        conn.rollback()
    cur.execute("select count(*) from lake.region")
    out["after_error"] = cur.fetchone()[0]
    conn.close()
    emit(out)


def pandas_read_sql():
    import pandas as pd
    import warnings
    conn = connect()
    with warnings.catch_warnings():
        # pandas warns that it only "tests" SQLAlchemy connectables; a plain DBAPI connection is what we test.
        warnings.simplefilter("ignore", UserWarning)
        df = pd.read_sql("select o_orderpriority, count(*) as orders, sum(o_totalprice) as revenue,"
                         " min(o_orderdate) as first_order from sales.orders group by o_orderpriority"
                         " order by o_orderpriority", conn)
    conn.close()
    emit({
        "columns": list(df.columns),
        "dtypes": [str(t) for t in df.dtypes],
        "rows": [row(r) for r in df.itertuples(index=False, name=None)],
    })


if __name__ == "__main__":
    {"queries": queries, "date_param": date_parameter, "pandas": pandas_read_sql}[sys.argv[1]]()
