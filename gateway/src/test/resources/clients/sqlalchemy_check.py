"""SQLAlchemy 1.4 (psycopg2 dialect) against Sluice: inspect() and pandas.read_sql through an Engine.

Both read pg_catalog (SQLAlchemy on connect and for reflection). Usage: sqlalchemy_check.py inspect|read_sql
On a database error the script prints {"error": {...}} so the test can tell a missing pg_catalog from a bug.
"""
import os
import sys
import urllib.parse

import sqlalchemy as sa

from sluice_common import emit, error_info, row, settings


def engine():
    s = settings()
    url = "postgresql+psycopg2://%s:%s@%s:%d/%s" % (
        urllib.parse.quote(s["user"]), urllib.parse.quote(s["password"]), s["host"], s["port"], s["dbname"])
    return sa.create_engine(url, connect_args={"sslmode": s["sslmode"], "application_name": "sqlalchemy_check"})


def inspect():
    insp = sa.inspect(engine())
    columns = insp.get_columns("orders", schema="sales")
    emit({
        "schemas": insp.get_schema_names(),
        "sales_tables": insp.get_table_names(schema="sales"),
        "orders_columns": [c["name"] for c in columns],
        "orders_types": [str(c["type"]) for c in columns],
        "orders_pk": insp.get_pk_constraint("orders", schema="sales").get("constrained_columns"),
    })


def read_sql():
    import pandas as pd
    df = pd.read_sql(sa.text("select o_orderpriority, count(*) as orders, sum(o_totalprice) as revenue"
                             " from sales.orders where o_custkey < :c group by o_orderpriority"
                             " order by o_orderpriority"),
                     engine(), params={"c": int(os.environ["SLUICE_CUSTKEY_BELOW"])}, coerce_float=False)
    emit({"columns": list(df.columns), "rows": [row(r) for r in df.itertuples(index=False, name=None)]})


if __name__ == "__main__":
    try:
        {"inspect": inspect, "read_sql": read_sql}[sys.argv[1]]()
    except sa.exc.DBAPIError as e:
        info = error_info(e.orig) if e.orig is not None else error_info(e)
        info["statement"] = e.statement
        emit({"error": info})
