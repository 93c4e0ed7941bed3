package io.vigil.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * @param enabled connect the simulator's tenants to a demo organization at start
 * @param organizationName the demo organization's name
 * @param password the demo accounts' password (demo data, printed in the log)
 * @param totpKey the demo staff accounts' TOTP key (base32), so they sign in without an
 * enrolment
 */
@Profile("!prod")
@ConfigurationProperties("app.demo")
record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("Demo MSP") String organizationName,
		@DefaultValue("vigil-demo-password") String password,
		@DefaultValue("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") String totpKey) {
}
