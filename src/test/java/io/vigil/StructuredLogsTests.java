package io.vigil;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production's logs (the prod profile turns this on): one JSON object per line, with the
 * context fields.
 */
@VigilIntegrationTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class StructuredLogsTests {

	@Autowired
	Simulation simulation;

	@Test
	void logLinesAreJsonWithOrganizationTenantAndIncident(CapturedOutput output) {
		var msp = simulation.organization("Logged MSP");
		var organization = msp.id();
		var entra = simulation.simulator().tenants().getFirst();
		var tenant = msp.connect(entra.entraTenantId(), entra.displayName());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !simulation.incidents().recent(organization, tenant, 1).isEmpty());
		var json = JsonMapper.builder().build();
		var opened = output.getOut().lines().filter(line -> line.contains("opened:")).findFirst().orElseThrow();
		var entry = json.readTree(opened);
		assertThat(entry.path("organization").asString()).isEqualTo(organization.value().toString());
		assertThat(entry.path("tenant").asString()).isEqualTo(tenant.value().toString());
		assertThat(entry.path("incident").asString()).isNotBlank();
		assertThat(entry.path("message").asString()).startsWith("Incident ");
		assertThat(output.getOut().lines().filter(line -> line.startsWith("{")).count()).isPositive();
	}

}
