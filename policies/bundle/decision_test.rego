package sluice_test

import data.sluice
import rego.v1

test_decision_has_every_field if {
	d := decide("ana", [people])
	object.keys(d) == {"allow", "reasons", "deny", "tables"}
	object.keys(table(d, people)) == {"row_filters", "column_masks", "denied_columns"}
}

test_statement_without_tables_is_allowed if {
	# SELECT 1, SELECT version(): nothing from any source is read.
	d := decide("nobody", [])
	d.allow
	d.reasons == []
	d.tables == {}
}

test_missing_input_denies if {
	d := sluice.decision with input as {}
	not d.allow
	{x.message | some x in d.deny} == {
		"input.action must be a string",
		"input.user.name must be a string",
		"input.user.groups must be an array",
		"input.resources must be an array",
	}
	d.tables == {}
}

test_malformed_resource_denies if {
	broken := {"source": "sales", "table": "people", "columns": []}
	d := decide("admin", [people, broken])
	not d.allow
	d.deny == [{"rule": "invalid_input", "message": "input.resources[1] needs string source, schema and table"}]
	d.reasons == ["invalid_input: input.resources[1] needs string source, schema and table"]
	d.tables == {}
}

test_resources_as_object_denies if {
	d := decide_request(object.union(request(users.admin, []), {"resources": {"sales": people}}))
	not d.allow
	d.deny == [{"rule": "invalid_input", "message": "input.resources must be an array"}]
}

test_groups_missing_denies if {
	d := decide_request(request({"name": "ana", "attributes": {}}, [people]))
	not d.allow
	{x.rule | some x in d.deny} == {"invalid_input", "no_grant"}
}

test_missing_tags_and_columns_are_read_as_empty if {
	bare := {"source": "sales", "schema": "public", "table": "orders"}
	d := decide("ana", [bare])
	d.allow
	table(d, bare) == {"row_filters": [], "column_masks": {}, "denied_columns": {}}
}

test_the_same_table_twice_gives_one_entry if {
	d := decide("ana", [people, people])
	d.allow
	count(d.tables) == 1
}
