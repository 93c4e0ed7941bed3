package io.vigil.detection.sigma;

/** A rule that cannot be loaded: names the file, the line and what is wrong. */
public final class SigmaException extends RuntimeException {

	private final String source;

	private final int line;

	public SigmaException(String source, int line, String problem) {
		super(source + ":" + line + ": " + problem);
		this.source = source;
		this.line = line;
	}

	public String source() {
		return source;
	}

	/** 1-based line in the file. */
	public int line() {
		return line;
	}

}
