package io.vigil.graph;

/**
 * Graph refused the request as such (400, 404): the user does not exist, the body is
 * wrong. Retrying will not help.
 */
public final class GraphRequestRefused extends GraphException {

	private final int status;

	private final String graphCode;

	public GraphRequestRefused(int status, String graphCode, String message) {
		super(message, null);
		this.status = status;
		this.graphCode = graphCode;
	}

	public int status() {
		return status;
	}

	public String graphCode() {
		return graphCode;
	}

}
