package io.vigil.security;

/**
 * Enrolment refused because the account has an active second factor: it is replaced only
 * after an administrator's reset, never by someone who knows just the password.
 */
public class SecondFactorActive extends AccountException {

	SecondFactorActive() {
		super("This account has a second factor already: sign in with it, or ask an administrator to reset it");
	}

}
