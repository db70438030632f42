package sluice_test

import data.sluice
import rego.v1

# --- grants ---------------------------------------------------------------------------------

test_admin_reads_every_source if {
	d := decide("admin", [people, customer, nation, sys_audit, sys_queries])
	d.allow
	d.deny == []
	count(d.tables) == 5
	"admin_all: role admin may select sys.sys.audit" in d.reasons
}

test_analysts_read_sales_crm_and_lake if {
	d := decide("ana", [people, lineitem, customer, nation])
	d.allow
	d.reasons == [
		"analysts_read_crm: role analyst may select crm.crm.customer",
		"analysts_read_lake: role analyst may select lake.default.nation",
		"analysts_read_sales: role analyst may select sales.public.lineitem",
		"analysts_read_sales: role analyst may select sales.public.people",
	]
}

test_source_grants_match_any_schema if {
	every schema in ["default", "main", "files"] {
		decide("uma", [object.union(nation, {"schema": schema})]).allow
	}
}

test_grant_needs_the_action if {
	d := decide_request(object.union(request(users.ana, [people]), {"action": "insert"}))
	not d.allow
	d.deny == [{
		"rule": "no_grant",
		"table": "sales.public.people",
		"message": "no grant allows ana to insert sales.public.people",
	}]
}

test_admin_grant_covers_every_action if {
	decide_request(object.union(request(users.admin, [people]), {"action": "delete"})).allow
}

test_table_grant_allows_only_that_table if {
	decide("sue", [tickets, people]).allow
	d := decide("sue", [tickets, lineitem])
	not d.allow
	[denial.table | some denial in d.deny] == ["sales.public.lineitem"]
}

test_roles_of_all_groups_add_up if {
	user := {"name": "max", "groups": ["auditors", "analysts"], "attributes": {"region": "EU"}}
	decide_request(request(user, [people, sys_audit])).allow
}

test_unknown_group_grants_nothing if {
	user := {"name": "eve", "groups": ["contractors"], "attributes": {}}
	d := decide_request(request(user, [nation]))
	not d.allow
	d.deny[0].rule == "no_grant"
}

test_name_patterns if {
	sluice.name_matches("*", "anything")
	sluice.name_matches("people", "people")
	sluice.name_matches("support_*", "support_tickets")
	not sluice.name_matches("people", "people_archive")
	not sluice.name_matches("support_*", "tickets")
	not sluice.name_matches("Sales", "sales")
}

# --- users without grants -------------------------------------------------------------------

test_nobody_is_denied_every_table_with_a_reason_naming_it if {
	d := decide("nobody", [people, customer])
	not d.allow
	d.tables == {}
	d.deny == [
		{"rule": "no_grant", "table": "crm.crm.customer", "message": "no grant allows nobody to select crm.crm.customer"},
		{"rule": "no_grant", "table": "sales.public.people", "message": "no grant allows nobody to select sales.public.people"},
	]
	d.reasons == [
		"no_grant: no grant allows nobody to select crm.crm.customer",
		"no_grant: no grant allows nobody to select sales.public.people",
	]
}

test_denial_names_only_the_denied_tables if {
	d := decide("ana", [people, sys_audit])
	not d.allow
	every reason in d.reasons {
		contains(reason, "sys.sys.audit")
		not contains(reason, "people")
	}
	{denial.rule | some denial in d.deny} == {"no_grant", "system_tables"}
	object.keys(d.tables) == {"sales.public.people"}
}

# --- system tables --------------------------------------------------------------------------

test_auditors_read_system_tables if {
	d := decide("sam", [sys_audit, sys_queries])
	d.allow
	d.tables["sys.sys.audit"] == {"row_filters": [], "column_masks": {}, "denied_columns": {}}
}

test_auditors_read_nothing_else if {
	d := decide("sam", [sys_audit, lineitem])
	not d.allow
	d.deny == [{"rule": "no_grant", "table": "sales.public.lineitem", "message": "no grant allows sam to select sales.public.lineitem"}]
}

test_system_tables_stay_closed_even_with_a_grant if {
	# A careless grant of every source to analysts must not open the audit log.
	grants := object.union(data.sluice_config.role_grants, {"analyst": [{"rule": "everything", "source": "*", "actions": ["select"]}]})
	d := decide("ana", [sys_queries]) with data.sluice_config.role_grants as grants
	not d.allow
	d.deny == [{
		"rule": "system_tables",
		"table": "sys.sys.queries",
		"message": "sys.sys.queries is a system table; only roles admin, auditor may read it",
	}]
}

# --- restricted tables ----------------------------------------------------------------------

restricted_orders := {
	"source": "sales", "schema": "public", "table": "orders_legal_hold", "tags": ["restricted"],
	"columns": [column("o_orderkey", "BIGINT", [])],
}

test_restricted_table_denied_to_analysts if {
	d := decide("ana", [restricted_orders, lineitem])
	not d.allow
	d.deny == [{
		"rule": "restricted_tables",
		"table": "sales.public.orders_legal_hold",
		"message": "sales.public.orders_legal_hold is tagged restricted; only roles admin may read it",
	}]
	object.keys(d.tables) == {"sales.public.lineitem"}
}

test_restricted_table_allowed_to_admins if {
	decide("admin", [restricted_orders]).allow
}
