package sluice_test

import data.sluice
import rego.v1

test_eu_analyst_sees_eu_rows if {
	table(decide("ana", [people]), people).row_filters == [{"expression": "region = user_attribute('region')", "rule": "region_scope"}]
}

test_us_analyst_gets_the_same_filter_with_her_own_attribute if {
	# The value is looked up by the gateway, so both analysts share one expression.
	table(decide("uma", [people]), people).row_filters == table(decide("ana", [people]), people).row_filters
}

test_analyst_without_region_sees_no_rows if {
	table(decide("ivan", [people]), people).row_filters == [{"expression": "false", "rule": "region_scope"}]
}

test_non_string_attribute_counts_as_missing if {
	user := object.union(users.ana, {"attributes": {"region": ["EU", "US"]}})
	d := decide_request(request(user, [people]))
	table(d, people).row_filters == [{"expression": "false", "rule": "region_scope"}]
}

test_tables_without_a_region_column_are_not_filtered if {
	d := decide("ana", [lineitem, customer, nation])
	every _, t in d.tables {
		t.row_filters == []
	}
}

test_admins_are_not_filtered if {
	table(decide("admin", [people]), people).row_filters == []
}

test_filter_column_matches_case_insensitively_and_is_quoted if {
	t := object.union(nation, {"columns": [column("Region", "VARCHAR", [])]})
	table(decide("ana", [t]), t).row_filters == [{"expression": "\"Region\" = user_attribute('region')", "rule": "region_scope"}]
}

test_sql_identifier_quotes_what_postgresql_would_fold if {
	sluice.sql_identifier("region") == "region"
	sluice.sql_identifier("sales_region_2") == "sales_region_2"
	sluice.sql_identifier("Region") == `"Region"`
	sluice.sql_identifier(`we"ird name`) == `"we""ird name"`
}

test_support_agents_see_open_tickets_only if {
	d := decide("sue", [tickets, people])
	table(d, tickets).row_filters == [{"expression": "status <> 'closed' OR user_in_group('support_leads')", "rule": "open_tickets_only"}]
	table(d, people).row_filters == []
}

test_expression_filters_skip_other_roles if {
	table(decide("ana", [tickets]), tickets).row_filters == []
}

test_several_filters_on_one_table_are_all_listed if {
	filters := array.concat(data.sluice_config.row_filters, [{"rule": "own_country", "roles": ["analyst"], "column": "country", "attribute": "country"}])
	d := decide("ana", [people]) with data.sluice_config.row_filters as filters
	table(d, people).row_filters == [
		{"expression": "false", "rule": "own_country"},
		{"expression": "region = user_attribute('region')", "rule": "region_scope"},
	]
}
