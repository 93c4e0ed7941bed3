package io.vigil.detection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.RuleMatch;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.detection.sigma.SigmaException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Detection as code:
 * {@code java -jar vigil.jar detect --events FILE.jsonl [--rules DIR]... [--explain]}
 * evaluates the built-in rules (and the shipped Sigma rules unless
 * {@code --no-default-rules}) plus the given Sigma rules over Graph sign-in records, one
 * JSON object per line, and prints one JSON line per match. No database, no server.
 * <p>
 * Exit status: 0 when every line was evaluated; 1 when some event lines could not be read
 * (each is reported on stderr with its line number, the others are still evaluated); 2
 * when a rule cannot be loaded or the arguments are wrong.
 */
public final class DetectCommand {

	private static final String USAGE = "usage: detect --events FILE.jsonl [--rules DIR|FILE]... [--explain] "
			+ "[--no-default-rules]";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DetectCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		Path events = null;
		var ruleSources = new ArrayList<Path>();
		boolean explain = false;
		boolean defaults = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--events" -> events = i + 1 < args.length ? Path.of(args[++i]) : null;
				case "--rules" -> {
					if (i + 1 >= args.length) {
						return usage(err, "--rules needs a directory or file");
					}
					ruleSources.add(Path.of(args[++i]));
				}
				case "--explain" -> explain = true;
				case "--no-default-rules" -> defaults = false;
				default -> {
					return usage(err, "unknown argument '" + args[i] + "'");
				}
			}
		}
		if (events == null) {
			return usage(err, "--events FILE.jsonl is required");
		}
		RuleBook book;
		try {
			var library = defaults ? RuleLibrary.defaults(CloudflareNetworks::snapshot)
					: RuleLibrary.builtIn(CloudflareNetworks::snapshot);
			for (var source : ruleSources) {
				if (!Files.exists(source)) {
					throw new SigmaException(source.toString(), 0, "no such file or directory");
				}
				library.addSigma(source);
			}
			book = library.ruleBook(Placeholders.NONE);
		}
		catch (SigmaException ex) {
			err.println("error: " + ex.getMessage());
			return 2;
		}
		book.statuses()
			.stream()
			.filter(status -> status.state() != RuleStatus.State.READY)
			.forEach(status -> err.println("not evaluated: " + status.metadata().id() + " (" + status.metadata().title()
					+ "): " + status.reason()));
		return evaluate(book, events, explain, out, err);
	}

	private static int evaluate(RuleBook book, Path events, boolean explain, PrintStream out, PrintStream err) {
		int unreadable = 0;
		try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
			int number = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				try {
					report(book.evaluate(new SignInEvent(record(line))), explain, out);
				}
				catch (JacksonException | IllegalArgumentException ex) {
					unreadable++;
					err.println("error: " + events + ":" + number + ": not a JSON object: " + firstLine(ex));
				}
			}
		}
		catch (IOException ex) {
			return usage(err, "cannot read " + events + ": " + ex.getMessage());
		}
		out.flush();
		return unreadable == 0 ? 0 : 1;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(String line) {
		var value = JSON.readValue(line, Object.class);
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("the line holds " + (value == null ? "null" : "a JSON array or value"));
		}
		return (Map<String, Object>) map;
	}

	private static void report(List<RuleMatch> matches, boolean explain, PrintStream out) {
		for (var match : matches) {
			var line = new LinkedHashMap<String, Object>();
			line.put("event", match.event().id());
			line.put("rule", match.metadata().id());
			line.put("title", match.metadata().title());
			if (explain) {
				line.put("matched", match.rule().explain(match.event()));
			}
			out.println(JSON.writeValueAsString(line));
		}
	}

	private static String firstLine(Exception ex) {
		var message = String.valueOf(ex.getMessage());
		var newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	private static int usage(PrintStream err, String problem) {
		err.println("error: " + problem);
		err.println(USAGE);
		return 2;
	}

}
