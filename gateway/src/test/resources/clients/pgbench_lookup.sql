-- Read-only point lookups by primary key. TPC-H order keys are sparse: the i-th order (1-based) has key
-- (i / 8) * 32 + i % 8, so every transaction hits exactly one of the 15,000 orders at SF 0.01
-- (PgbenchClientTest checks that mapping against the reference database).
\set i random(1, 15000)
\set k (:i / 8) * 32 + :i % 8
select o_orderkey, o_totalprice, o_orderdate from sales.orders where o_orderkey = :k;
