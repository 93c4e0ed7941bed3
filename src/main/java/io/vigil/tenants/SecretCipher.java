package io.vigil.tenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.vigil.shared.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM. The associated data binds a ciphertext to
 * the row it belongs to, so a ciphertext copied onto another organization's row does not
 * decrypt. Layout: version (1 byte), IV (12), ciphertext with tag.
 */
@Component
class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private static final byte VERSION = 1;

	private static final int IV_BYTES = 12;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	SecretCipher(TenantsSettings settings) {
		this.key = new SecretKeySpec(loadKey(settings), "AES");
	}

	/**
	 * A key for another purpose, derived from this one (HMAC-SHA256 of the purpose): one
	 * key to manage.
	 */
	byte[] derive(String purpose) {
		try {
			var mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(("vigil-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not derive a key", ex);
		}
	}

	byte[] encrypt(Secret secret, String associatedData) {
		var iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		try {
			var cipher = cipher(Cipher.ENCRYPT_MODE, iv, associatedData);
			var sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a secret", ex);
		}
	}

	Secret decrypt(byte[] ciphertext, String associatedData) {
		var buffer = ByteBuffer.wrap(ciphertext);
		if (buffer.get() != VERSION) {
			throw new IllegalStateException("Unknown secret ciphertext version");
		}
		var iv = new byte[IV_BYTES];
		buffer.get(iv);
		var sealed = new byte[buffer.remaining()];
		buffer.get(sealed);
		try {
			var plain = cipher(Cipher.DECRYPT_MODE, iv, associatedData).doFinal(sealed);
			return new Secret(new String(plain, StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored secret does not decrypt with the configured key", ex);
		}
	}

	private Cipher cipher(int mode, byte[] iv, String associatedData) throws GeneralSecurityException {
		var cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(128, iv));
		cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static byte[] loadKey(TenantsSettings settings) {
		if (settings.encryptionKey() != null && !settings.encryptionKey().isBlank()) {
			return checked(Base64.getDecoder().decode(settings.encryptionKey().trim()));
		}
		if (settings.generatedKeyFile() != null) {
			return checked(Base64.getDecoder().decode(readOrCreate(settings.generatedKeyFile())));
		}
		throw new IllegalStateException("No encryption key for secrets: set APP_TENANTS_ENCRYPTION_KEY to the base64 "
				+ "of 32 random bytes (for example: openssl rand -base64 32)");
	}

	private static byte[] checked(byte[] key) {
		if (key.length != 32) {
			throw new IllegalStateException("The secrets encryption key must be 32 bytes (base64 of 32 random bytes)");
		}
		return key;
	}

	private static String readOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file).trim();
			}
			var key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			log.warn("Demo mode: generated a secrets encryption key in {}. Production sets APP_TENANTS_ENCRYPTION_KEY.",
					file);
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
