package io.vigil.tenants;

import io.vigil.shared.Secret;

import org.springframework.stereotype.Service;

/**
 * Encrypts other modules' secrets (an account's TOTP key) with the same key and cipher as
 * the tenants' client secrets, so there is one key to manage and one place that holds it.
 */
@Service
public class SecretSealing {

	private final SecretCipher cipher;

	SecretSealing(SecretCipher cipher) {
		this.cipher = cipher;
	}

	/**
	 * @param context binds the ciphertext to what it belongs to (it does not decrypt
	 * elsewhere)
	 */
	public byte[] seal(Secret secret, String context) {
		return cipher.encrypt(secret, "sealed:" + context);
	}

	public Secret open(byte[] sealed, String context) {
		return cipher.decrypt(sealed, "sealed:" + context);
	}

	/**
	 * 32 bytes for another purpose (a database password, a MAC key), derived from the
	 * secrets key.
	 */
	public byte[] derivedKey(String purpose) {
		return cipher.derive(purpose);
	}

}
