# Checks of data.json itself, so a typo in an edited configuration fails `policy test`
# instead of failing every statement at run time.
package sluice_test

import rego.v1

cfg := data.sluice_config

# Named masks and the parameters each one needs.
mask_parameters := {
	"redact": set(),
	"show_last_4": set(),
	"show_first_4": set(),
	"hash": set(),
	"null": set(),
	"none": set(),
	"date_year": set(),
	"email_domain": set(),
	"constant": {"value"},
	"round": {"digits"},
	"regex_replace": {"pattern", "replacement"},
}

valid_mask(m) if {
	keys := object.keys(m)
	required := mask_parameters[m.mask]
	keys == required | {"mask"}
	parameters_ok(m)
}

valid_mask(m) if {
	object.keys(m) == {"expression"}
	is_string(m.expression)
	m.expression != ""
}

configured_masks contains [rule.rule, rule.mask] if some rule in cfg.column_masks

configured_masks contains [rule.rule, rule.mask] if some rule in cfg.tag_masks

configured_masks contains [rule.rule, m] if {
	some rule in cfg.tag_masks
	some m in object.get(rule, "mask_by_type", {})
}

test_every_configured_mask_is_valid if {
	count(configured_masks) > 0
	every entry in configured_masks {
		valid_mask(entry[1])
	}
}

test_mask_validation_rejects_typos_and_missing_parameters if {
	not valid_mask({"mask": "emial_domain"})
	not valid_mask({"mask": "round"})
	not valid_mask({"mask": "constant", "value": "x", "colour": "red"})
	not valid_mask({"expression": ""})
	not valid_mask({"mask": "round", "digits": "-3"})
	not valid_mask({"mask": "round", "digits": 1.5})
	not valid_mask({"mask": "regex_replace", "pattern": "([a-z", "replacement": ""})
	valid_mask({"mask": "none"})
	valid_mask({"mask": "round", "digits": 2})
}

parameters_ok(m) if not m.mask in {"round", "regex_replace", "constant"}

parameters_ok(m) if {
	m.mask == "round"
	is_number(m.digits)
	round(m.digits) == m.digits
}

parameters_ok(m) if {
	m.mask == "regex_replace"
	regex.is_valid(m.pattern)
	is_string(m.replacement)
}

parameters_ok(m) if {
	m.mask == "constant"
	not is_object(m.value)
	not is_array(m.value)
}

# Every rule name appears once, so an audit record's rule names point at one place.
rule_names := array.concat(
	array.concat(
		[g.rule | some grants in cfg.role_grants; some g in grants],
		[r.rule | some r in cfg.tag_masks],
	),
	array.concat(
		array.concat([r.rule | some r in cfg.column_masks], [r.rule | some r in cfg.row_filters]),
		array.concat(
			[r.rule | some r in cfg.system_sources],
			array.concat([r.rule | some r in cfg.restricted_table_tags], [r.rule | some r in cfg.denied_column_tags]),
		),
	),
)

test_rule_names_are_unique if {
	count(rule_names) > 10
	count(rule_names) == count({n | some n in rule_names})
	not "no_grant" in rule_names
	not "invalid_input" in rule_names
}

# Roles named in exemptions and filters must be roles some group maps to: a misspelt role
# would silently exempt nobody (or filter nobody).
known_roles := {role | some roles in cfg.group_roles; some role in roles}

referenced_roles contains role if {
	some kind in ["tag_masks", "column_masks", "row_filters", "restricted_table_tags", "denied_column_tags"]
	some rule in cfg[kind]
	some role in object.get(rule, "exempt_roles", [])
}

referenced_roles contains role if {
	some kind in ["row_filters", "system_sources"]
	some rule in cfg[kind]
	some role in rule.roles
}

referenced_roles contains role if some role, _ in cfg.role_grants

test_every_referenced_role_is_held_by_a_group if {
	count(referenced_roles) > 0
	referenced_roles - known_roles == set()
}

test_attribute_filters_name_plain_attributes if {
	every rule in cfg.row_filters {
		attribute_filter_ok(rule)
	}
}

attribute_filter_ok(rule) if is_string(rule.expression)

attribute_filter_ok(rule) if {
	regex.match(`^[A-Za-z_][A-Za-z0-9_]*$`, rule.attribute)
	regex.match(`^[A-Za-z_][A-Za-z0-9_]*$`, rule.column)
}

# An expression is written for particular tables; without a source it would reach every table.
test_expression_filters_name_their_source if {
	every rule in cfg.row_filters {
		scoped_filter(rule)
	}
}

scoped_filter(rule) if not is_string(rule.expression)

scoped_filter(rule) if {
	is_string(rule.source)
	not contains(rule.source, "*")
}

# Two tag rules with the same priority would make the mask depend on tag names.
test_tag_priorities_are_distinct_numbers if {
	priorities := [rule.priority | some rule in cfg.tag_masks]
	every p in priorities {
		is_number(p)
	}
	count(priorities) == count({p | some p in priorities})
}
