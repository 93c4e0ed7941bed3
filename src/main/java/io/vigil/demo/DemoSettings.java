package io.vigil.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled connect the simulator's tenants to a demo organization at start
 * @param organizationName the demo organization's name
 */
@ConfigurationProperties("app.demo")
record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("Demo MSP") String organizationName) {
}
