package io.vigil.graph.http;

import java.time.DateTimeException;
import java.time.Instant;

import inet.ipaddr.IPAddressString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fast paths for the two values every record has (its time, its IPv4 address) give
 * what the general parsers give, and leave everything else to them.
 */
class CapturedFieldsTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-01T10:00:00Z", "1999-12-31T23:59:59Z", "2024-02-29T00:00:00Z",
			"2026-11-01T10:00:00.1Z", "2026-11-01T10:00:00.123Z", "2026-11-01T10:00:00.1234567Z",
			"2026-11-01T10:00:00.000000001Z", "2026-11-01T10:00:00.120Z" })
	void graphsOwnTimestampsReadAsTheGeneralParserReadsThem(String value) {
		assertThat(CapturedFields.utcSeconds(value)).isEqualTo(Instant.parse(value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-01T10:00:00+01:00", "2026-11-01T10:00:00.1234567+01:00", "2026-11-01 10:00:00Z",
			"2026-11-0xT10:00:00Z", "2026-11-01T10:00:00.Z", "2026-11-01T10:00:00.12x4Z",
			"2026-11-01T10:00:00.1234567890Z", "2026-11-01T10:00:00,1Z", "yesterday", "" })
	void otherFormsAreLeftToTheGeneralParser(String value) {
		assertThat(CapturedFields.utcSeconds(value)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-13-01T10:00:00Z", "2026-02-30T10:00:00Z", "2026-11-01T24:00:00Z" })
	void aFieldOutOfRangeIsNotATimestamp(String value) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> CapturedFields.utcSeconds(value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "131.107.159.37", "0.0.0.0", "255.255.255.255", "1.2.3.4", "10.0.0.1" })
	void dottedQuadsAreCanonicalAsTheAddressLibraryWritesThem(String value) {
		assertThat(CapturedFields.dottedQuad(value))
			.isEqualTo(new IPAddressString(value).getAddress().toCanonicalString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "010.1.2.3", "10.01.2.3", "1.2.3.00", "010.001.000.009" })
	void leadingZerosAreJudgedByTheAddressLibrary(String value) {
		var address = new IPAddressString(value).getAddress();
		assertThat(CapturedFields.dottedQuad(value)).isEqualTo(address == null ? null : address.toCanonicalString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.1.2.XXX", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.1000", "1..2.3", ".1.2.3",
			"1.2.3.", "1.2.3.4/8", " 1.2.3.4", "" })
	void anythingElseIsNoAddress(String value) {
		assertThat(CapturedFields.dottedQuad(value)).isNull();
	}

}
