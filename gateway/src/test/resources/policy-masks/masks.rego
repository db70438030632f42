# Every named mask on a column of sales.orders, for the gateway's mask tests. User "admin" is
# unrestricted; everyone else gets the masks; user "nullmask" gets a null mask on a NOT NULL column.
package sluice

import rego.v1

default decision := {"allow": true, "tables": {}}

decision := {"allow": true, "tables": {"sales.public.orders": {"column_masks": masks}}} if {
	input.user.name != "admin"
	input.user.name != "nullmask"
}

decision := {"allow": true, "tables": {"sales.public.orders": {"column_masks": {"o_orderpriority": {"mask": "null", "rule": "null_on_not_null"}}}}} if {
	input.user.name == "nullmask"
}

masks := {
	"o_totalprice": {"mask": "round", "digits": -3, "rule": "round_price"},
	"o_orderdate": {"mask": "constant", "value": "2000-01-01", "rule": "constant_date"},
	"o_comment": {"mask": "show_first_4", "rule": "first_4_comment"},
	"o_clerk": {"mask": "none", "rule": "clerk_visible"},
	"o_orderstatus": {"mask": "redact", "rule": "redact_status"},
	"o_orderpriority": {"mask": "regex_replace", "pattern": "^([0-9])-.*$", "replacement": "$1-HIDDEN", "rule": "priority_digit"},
	"o_shippriority": {"expression": "o_shippriority + 100", "rule": "shift_ship"},
	"o_custkey": {"mask": "constant", "value": "7", "rule": "constant_customer"},
}
