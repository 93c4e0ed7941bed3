package io.vigil.security;

/**
 * A request about an account that cannot be carried out; the message is fit to show on
 * the form.
 */
public class AccountException extends RuntimeException {

	public AccountException(String message) {
		super(message);
	}

}
