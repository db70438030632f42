package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PeopleGeneratorTest {

    @Test
    void deterministicAndPlausible() {
        List<PeopleGenerator.Person> people = PeopleGenerator.people(1500);
        assertThat(people).hasSize(PeopleGenerator.PEOPLE).isEqualTo(PeopleGenerator.people(1500));
        assertThat(people.stream().map(PeopleGenerator.Person::email).collect(Collectors.toSet()))
                .hasSize(PeopleGenerator.PEOPLE);
        assertThat(people).allSatisfy(p -> {
            assertThat(p.email()).matches("[a-z0-9.-]+@[a-z.]+");
            assertThat(p.customerKey()).isBetween(1L, 1500L);
            assertThat(Set.of("EU", "US", "APAC")).contains(p.region());
            assertThat(p.birthDate().getYear()).isBetween(1950, 2005);
        });
        assertThat(people.stream().map(PeopleGenerator.Person::customerKey).distinct().count()).isEqualTo(1500);
        assertThat(people.stream().filter(p -> p.country().equals("Spain"))).isNotEmpty().allSatisfy(p ->
                assertThat(p.nationalId().charAt(8))
                        .isEqualTo("TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(p.nationalId().substring(0, 8)) % 23)));
        assertThat(people.stream().filter(p -> p.region().equals("US"))).isNotEmpty().allSatisfy(p -> {
            assertThat(p.nationalId()).matches("[0-8]\\d\\d-\\d\\d-\\d{4}").doesNotStartWith("000").doesNotStartWith("666");
            assertThat(p.phone()).matches("\\+1 \\d{3}-555-01\\d\\d");
        });
    }

    @Test
    void foldsNamesToAscii() {
        assertThat(PeopleGenerator.asciiFold("Łukasz")).isEqualTo("lukasz");
        assertThat(PeopleGenerator.asciiFold("O'Brien")).isEqualTo("obrien");
        assertThat(PeopleGenerator.asciiFold("van den Berg")).isEqualTo("vandenberg");
        assertThat(PeopleGenerator.asciiFold("Müller")).isEqualTo("muller");
    }
}
