package io.vigil.graph.http;

import java.util.concurrent.TimeUnit;

import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.graph.simulator.SimulatedPages;
import io.vigil.shared.MemberSelection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reading a Graph sign-in page costs per sign-in (JMH): the page of 1,000 records
 * the simulator serves (3-12 KB each), through {@link SignInRecordReader} into the trees
 * rules evaluate, the columns and the bytes kept for storage. CPU and, with
 * {@code -Dbenchmark.profiler=gc}, bytes allocated per sign-in. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=SignInReaderBenchmark}; results in
 * {@code target/benchmarks/reader.json}, figures in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignInReaderBenchmark {

	static final int PAGE = 1000;

	private SignInRecordReader reader;

	private byte[] page;

	/**
	 * Trees of every member, or of those the rules Vigil ships read (what a poller asks
	 * for by default).
	 */
	@Param({ "every", "rules" })
	public String members;

	private MemberSelection selection;

	@Setup
	public void setUp() {
		reader = new SignInRecordReader(JsonMapper.builder().build());
		page = SimulatedPages.page(PAGE);
		selection = "rules".equals(members)
				? RuleLibrary.defaults(CloudflareNetworks::snapshot).ruleBook(Placeholders.NONE).members()
				: MemberSelection.ALL;
	}

	@Benchmark
	@OperationsPerInvocation(PAGE)
	public int readPage() {
		return reader.read(page, selection).signIns().size();
	}

	@Test
	@Tag("benchmark")
	void run() throws Exception {
		io.vigil.Jmh.run(getClass(), "reader");
	}

	@Test
	void theBenchmarkPageIsAFullPageOfSignIns() {
		members = "rules";
		setUp();
		assertThat(selection.all()).isFalse();
		var read = reader.read(page);
		assertThat(read.signIns()).hasSize(PAGE);
		assertThat(read.malformed()).isEmpty();
		assertThat(page.length / PAGE).as("average record size").isBetween(5_000, 9_000);
	}

}
