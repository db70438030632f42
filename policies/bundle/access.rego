# Table access
#
# Roles come from the user's groups (sluice_config.group_roles); a role's grants
# (sluice_config.role_grants) name the tables it may read. Guards deny tables even when a
# grant matches: system sources only for some roles, tables tagged restricted only for
# exempt roles.
package sluice

import data.sluice_config as cfg
import rego.v1

user_roles contains role if {
	some group in input.user.groups
	some role in cfg.group_roles[group]
}

has_any_role(roles) if {
	some role in roles
	role in user_roles
}

# [role, grant rule] pairs that allow input.action on resource r.
grants_for(r) := {[role, grant.rule] |
	some role in user_roles
	some grant in cfg.role_grants[role]
	action_granted(grant)
	resource_matches(grant, r)
}

action_granted(grant) if "*" in grant.actions

action_granted(grant) if input.action in grant.actions

# A matcher names a source, schema and table; a missing field or "*" matches any name, and
# "prefix*" matches names that start with prefix. Grants at source level therefore never
# depend on how a source spells its schemas.
resource_matches(matcher, r) if {
	name_matches(object.get(matcher, "source", "*"), r.source)
	name_matches(object.get(matcher, "schema", "*"), r.schema)
	name_matches(object.get(matcher, "table", "*"), r.table)
}

name_matches("*", _) := true

name_matches(pattern, name) if pattern == name

name_matches(pattern, name) if {
	endswith(pattern, "*")
	startswith(name, trim_suffix(pattern, "*"))
}

# Each denial names its rule and the one table it withholds.
table_denials contains denial(r, "no_grant", message) if {
	some r in input.resources
	count(grants_for(r)) == 0
	message := sprintf("no grant allows %s to %s %s", [input.user.name, input.action, table_key(r)])
}

table_denials contains denial(r, guard.rule, message) if {
	some r in input.resources
	guard := cfg.system_sources[r.source]
	not has_any_role(guard.roles)
	message := sprintf("%s is a system table; only roles %s may read it", [table_key(r), role_list(guard.roles)])
}

table_denials contains denial(r, guard.rule, message) if {
	some r in input.resources
	some tag in object.get(r, "tags", [])
	guard := cfg.restricted_table_tags[tag]
	not has_any_role(guard.exempt_roles)
	message := sprintf("%s is tagged %s; only roles %s may read it", [table_key(r), tag, role_list(guard.exempt_roles)])
}

denial(r, rule, message) := {"rule": rule, "table": table_key(r), "message": message}

role_list(roles) := concat(", ", sort(roles))
