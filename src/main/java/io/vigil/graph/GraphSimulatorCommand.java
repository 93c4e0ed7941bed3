package io.vigil.graph;

import io.vigil.graph.simulator.GraphSimulatorMain;

/**
 * {@code java -jar vigil.jar simulator ...}: runs the Graph simulator standalone (see the
 * README).
 */
public final class GraphSimulatorCommand {

	private GraphSimulatorCommand() {
	}

	public static void run(String[] args) throws Exception {
		GraphSimulatorMain.run(args);
	}

}
