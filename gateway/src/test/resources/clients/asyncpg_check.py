"""asyncpg (extended protocol, binary formats, prepared statements, portal cursors) against Sluice."""
import asyncio
import datetime
import os
import ssl

import asyncpg

from sluice_common import emit, error_info, keys, row, settings, types


async def connect():
    s = settings()
    tls = False
    if s["sslmode"] in ("require", "prefer"):
        tls = ssl.create_default_context()
        tls.check_hostname = False
        tls.verify_mode = ssl.CERT_NONE  # the test gateway uses a generated, self-signed certificate
    return await asyncpg.connect(host=s["host"], port=s["port"], user=s["user"], password=s["password"],
                                 database=s["dbname"], ssl=tls, server_settings={"application_name": "asyncpg_check"})


async def main():
    out = {}
    conn = await connect()
    # asyncpg has no public "is this TLS" call; the asyncio transport knows.
    out["ssl_in_use"] = conn._transport.get_extra_info("ssl_object") is not None

    lookups = []
    for k in keys():
        for r in await conn.fetch("select o_orderkey, o_totalprice, o_orderdate, o_orderstatus from sales.orders"
                                  " where o_orderkey = $1", k):
            lookups.append({"row": row(r.values()), "types": types(r.values())})
    out["lookups"] = lookups

    stmt = await conn.prepare("select o_totalprice from sales.orders where o_orderkey = $1")
    out["prepared_prices"] = [row([await stmt.fetchval(k)])[0] for k in keys()]
    out["prepared_parameter_types"] = [t.name for t in stmt.get_parameters()]

    date = datetime.date.fromisoformat(os.environ["SLUICE_DATE"])
    out["orders_before_date"] = await conn.fetchval("select count(*) from sales.orders where o_orderdate < $1", date)

    # A cursor inside a transaction: Execute with a row limit, PortalSuspended, then more Executes.
    async with conn.transaction():
        count, total, first, last = 0, 0, None, None
        async for r in conn.cursor("select o_orderkey, o_totalprice from sales.orders where o_custkey < $1"
                                   " order by o_orderkey", int(os.environ["SLUICE_CUSTKEY_BELOW"]), prefetch=50):
            count += 1
            total += r["o_totalprice"]
            first = r["o_orderkey"] if first is None else first
            last = r["o_orderkey"]
    out["cursor"] = {"count": count, "sum": row([total])[0], "first": first, "last": last}

    rows = await conn.fetch("select n.n_name, count(*) as customers from crm.customer c"
                            " join lake.nation n on n.n_nationkey = c.c_nationkey group by n.n_name order by n.n_name")
    out["customers_by_nation"] = [row(r.values()) for r in rows]

    try:
        await conn.fetch("select nope from sales.orders")
        out["error"] = None
    except asyncpg.PostgresError as e:
        out["error"] = error_info(e)
    out["after_error"] = await conn.fetchval("select count(*) from lake.region")
    await conn.close()
    emit(out)


if __name__ == "__main__":
    asyncio.run(main())
