# Sluice default access policy
#
# The gateway asks for data.sluice.decision once per statement with every table the
# statement touches (all columns and tags). The rules live in access.rego (who may read
# which tables), columns.rego (masks and denied columns) and rows.rego (row filters);
# the editable settings live in data.json under "sluice_config". See README.md.
package sluice

import rego.v1

# The one document the gateway reads. `deny` lists everything that blocks the statement;
# `reasons` repeats it as text when the statement is denied, and otherwise names the grants
# that allowed it. `tables` carries the filters and masks for every table that may be read.
decision := {
	"allow": allow,
	"reasons": reasons,
	"deny": sort(deny),
	"tables": tables,
}

default allow := false

allow if count(deny) == 0

deny contains entry if some entry in table_denials

deny contains {"rule": "invalid_input", "message": message} if some message in input_errors

# Denied: only what blocked the statement, each line naming its rule.
reasons := sort({sprintf("%s: %s", [d.rule, d.message]) | some d in deny}) if count(deny) > 0

# Allowed: the grants used, and the columns that stay hidden.
reasons := sort(grant_reasons | column_denial_reasons) if count(deny) == 0

grant_reasons contains sprintf("%s: role %s may %s %s", [rule, role, input.action, table_key(r)]) if {
	some r in input.resources
	some grant in grants_for(r)
	[role, rule] := grant
}

column_denial_reasons contains message if {
	some r in input.resources
	some message in denied_columns(r)
}

# Filters and masks for every table that is not denied as a whole.
tables[key] := {
	"row_filters": row_filters(r),
	"column_masks": column_masks(r),
	"denied_columns": denied_columns(r),
} if {
	count(input_errors) == 0
	some r in input.resources
	key := table_key(r)
	not table_denied(key)
}

table_denied(key) if {
	some d in table_denials
	d.table == key
}

# The input is checked before anything else: a malformed request must deny, never allow a
# statement because a rule's body could not be evaluated.
input_errors contains "input.action must be a string" if not is_string(input.action)

input_errors contains "input.user.name must be a string" if not is_string(input.user.name)

input_errors contains "input.user.groups must be an array" if not is_array(input.user.groups)

input_errors contains "input.resources must be an array" if not is_array(input.resources)

input_errors contains sprintf("input.resources[%d] needs string source, schema and table", [i]) if {
	some i, r in input.resources
	not valid_resource(r)
}

valid_resource(r) if {
	is_string(r.source)
	is_string(r.schema)
	is_string(r.table)
}

# "source.schema.table", exactly as the resource names it; the key of `tables`.
table_key(r) := concat(".", [r.source, r.schema, r.table])
