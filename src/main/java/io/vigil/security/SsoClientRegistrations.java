package io.vigil.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * Each organization's Entra app for single sign-on, read from the database when someone
 * signs in.
 */
@Component
class SsoClientRegistrations implements ClientRegistrationRepository {

	private final SingleSignOn singleSignOn;

	SsoClientRegistrations(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		return singleSignOn.registration(registrationId).orElse(null);
	}

}
