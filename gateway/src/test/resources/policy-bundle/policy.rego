# A small, fixed bundle for the gateway's enforcement tests. The default bundle under
# policies/bundle is the one to adopt; this one exists so enforcement tests do not change
# whenever the default bundle's rules are edited.
package sluice

import rego.v1

default decision := {"allow": false, "reasons": ["no rule allows this statement"]}

admin if "admins" in input.user.groups

analyst if "analysts" in input.user.groups

decision := {"allow": true, "reasons": ["admins read everything"], "tables": {}} if admin

decision := {"allow": true, "reasons": ["analysts read sales, crm and lake"], "tables": tables} if {
	analyst
	every r in input.resources {
		r.source in {"sales", "crm", "lake"}
	}
}

decision := {"allow": false, "reasons": reasons, "deny": denials} if {
	not admin
	count(denials) > 0
}

denials contains {"rule": "no_grant", "table": key, "message": sprintf("%s has no grant on %s", [input.user.name, key])} if {
	some r in input.resources
	not admin
	not analyst
	key := concat(".", [r.source, r.schema, r.table])
}

reasons := [d.message | some d in denials]

tables[key] := t if {
	some r in input.resources
	key := concat(".", [r.source, r.schema, r.table])
	t := {
		"row_filters": [f | some f in row_filters[key]],
		"column_masks": {c.name: m | some c in r.columns; m := mask_for(c)},
		"denied_columns": {c.name: "secret columns are for admins only" | some c in r.columns; "secret" in c.tags},
	}
}

row_filters[key] contains {"expression": "region = user_attribute('region')", "rule": "own_region"} if {
	some r in input.resources
	key := concat(".", [r.source, r.schema, r.table])
	some c in r.columns
	c.name == "region"
}

mask_for(c) := {"mask": "email_domain", "rule": "pii_email"} if "email" in c.tags

mask_for(c) := {"mask": "show_last_4", "rule": "pii_phone"} if "phone" in c.tags

mask_for(c) := {"mask": "hash", "rule": "pii_national_id"} if "national_id" in c.tags

mask_for(c) := {"mask": "date_year", "rule": "pii_birth_date"} if {
	"pii" in c.tags
	c.type == "DATE"
}
