package sluice_test

import data.sluice
import rego.v1

# --- tag masks on the demo tables -----------------------------------------------------------

test_analysts_see_people_masked_by_tag if {
	masks := table(decide("ana", [people]), people).column_masks
	masks.email == {"mask": "email_domain", "rule": "mask_email"}
	masks.phone == {"mask": "show_last_4", "rule": "mask_phone"}
	masks.national_id == {"mask": "redact", "rule": "mask_national_id"}
	masks.birth_date == {"mask": "date_year", "rule": "mask_pii"}
}

test_untagged_columns_stay_unmasked if {
	masks := table(decide("uma", [people]), people).column_masks
	every name in ["id", "first_name", "region", "country"] {
		not masks[name]
	}
}

test_admins_see_raw_values if {
	d := decide("admin", [people, customer, tickets, payroll])
	every _, t in d.tables {
		t.column_masks == {}
		t.denied_columns == {}
	}
}

test_crm_phone_masked_for_analysts if {
	table(decide("ana", [customer]), customer).column_masks == {"c_phone": {"mask": "show_last_4", "rule": "mask_phone"}}
}

test_most_specific_tag_wins_regardless_of_tag_order if {
	shuffled := object.union(people, {"columns": [column("email", "VARCHAR", ["email", "pii"]), column("email2", "VARCHAR", ["pii", "email"])]})
	masks := table(decide("ana", [shuffled]), shuffled).column_masks
	masks.email.rule == "mask_email"
	masks.email2.rule == "mask_email"
}

test_national_id_beats_other_tags if {
	t := object.union(people, {"columns": [column("nid", "VARCHAR", ["phone", "national_id", "pii"])]})
	table(decide("ana", [t]), t).column_masks.nid.rule == "mask_national_id"
}

# --- masks with parameters and masks chosen by type -----------------------------------------

test_named_masks_carry_their_parameters if {
	masks := table(decide_with_hr("ana", [payroll]), payroll).column_masks
	masks.employee == {"mask": "hash", "rule": "mask_pseudonym"}
	masks.salary == {"mask": "round", "digits": -3, "rule": "mask_salary"}
	masks.iban == {"mask": "show_first_4", "rule": "mask_iban"}
	masks.last_login_ip == {"mask": "regex_replace", "pattern": "[0-9]+$", "replacement": "0", "rule": "mask_ip_address"}
	masks.api_token == {"mask": "constant", "value": "***", "rule": "mask_credential"}
}

test_pii_mask_fits_the_column_type if {
	masks := table(decide_with_hr("ana", [payroll]), payroll).column_masks
	masks.hired_at.mask == "date_year"
	masks.left_at.mask == "date_year"
	masks.age.mask == "null"
	masks.notes.mask == "redact"
	masks.untyped.mask == "null"
}

test_type_family if {
	sluice.type_family({"type": "VARCHAR(120)"}) == "VARCHAR"
	sluice.type_family({"type": "timestamp with time zone"}) == "TIMESTAMP"
	sluice.type_family({"type": " date "}) == "DATE"
	sluice.type_family({"name": "x"}) == ""
}

# --- column rules ---------------------------------------------------------------------------

test_ticket_bodies_are_scrubbed_for_analysts if {
	mask := table(decide("ana", [tickets]), tickets).column_masks.body
	mask.rule == "ticket_body_scrub"
	mask.mask == "regex_replace"
	mask.replacement == "[redacted]"
	regex.replace("call me at +49 30 1234567 or mail jo.doe@example.com", mask.pattern, mask.replacement) == "call me at [redacted] or mail [redacted]"
	regex.replace("order 42 arrived late", mask.pattern, mask.replacement) == "order 42 arrived late"
}

test_expression_mask_for_last_names if {
	masks := table(decide("uma", [people]), people).column_masks
	masks.last_name == {"expression": "SUBSTRING(last_name FROM 1 FOR 1) || '.'", "rule": "last_name_initial"}
}

test_column_rule_exemptions_are_per_rule if {
	# support agents see full names (they answer tickets), but e-mail addresses stay masked
	masks := table(decide("sue", [people]), people).column_masks
	not masks.last_name
	masks.email.rule == "mask_email"
}

test_column_rule_wins_over_tag_rules if {
	tagged := object.union(tickets, {"columns": [column("body", "TEXT", ["pii"])]})
	table(decide("ana", [tagged]), tagged).column_masks.body.rule == "ticket_body_scrub"
}

test_column_rule_needs_its_table if {
	other := object.union(lineitem, {"columns": [column("body", "TEXT", [])]})
	table(decide("ana", [other]), other).column_masks == {}
}

test_first_listed_column_rule_wins if {
	rules := [
		{"rule": "first", "source": "sales", "column": "body", "mask": {"mask": "null"}},
		{"rule": "second", "source": "sales", "table": "support_tickets", "column": "BODY", "mask": {"mask": "redact"}},
	]
	d := decide("ana", [tickets]) with data.sluice_config.column_masks as rules
	table(d, tickets).column_masks.body == {"mask": "null", "rule": "first"}
}

# --- denied columns -------------------------------------------------------------------------

test_secret_columns_are_denied_not_masked if {
	d := decide_with_hr("ana", [payroll])
	d.allow
	t := table(d, payroll)
	t.denied_columns == {"ssn": "secret_columns: column ssn of hr.public.payroll is tagged secret; only roles admin may read it"}
	not t.column_masks.ssn
	"secret_columns: column ssn of hr.public.payroll is tagged secret; only roles admin may read it" in d.reasons
}

test_secret_columns_readable_by_admins if {
	t := table(decide("admin", [payroll]), payroll)
	t.denied_columns == {}
	not t.column_masks.ssn
}

test_a_column_with_two_denying_tags_has_one_reason if {
	guards := object.union(data.sluice_config.denied_column_tags, {"hr_only": {"rule": "hr_columns", "exempt_roles": ["hr"]}})
	t := object.union(people, {"columns": [column("ssn", "VARCHAR", ["secret", "hr_only"])]})
	d := decide("ana", [t]) with data.sluice_config.denied_column_tags as guards
	table(d, t).denied_columns == {"ssn": "hr_columns: column ssn of sales.public.people is tagged hr_only; only roles hr may read it"}
}
