package io.vigil;

import java.util.Arrays;

import io.vigil.detection.DetectCommand;
import io.vigil.graph.GraphSimulatorCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vigil: identity threat detection and response for MSPs.
 * <p>
 * {@code java -jar vigil.jar} runs the application; {@code java -jar vigil.jar simulator}
 * runs only the Microsoft Graph simulator, standalone, for pointing a separately started
 * Vigil (or curl) at it; {@code java -jar vigil.jar detect --events FILE.jsonl} evaluates
 * the rules over sign-in records, without a database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class VigilApplication {

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("simulator")) {
			GraphSimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("detect")) {
			System.exit(DetectCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(VigilApplication.class, args);
	}

}
