package io.vigil.graph.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vigil.graph.simulator.SimulatorScenario.Faults;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code /beta/auditLogs/signIns} page body exactly as the simulator serves it, built
 * without a server: for benchmarks of what reads pages.
 */
public final class SimulatedPages {

	private SimulatedPages() {
	}

	/**
	 * The first {@code size} sign-ins of a busy tenant as one page, without a nextLink.
	 */
	public static byte[] page(int size) {
		var tenant = new TenantScenario("00000000-0000-4000-8000-00000000page", "Pages", "pages.example", 200,
				Duration.ofHours(3), Duration.ofHours(1), size / 60.0, 0.5, 0, Duration.ZERO, 0, 0, true, false,
				Faults.NONE, List.of(), List.of(), false);
		var timeline = new SignInTimeline(tenant, 99, Instant.parse("2026-11-30T12:00:00Z"));
		var signIns = timeline.between(timeline.start(), timeline.start().plus(Duration.ofHours(3)));
		var renderer = new SignInRenderer(JsonMapper.builder().build());
		var body = new ByteArrayOutputStream(size * 8192);
		body.writeBytes("{\"@odata.context\":\"https://graph.example/beta/$metadata#auditLogs/signIns\",\"value\":["
			.getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < Math.min(size, signIns.size()); i++) {
			if (i > 0) {
				body.write(',');
			}
			renderer.render(signIns.get(i), tenant.tenantId(), body);
		}
		body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

}
