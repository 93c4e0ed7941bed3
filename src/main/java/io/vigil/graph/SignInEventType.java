package io.vigil.graph;

/**
 * The sign-in event types Vigil polls; Graph returns only interactive sign-ins unless
 * filtered for others.
 */
public enum SignInEventType {

	INTERACTIVE_USER("interactiveUser"), NON_INTERACTIVE_USER("nonInteractiveUser");

	private final String graphName;

	SignInEventType(String graphName) {
		this.graphName = graphName;
	}

	/** The value of {@code signInEventTypes} in Graph. */
	public String graphName() {
		return graphName;
	}

	public static SignInEventType fromGraphName(String name) {
		for (var type : values()) {
			if (type.graphName.equalsIgnoreCase(name)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown sign-in event type: " + name);
	}

}
