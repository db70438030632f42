package sluice

import rego.v1

# A realistic access decision: role grants per table (glob patterns), tag-based column masks,
# attribute-based row filters and restricted columns.

default allow := false

user_roles contains role if {
	some group in input.user.groups
	some role in data.group_roles[group]
}

table_key(r) := concat(".", [r.source, r.schema, r.table])

grants_for(r) := [name |
	some role in user_roles
	some grant in data.grants[role]
	input.action in grant.actions
	glob.match(grant.tables, ["."], table_key(r))
	name := grant.name
]

denied_tables contains table_key(r) if {
	some r in input.resources
	count(grants_for(r)) == 0
}

allow if {
	count(input.resources) > 0
	count(denied_tables) == 0
}

reasons contains reason if {
	some r in input.resources
	some name in grants_for(r)
	reason := sprintf("%s grants %s on %s", [name, input.action, table_key(r)])
}

reasons contains sprintf("no grant for %s", [t]) if some t in denied_tables

exempt(tag) if {
	some group in input.user.groups
	group in data.tag_exemptions[tag]
}

# the first tag (by priority) that applies decides a column's mask
column_mask(c) := mask if {
	masks := [[data.tag_masks[tag].priority, tag] | some tag in c.tags; data.tag_masks[tag]; not exempt(tag)]
	count(masks) > 0
	best := min(masks)
	mask := {"mask": data.tag_masks[best[1]].mask, "rule": sprintf("%s_%s", [best[1], data.tag_masks[best[1]].mask])}
}

row_filters(r) := [f |
	some rule in data.row_filters
	glob.match(rule.tables, ["."], table_key(r))
	attr := input.user.attributes[rule.attribute]
	f := {"expression": sprintf("%s = user_attribute('%s')", [rule.column, rule.attribute]), "rule": rule.name}
]

denied_columns(r) := {c.name: sprintf("%s is restricted to hr", [c.name]) |
	some c in r.columns
	"restricted" in c.tags
	not "hr" in input.user.groups
}

tables[table_key(r)] := {
	"row_filters": row_filters(r),
	"column_masks": {c.name: m | some c in r.columns; m := column_mask(c)},
	"denied_columns": denied_columns(r),
} if {
	some r in input.resources
}

decision := {
	"allow": allow,
	"reasons": sort([x | some x in reasons]),
	"tables": tables,
}
