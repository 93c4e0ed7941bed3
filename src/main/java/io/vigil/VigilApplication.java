package io.vigil;

import java.util.Arrays;

import io.vigil.graph.GraphSimulatorCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vigil: identity threat detection and response for MSPs.
 * <p>
 * {@code java -jar vigil.jar} runs the application; {@code java -jar vigil.jar simulator} runs only the
 * Microsoft Graph simulator, standalone, for pointing a separately started Vigil (or curl) at it.
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
		SpringApplication.run(VigilApplication.class, args);
	}

}
