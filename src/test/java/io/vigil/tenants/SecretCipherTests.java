package io.vigil.tenants;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.vigil.shared.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTests {

	private static final String KEY = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

	private final SecretCipher cipher = new SecretCipher(new TenantsSettings(KEY, null));

	@Test
	void encryptsSoTheSecretIsNotInTheCiphertext() {
		var ciphertext = cipher.encrypt(new Secret("very-secret-value"), "org/app");
		assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("very-secret-value");
		assertThat(cipher.encrypt(new Secret("very-secret-value"), "org/app")).as("random IV").isNotEqualTo(ciphertext);
		assertThat(cipher.decrypt(ciphertext, "org/app").reveal()).isEqualTo("very-secret-value");
	}

	@Test
	void refusesAnotherKeyOrAnotherRow() {
		var ciphertext = cipher.encrypt(new Secret("very-secret-value"), "org-a/app");
		assertThatThrownBy(() -> cipher.decrypt(ciphertext, "org-b/app")).isInstanceOf(IllegalStateException.class)
			.hasMessageNotContaining("very-secret-value");
		var otherKey = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
		var other = new SecretCipher(new TenantsSettings(otherKey, null));
		assertThatThrownBy(() -> other.decrypt(ciphertext, "org-a/app")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void needsAKeyOfThirtyTwoBytes() {
		assertThatThrownBy(() -> new SecretCipher(new TenantsSettings(null, null)))
			.hasMessageContaining("APP_TENANTS_ENCRYPTION_KEY");
		assertThatThrownBy(() -> new SecretCipher(new TenantsSettings("c2hvcnQ=", null)))
			.hasMessageContaining("32 bytes");
	}

	@Test
	void generatesADemoKeyOnceAndKeepsIt(@TempDir Path temp) throws Exception {
		var file = temp.resolve("keys/secrets.key");
		var ciphertext = new SecretCipher(new TenantsSettings(null, file)).encrypt(new Secret("s"), "a");
		assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
		assertThat(new SecretCipher(new TenantsSettings(null, file)).decrypt(ciphertext, "a").reveal()).isEqualTo("s");
	}

	@Test
	void neverPrintsASecret() {
		assertThat(new Secret("very-secret-value")).hasToString("Secret[****]");
		assertThat(new io.vigil.shared.GraphCredentials("t", "c", new Secret("very-secret-value")).toString())
			.doesNotContain("very-secret-value");
	}

}
