package io.vigil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Graph simulator in a process of its own ({@code vigil simulator}), as harnesses
 * measuring Vigil's own CPU need it: its work does not count as Vigil's.
 */
public final class SimulatorProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Graph simulator on (\\S+);");

	private final Process process;

	private final String baseUrl;

	private final Path certificate;

	private SimulatorProcess(Process process, String baseUrl, Path certificate) {
		this.process = process;
		this.baseUrl = baseUrl;
		this.certificate = certificate;
	}

	/**
	 * Starts the simulator with a scenario (the YAML of {@code simulator/demo.yml}) on a
	 * free port and waits until it serves.
	 */
	public static SimulatorProcess start(String scenarioYaml, Path directory, String... jvmOptions) throws IOException {
		var scenario = directory.resolve("scenario.yml");
		Files.writeString(scenario, scenarioYaml);
		var certificate = directory.resolve("simulator.pem");
		var command = new java.util.ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
				VigilApplication.class.getName(), "simulator", "--port", "0", "--scenario", scenario.toString(),
				"--certificate-out", certificate.toString()));
		var process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.PIPE)
			.start();
		var started = new CompletableFuture<String>();
		Thread.ofVirtual().start(() -> {
			try (var lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					var matcher = STARTED.matcher(line);
					if (matcher.find()) {
						started.complete(matcher.group(1));
					}
				}
				started.completeExceptionally(new IllegalStateException("The simulator exited before serving"));
			}
			catch (IOException ex) {
				started.completeExceptionally(ex);
			}
		});
		try {
			return new SimulatorProcess(process, started.get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS),
					certificate);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The simulator did not start", ex);
		}
	}

	public String baseUrl() {
		return baseUrl;
	}

	public Path certificate() {
		return certificate;
	}

	public long pid() {
		return process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

}
