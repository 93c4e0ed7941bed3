package io.vigil.detection.sigma;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What a rule file may cost to read. Rules come from MSP staff (uploads) and from
 * anyone's repository (the {@code detect} command), so a file is refused, with its line,
 * before it can take the service's memory or stack: SigmaHQ's largest rules are a few
 * KiB, nest five levels and use no aliases, so the limits leave them ample room.
 */
public final class RuleLimits {

	/** Characters in one file. */
	public static final int MAX_CHARACTERS = 256 * 1024;

	/** Nesting of maps and lists in the YAML. */
	public static final int MAX_NESTING = 32;

	/** Aliases ({@code *name}) of maps and lists in one file. */
	public static final int MAX_COLLECTION_ALIASES = 16;

	/**
	 * Characters and nodes of a document once every alias is expanded (aliases of one
	 * long text add up here).
	 */
	public static final int MAX_EXPANDED = 1_000_000;

	/** Parentheses and {@code not}s nested in one condition. */
	public static final int MAX_CONDITION_DEPTH = 64;

	/** Tokens in one condition. */
	public static final int MAX_CONDITION_TOKENS = 10_000;

	private RuleLimits() {
	}

	static LoaderOptions loaderOptions() {
		var options = new LoaderOptions();
		options.setCodePointLimit(MAX_CHARACTERS + 1);
		options.setNestingDepthLimit(MAX_NESTING);
		options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
		options.setAllowRecursiveKeys(false);
		options.setAllowDuplicateKeys(false);
		return options;
	}

	/** The file's text, refused with the line where it passes {@link #MAX_CHARACTERS}. */
	static String read(String source, Reader reader) {
		var text = new StringBuilder();
		var buffer = new char[8192];
		try {
			int read;
			while ((read = reader.read(buffer)) >= 0) {
				text.append(buffer, 0, read);
				if (text.length() > MAX_CHARACTERS) {
					var line = (int) text.substring(0, MAX_CHARACTERS).chars().filter(c -> c == '\n').count() + 1;
					throw new SigmaException(source, line,
							"the file is longer than " + MAX_CHARACTERS + " characters; a rule is a few thousand");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/**
	 * Refuses a document whose aliases expand beyond {@link #MAX_EXPANDED}, counting
	 * while it walks so that the walk itself stops early (a cycle of aliases counts
	 * forever and is refused too).
	 */
	static void checkExpandedSize(String source, Node document) {
		new Object() {

			long size;

			final IdentityHashMap<Node, Boolean> path = new IdentityHashMap<>();

			void walk(Node node) {
				size += 1 + (node instanceof ScalarNode scalar ? scalar.getValue().length() : 0);
				if (size > MAX_EXPANDED) {
					throw new SigmaException(source, line(node),
							"the rule expands to more than " + MAX_EXPANDED + " characters through its aliases");
				}
				if (path.put(node, Boolean.TRUE) != null) {
					throw new SigmaException(source, line(node), "an alias refers to itself");
				}
				if (node instanceof MappingNode mapping) {
					mapping.getValue().forEach(tuple -> {
						walk(tuple.getKeyNode());
						walk(tuple.getValueNode());
					});
				}
				else if (node instanceof SequenceNode sequence) {
					sequence.getValue().forEach(this::walk);
				}
				path.remove(node);
			}

		}.walk(document);
	}

	private static int line(Node node) {
		return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
	}

}
