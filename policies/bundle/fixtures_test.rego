# Users, tables and helpers shared by the tests. The users are the demo's (conf/sluice.yaml);
# the tables carry the columns and tags the gateway sends for the demo sources.
package sluice_test

import data.sluice
import rego.v1

users := {
	"admin": {"name": "admin", "groups": ["admins"], "attributes": {}},
	"ana": {"name": "ana", "groups": ["analysts"], "attributes": {"region": "EU"}},
	"uma": {"name": "uma", "groups": ["analysts"], "attributes": {"region": "US"}},
	"sam": {"name": "sam", "groups": ["auditors"], "attributes": {}},
	"nobody": {"name": "nobody", "groups": [], "attributes": {}},
	"sue": {"name": "sue", "groups": ["support"], "attributes": {}},
	"ivan": {"name": "ivan", "groups": ["analysts"], "attributes": {}},
}

column(name, type, tags) := {"name": name, "type": type, "tags": tags}

people := {
	"source": "sales", "schema": "public", "table": "people", "tags": ["pii"],
	"columns": [
		column("id", "INTEGER", []),
		column("first_name", "VARCHAR(60)", []),
		column("last_name", "VARCHAR(60)", []),
		column("email", "VARCHAR(120)", ["pii", "email"]),
		column("phone", "VARCHAR(30)", ["pii", "phone"]),
		column("national_id", "VARCHAR(30)", ["pii", "national_id"]),
		column("birth_date", "DATE", ["pii"]),
		column("region", "VARCHAR(4)", []),
		column("country", "VARCHAR(40)", []),
	],
}

tickets := {
	"source": "sales", "schema": "public", "table": "support_tickets", "tags": [],
	"columns": [
		column("id", "INTEGER", []),
		column("person_id", "INTEGER", []),
		column("status", "VARCHAR(10)", []),
		column("body", "TEXT", []),
	],
}

lineitem := {
	"source": "sales", "schema": "public", "table": "lineitem", "tags": [],
	"columns": [column("l_orderkey", "BIGINT", []), column("l_extendedprice", "DECIMAL(15,2)", [])],
}

customer := {
	"source": "crm", "schema": "crm", "table": "customer", "tags": [],
	"columns": [
		column("c_custkey", "INTEGER", []),
		column("c_name", "VARCHAR(25)", []),
		column("c_phone", "CHAR(15)", ["phone"]),
	],
}

nation := {
	"source": "lake", "schema": "default", "table": "nation", "tags": [],
	"columns": [column("n_nationkey", "INTEGER", []), column("n_name", "VARCHAR", [])],
}

sys_audit := {
	"source": "sys", "schema": "sys", "table": "audit", "tags": [],
	"columns": [column("seq", "BIGINT", []), column("user", "VARCHAR", []), column("sql", "VARCHAR", [])],
}

sys_queries := {
	"source": "sys", "schema": "sys", "table": "queries", "tags": [],
	"columns": [column("query_id", "VARCHAR", []), column("user", "VARCHAR", [])],
}

# A table outside the demo that uses the tags the demo has no column for.
payroll := {
	"source": "hr", "schema": "public", "table": "payroll", "tags": [],
	"columns": [
		column("employee", "VARCHAR", ["pseudonym"]),
		column("salary", "DECIMAL(10,2)", ["salary"]),
		column("iban", "VARCHAR(34)", ["iban"]),
		column("last_login_ip", "VARCHAR(45)", ["ip_address"]),
		column("api_token", "VARCHAR(64)", ["credential"]),
		column("ssn", "VARCHAR(11)", ["secret", "pii"]),
		column("hired_at", "TIMESTAMP(6)", ["pii"]),
		column("left_at", "TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)", ["pii"]),
		column("age", "INTEGER", ["pii"]),
		column("notes", "text", ["pii"]),
		column("untyped", "", ["pii"]),
	],
}

request(user, resources) := {
	"action": "select",
	"user": user,
	"client": {"address": "127.0.0.1", "application": "psql", "protocol": "postgresql"},
	"query": {"id": "q_test", "sql": "SELECT ...", "kind": "select"},
	"resources": resources,
}

decide(user_name, resources) := d if {
	d := sluice.decision with input as request(users[user_name], resources)
}

decide_request(req) := d if {
	d := sluice.decision with input as req
}

table(decision, r) := decision.tables[concat(".", [r.source, r.schema, r.table])]

# The grants are admin-only for hr; an analyst needs one to reach the tag rules on payroll.
hr_grant := {"rule": "test_hr", "source": "hr", "actions": ["select"]}

decide_with_hr(user_name, resources) := d if {
	grants := object.union(data.sluice_config.role_grants, {"analyst": array.concat(data.sluice_config.role_grants.analyst, [hr_grant])})
	d := sluice.decision with input as request(users[user_name], resources) with data.sluice_config.role_grants as grants
}
