package io.vigil.security;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.security.*}.
 *
 * @param baseUrl where people reach Vigil, for the setup link
 * @param lockoutThreshold failed sign-ins (passwords or codes) in a row that lock an
 * account
 * @param lockoutDuration how long it stays locked
 * @param absoluteSessionTimeout how long a session lasts however active (the idle timeout
 * is {@code server.servlet.session.timeout})
 * @param bootstrap the first administrator from the environment (automated installs)
 * instead of a setup link
 */
@ConfigurationProperties("app.security")
public record SecuritySettings(@DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("5") int lockoutThreshold, @DefaultValue("PT15M") Duration lockoutDuration,
		@DefaultValue("PT8H") Duration absoluteSessionTimeout, @DefaultValue("PT24H") Duration setupLinkValidity,
		@DefaultValue Bootstrap bootstrap) {

	public record Bootstrap(@Nullable String organization, @Nullable String email, @Nullable String password) {

		boolean configured() {
			return organization != null && email != null && password != null;
		}

	}

}
