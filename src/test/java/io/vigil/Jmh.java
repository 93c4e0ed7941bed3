package io.vigil;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a JMH benchmark class from a test: its JSON results in
 * {@code target/benchmarks/<report>.json}; {@code -Dbenchmark.include=<method>} runs one
 * benchmark, {@code -Dbenchmark.profiler=gc} adds a JMH profiler.
 */
public final class Jmh {

	private Jmh() {
	}

	public static void run(Class<?> benchmarks, String report) throws Exception {
		var results = Path.of("target", "benchmarks", report + ".json");
		Files.createDirectories(results.getParent());
		var options = new OptionsBuilder()
			.include(benchmarks.getName() + "\\." + System.getProperty("benchmark.include", ""))
			.resultFormat(ResultFormatType.JSON)
			.result(results.toString());
		if (System.getProperty("benchmark.profiler") != null) {
			options.addProfiler(System.getProperty("benchmark.profiler"));
		}
		assertThat(new Runner(options.build()).run()).isNotEmpty();
	}

}
