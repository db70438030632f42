# Row filters
#
# sluice_config.row_filters applies to users holding one of a filter's roles (and none of
# its exempt roles). An attribute filter ("column" + "attribute") applies to every matched
# table that has the column and compares it with user_attribute('<attribute>'); a user
# without the attribute sees no rows. An expression filter ("expression") is SQL over the
# table's columns and applies to the tables its source/schema/table name.
package sluice

import data.sluice_config as cfg
import rego.v1

# Every filter that applies to r, sorted; the gateway ANDs them.
row_filters(r) := sort({{"expression": expression, "rule": rule.rule} |
	some rule in cfg.row_filters
	has_any_role(rule.roles)
	not has_any_role(object.get(rule, "exempt_roles", []))
	resource_matches(rule, r)
	some expression in filter_expressions(rule, r)
})

filter_expressions(rule, _) := {rule.expression} if is_string(rule.expression)

filter_expressions(rule, r) := {attribute_filter(c.name, rule.attribute) |
	some c in columns(r)
	lower(c.name) == lower(rule.column)
} if {
	not rule.expression
	is_string(rule.column)
}

# The value stays on the gateway's side (user_attribute), so no user data is spliced into SQL.
# Fail closed: without the attribute the user sees no rows of such tables.
attribute_filter(column, attribute) := sprintf("%s = user_attribute('%s')", [sql_identifier(column), attribute]) if {
	is_string(input.user.attributes[attribute])
} else := "false"

# Plain lower-case names stay bare; anything else is quoted, as PostgreSQL folds case.
sql_identifier(name) := name if {
	regex.match(`^[a-z_][a-z0-9_]*$`, name)
} else := concat("", [`"`, replace(name, `"`, `""`), `"`])
