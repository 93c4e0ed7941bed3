package io.vigil.security;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6238 test vectors (SHA-1, 8 digits there; the last 6 digits here) and the accepted
 * drift.
 */
class TotpTests {

	// "12345678901234567890" in base32
	static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void rfc6238Vectors() {
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void oneStepOfDriftEitherWayAndNoMore() {
		var now = Instant.ofEpochSecond(1111111109);
		var step = Totp.step(now);
		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step - 2), now)).isEmpty();
		assertThat(Totp.matchingStep(SECRET, "12345", now)).isEmpty();
		assertThat(Totp.matchingStep(SECRET, "abcdef", now)).isEmpty();
	}

	@Test
	void base32RoundTrip() {
		var bytes = "12345678901234567890".getBytes();
		assertThat(Totp.base32(bytes)).isEqualTo(SECRET);
		assertThat(Totp.base32Decode(SECRET)).isEqualTo(bytes);
	}

}
