package io.vigil;

import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id as in production, with 1 MiB and one pass instead of 16 MiB and two: 2 ms a
 * hash instead of 45, which hundreds of test sign-ins would otherwise pay. The stored
 * form and every code path stay the same; {@code PasswordHashingTests} checks the
 * production parameters.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CheapPasswordHashing {

	@Bean
	@Primary
	PasswordEncoder cheapPasswordEncoder() {
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 1024, 1)));
	}

}
