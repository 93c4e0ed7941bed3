package io.vigil.detection;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Where SigmaHQ's Entra ID rules are: {@code ../shared/sigma} with its folders
 * {@code signinlogs}, {@code auditlogs} and {@code riskdetection} (DRL 1.1, read where
 * they are, never copied into this repository), or {@code VIGIL_SIGMA_CORPUS}. Missing:
 * tests skip, except on CI where that is a failure.
 */
final class SigmaCorpus {

	private SigmaCorpus() {
	}

	static Path directory() {
		var configured = System.getenv("VIGIL_SIGMA_CORPUS");
		var directory = configured != null ? Path.of(configured) : Path.of("..", "shared", "sigma");
		if (!Files.isDirectory(directory)) {
			var message = "SigmaHQ Entra ID rules not found at " + directory.toAbsolutePath().normalize()
					+ " (set VIGIL_SIGMA_CORPUS to their folder)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(message + "; on CI they must be present");
			}
			Assumptions.abort(message + "; skipping the corpus test");
		}
		return directory;
	}

}
