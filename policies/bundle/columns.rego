# Column masks and denied columns
#
# A column tagged with a key of sluice_config.denied_column_tags is withheld (listed in
# denied_columns). Otherwise a column rule (sluice_config.column_masks, by table and column
# name) or else the tag rule with the lowest priority (sluice_config.tag_masks) masks it,
# unless the user holds one of the rule's exempt roles.
package sluice

import data.sluice_config as cfg
import rego.v1

# {column: reason} for the columns of r this user may not read at all.
denied_columns(r) := {c.name: message |
	some c in columns(r)
	tag := denying_tag(c)
	guard := cfg.denied_column_tags[tag]
	message := sprintf(
		"%s: column %s of %s is tagged %s; only roles %s may read it",
		[guard.rule, c.name, table_key(r), tag, role_list(guard.exempt_roles)],
	)
}

# The first (alphabetically) denying tag, so a column has exactly one reason.
denying_tag(c) := min(tags) if {
	tags := {tag |
		some tag in tags_of(c)
		guard := cfg.denied_column_tags[tag]
		not has_any_role(guard.exempt_roles)
	}
	count(tags) > 0
}

# {column: mask} for the columns of r that are read but masked.
column_masks(r) := {c.name: mask |
	some c in columns(r)
	not denying_tag(c)
	mask := column_mask(r, c)
}

# A rule written for this very column wins over tag rules; among several, the one listed
# first in sluice_config.column_masks.
column_mask(r, c) := object.union(rule.mask, {"rule": rule.rule}) if {
	candidates := [i |
		some i, candidate in cfg.column_masks
		lower(candidate.column) == lower(c.name)
		resource_matches(candidate, r)
		not has_any_role(object.get(candidate, "exempt_roles", []))
	]
	count(candidates) > 0
	rule := cfg.column_masks[min(candidates)]
} else := object.union(mask, {"rule": rule.rule}) if {
	# The tag rule with the lowest priority decides (email before pii), ties by tag name.
	candidates := [[candidate.priority, tag] |
		some tag in tags_of(c)
		candidate := cfg.tag_masks[tag]
		not has_any_role(object.get(candidate, "exempt_roles", []))
	]
	count(candidates) > 0
	rule := cfg.tag_masks[min(candidates)[1]]

	# Some masks only fit some types (date_year needs a date), so a rule may pick by type.
	mask := object.get(object.get(rule, "mask_by_type", {}), type_family(c), rule.mask)
}

# "VARCHAR(120)" -> "VARCHAR", "timestamp with time zone" -> "TIMESTAMP"; "" when absent,
# which selects the rule's default mask.
type_family(c) := split(split(upper(trim_space(object.get(c, "type", ""))), "(")[0], " ")[0]

columns(r) := object.get(r, "columns", [])

tags_of(x) := object.get(x, "tags", [])
