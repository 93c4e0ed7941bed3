package io.vigil.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production hashes passwords with Argon2id at Spring Security's recommended cost (the
 * integration tests use a cheaper one, see {@code CheapPasswordHashing}).
 */
class PasswordHashingTests {

	final PasswordHashing hashing = new PasswordHashing();

	@Test
	void passwordsAreArgon2idWith16MiBAndTwoPasses() {
		var encoder = hashing.passwordEncoder();
		var hash = encoder.encode("correct horse battery staple");
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=16384,t=2,p=1$");
		assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
		assertThat(encoder.matches("correct horse battery stapler", hash)).isFalse();
	}

	@Test
	void aHashOfTheTestsCheaperCostStillVerifies() {
		var cheap = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 1024, 1).encode("pw");
		assertThat(hashing.passwordEncoder().matches("pw", cheap)).isTrue();
	}

}
