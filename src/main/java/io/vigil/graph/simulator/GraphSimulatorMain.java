package io.vigil.graph.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Graph simulator on its own:
 * {@code java -jar vigil.jar simulator [--port 8443] [--scenario file.yml]
 * [--certificate-out file.pem]}. Point Vigil at it with {@code app.graph.login-base-url},
 * {@code app.graph.graph-base-url} and {@code app.graph.trusted-certificate-file}.
 */
public final class GraphSimulatorMain {

	private GraphSimulatorMain() {
	}

	public static void run(String[] args) throws IOException, InterruptedException {
		int port = 8443;
		String scenarioFile = null;
		var certificateOut = Path.of(".vigil/simulator-certificate.pem");
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--port" -> port = Integer.parseInt(args[i + 1]);
				case "--scenario" -> scenarioFile = args[i + 1];
				case "--certificate-out" -> certificateOut = Path.of(args[i + 1]);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		SimulatorScenario scenario;
		try (InputStream in = scenarioFile == null ? GraphSimulatorMain.class.getResourceAsStream("/simulator/demo.yml")
				: Files.newInputStream(Path.of(scenarioFile))) {
			scenario = SimulatorScenario.load(in);
		}
		var simulator = GraphSimulator.start(scenario, Clock.systemUTC(), port);
		Files.createDirectories(certificateOut.toAbsolutePath().getParent());
		Files.writeString(certificateOut, simulator.certificatePem());
		System.out.println("Graph simulator on " + simulator.baseUrl() + "; its certificate is in " + certificateOut);
		System.out.println("client id " + scenario.clientId() + ", tenants "
				+ scenario.tenants().stream().map(t -> t.tenantId() + " (" + t.displayName() + ")").toList());
		Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
		new CountDownLatch(1).await();
	}

}
