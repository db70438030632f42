# The engine contract bundle: small, but it uses every part of DESIGN.md's decision contract,
# so one set of tests proves that the embedded engine and a real OPA 1.x server give the same
# decision for the same bundle. Data comes from data.json (grants, row filters) and from
# masks/data.json, which both engines load under data.masks.
package sluice

table_key(r) := concat(".", [r.source, r.schema, r.table])

# User "nobody" gets no decision at all: both engines must report it as undefined.
decision := {
	"allow": allow,
	"reasons": sort([reason | some reason in reasons]),
	"deny": [d | some d in denials],
	"tables": tables,
} if {
	input.user.name != "nobody"
}

# A second, different value of the same complete rule for user "conflict": an evaluation error.
decision := {"allow": false} if {
	input.user.name == "conflict"
}

default allow := false

allow if {
	count(input.resources) > 0
	count(denials) == 0
}

granted(r) if {
	some group in input.user.groups
	group in data.grants[r.source]
}

reasons contains sprintf("%s may read %s", [group, table_key(r)]) if {
	some r in input.resources
	some group in input.user.groups
	group in data.grants[r.source]
}

denials contains {"rule": "grants", "table": table_key(r), "message": msg} if {
	some r in input.resources
	not granted(r)
	msg := sprintf("%s has no grant on %s", [input.user.name, table_key(r)])
}

denials contains {"rule": "secret_tables", "table": table_key(r), "message": msg} if {
	some r in input.resources
	"secret" in r.tags
	msg := sprintf("%s is secret", [table_key(r)])
}

tables[table_key(r)] := {
	"row_filters": row_filters(r),
	"column_masks": column_masks(r),
	"denied_columns": object.union(restricted_columns(r), secret_columns(r)),
} if {
	some r in input.resources
}

# In data order, one filter per rule whose tag the table has and whose attribute the user has.
row_filters(r) := [f |
	some rule in data.row_filters
	rule.tag in r.tags
	input.user.attributes[rule.attribute]
	f := {"expression": sprintf("%s = user_attribute('%s')", [rule.column, rule.attribute]), "rule": rule.name}
]

# A column tagged "mask:NAME" gets the mask data.masks[NAME].
column_masks(r) := {c.name: mask |
	some c in r.columns
	some tag in c.tags
	startswith(tag, "mask:")
	name := trim_prefix(tag, "mask:")
	mask := object.union(data.masks[name], {"rule": sprintf("mask_%s", [name])})
}

# denied_columns in its short form: column -> message.
restricted_columns(r) := {c.name: sprintf("%s is restricted to hr", [c.name]) |
	some c in r.columns
	"restricted" in c.tags
	not "hr" in input.user.groups
}

# denied_columns in its long form: column -> {rule, message}.
secret_columns(r) := {c.name: {"rule": "secret_columns", "message": sprintf("%s is secret", [c.name])} |
	some c in r.columns
	"secret" in c.tags
}
