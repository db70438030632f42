// node-postgres ("pg" from npm) against Sluice: parameterised and named prepared statements, rowMode arrays,
// TLS, errors. Prints one JSON object on its last stdout line; connection settings come from SLUICE_*.
'use strict';
const { Client } = require('pg');

const env = process.env;
const keys = env.SLUICE_ORDER_KEYS.split(',').map(Number);

async function main() {
  const sslmode = env.SLUICE_SSLMODE || 'disable';
  const client = new Client({
    host: env.SLUICE_HOST,
    port: Number(env.SLUICE_PORT),
    user: env.SLUICE_USER,
    password: env.SLUICE_PASSWORD,
    database: env.SLUICE_DATABASE || 'sluice',
    application_name: 'node_pg_check',
    // The test gateway uses a generated, self-signed certificate.
    ssl: sslmode === 'disable' ? false : { rejectUnauthorized: false },
  });
  await client.connect();
  const out = { ssl_in_use: Boolean(client.connection.stream.encrypted) };

  // Unnamed statements with a parameter; pg returns bigint and numeric as strings, dates as Date.
  out.lookups = [];
  for (const k of keys) {
    const r = await client.query(
      'select o_orderkey, o_totalprice, o_orderdate, o_orderstatus from sales.orders where o_orderkey = $1', [k]);
    for (const row of r.rows) {
      const d = row.o_orderdate;
      out.lookups.push([row.o_orderkey, row.o_totalprice,
        `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
        row.o_orderstatus]);
    }
    out.field_type_oids = r.fields.map((f) => f.dataTypeID);
  }

  // A named prepared statement: parsed once, then bound and executed for every key.
  out.prepared_prices = [];
  for (const k of keys) {
    const r = await client.query({
      name: 'price_of_order', text: 'select o_totalprice from sales.orders where o_orderkey = $1', values: [k],
    });
    out.prepared_prices.push(r.rows.length ? r.rows[0].o_totalprice : null);
  }

  const agg = await client.query({
    text: 'select o_orderstatus, count(*) as n, sum(o_totalprice) as revenue from sales.orders'
      + ' group by o_orderstatus order by o_orderstatus',
    rowMode: 'array',
  });
  out.by_status = agg.rows;

  const joined = await client.query({
    text: 'select n.n_name, count(*) as customers from crm.customer c'
      + ' join lake.nation n on n.n_nationkey = c.c_nationkey where c.c_acctbal > $1'
      + ' group by n.n_name order by n.n_name',
    values: [env.SLUICE_ACCTBAL],
    rowMode: 'array',
  });
  out.rich_customers_by_nation = joined.rows;

  try {
    await client.query('select nope from sales.orders');
    out.error = null;
  } catch (e) {
    out.error = { sqlstate: e.code, message: e.message, position: e.position };
  }
  out.after_error = (await client.query('select count(*) as n from lake.region')).rows[0].n;
  await client.end();
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(`node_pg_check failed: ${e && e.stack ? e.stack : e}\n`);
  if (e && e.code) process.stderr.write(`sqlstate ${e.code}\n`);
  process.exit(1);
});
