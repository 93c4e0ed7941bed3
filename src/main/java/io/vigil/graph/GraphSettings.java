package io.vigil.graph;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Vigil reaches Microsoft Graph.
 *
 * @param mode {@code live} (Microsoft, or any Graph-compatible endpoint below) or
 * {@code simulator} (the in-process simulator with its scenario)
 * @param loginBaseUrl the Entra token authority host
 * @param graphBaseUrl the Graph host
 * @param trustedCertificateFile a PEM certificate to trust instead of the JVM's CAs (a
 * standalone simulator)
 * @param requestTimeout how long one Graph request may take
 * @param budget the request budget, enforced across all replicas
 * @param simulator the in-process simulator, in simulator mode
 */
@Validated
@ConfigurationProperties("app.graph")
record GraphSettings(@DefaultValue("live") Mode mode,
		@DefaultValue("https://login.microsoftonline.com") URI loginBaseUrl,
		@DefaultValue("https://graph.microsoft.com") URI graphBaseUrl, @Nullable Path trustedCertificateFile,
		@DefaultValue("PT60S") Duration requestTimeout, @DefaultValue Budget budget,
		@DefaultValue Simulator simulator) {

	enum Mode {

		LIVE, SIMULATOR

	}

	/**
	 * @param appLimit Graph's limit per app registration across all tenants (identity
	 * reports: 122 / 10 s)
	 * @param appShare the share of {@code appLimit} Vigil uses, leaving room for other
	 * callers and clock skew
	 * @param tenantLimit Graph's limit per app and tenant (5 / 10 s)
	 * @param window the window both limits count over
	 * @param backlogShare the share a backlog (new tenants' first day, a source not read
	 * for a while) may take of the app budget that current polls leave in the window:
	 * current polls always find room, and the backlog takes what they do not need
	 */
	record Budget(@DefaultValue("122") @Positive int appLimit,
			@DefaultValue("0.9") @DecimalMin("0.01") @DecimalMax("1.0") double appShare,
			@DefaultValue("5") @Positive int tenantLimit, @DefaultValue("PT10S") Duration window,
			@DefaultValue("0.85") @DecimalMin("0.01") @DecimalMax("1.0") double backlogShare) {

		int effectiveAppLimit() {
			return Math.max(1, (int) Math.floor(appLimit * appShare));
		}

	}

	/**
	 * @param scenario the YAML scenario the simulator serves
	 * @param port its HTTPS port on 127.0.0.1; 0 picks a free one
	 */
	record Simulator(@DefaultValue("classpath:simulator/demo.yml") String scenario, @DefaultValue("0") int port) {
	}

}
