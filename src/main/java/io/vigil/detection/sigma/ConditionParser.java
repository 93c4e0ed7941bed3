package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses Sigma conditions: {@code and}, {@code or}, {@code not}, parentheses,
 * {@code 1 of} / {@code any of} / {@code all of} a search name pattern with {@code *} or
 * {@code them} (every search not starting with {@code _}). Precedence, loosest first: or,
 * and, not, x of, parentheses.
 */
final class ConditionParser {

	private static final Pattern TOKENS = Pattern.compile("\\(|\\)|[^\\s()]+");

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_*]+");

	private final String source;

	private final int line;

	private final List<String> names;

	private final List<String> tokens = new ArrayList<>();

	private int position;

	private int depth;

	private ConditionParser(String source, int line, String condition, List<String> names) {
		this.source = source;
		this.line = line;
		this.names = names;
		var matcher = TOKENS.matcher(condition);
		while (matcher.find()) {
			if (tokens.size() == RuleLimits.MAX_CONDITION_TOKENS) {
				throw error("more than " + RuleLimits.MAX_CONDITION_TOKENS + " words and parentheses");
			}
			tokens.add(matcher.group());
		}
	}

	/**
	 * @param names the rule's search identifiers; a condition's index refers to this list
	 */
	static Condition parse(String source, int line, String condition, List<String> names) {
		var parser = new ConditionParser(source, line, condition, names);
		if (parser.tokens.isEmpty()) {
			throw new SigmaException(source, line, "the condition is empty");
		}
		var result = parser.or();
		if (parser.position < parser.tokens.size()) {
			throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
		}
		return result;
	}

	private Condition or() {
		var operands = new ArrayList<Condition>(List.of(and()));
		while (accept("or")) {
			operands.add(and());
		}
		return operands.size() == 1 ? operands.getFirst() : new Condition.Or(operands);
	}

	private Condition and() {
		var operands = new ArrayList<Condition>(List.of(not()));
		while (accept("and")) {
			operands.add(not());
		}
		return operands.size() == 1 ? operands.getFirst() : new Condition.And(operands);
	}

	private Condition not() {
		if (accept("not")) {
			enter();
			var negated = new Condition.Not(not());
			depth--;
			return negated;
		}
		return primary();
	}

	private Condition primary() {
		var token = next("a search, 'not', 'x of' or '('");
		if (token.equals("(")) {
			enter();
			var inner = or();
			if (!accept(")")) {
				throw error("missing ')'");
			}
			depth--;
			return inner;
		}
		if ((token.equals("1") || token.equals("any") || token.equals("all")) && accept("of")) {
			return quantified(!token.equals("all"), next("a search pattern or 'them'"));
		}
		if (token.equals(")") || token.equals("and") || token.equals("or") || token.equals("of")) {
			throw error("unexpected '" + token + "'");
		}
		var index = names.indexOf(token);
		if (index < 0) {
			throw error("the condition names '" + token + "', which is not a search of this rule");
		}
		return new Condition.Search(index);
	}

	private Condition quantified(boolean any, String target) {
		if (!target.equals("them") && !IDENTIFIER.matcher(target).matches()) {
			throw error("'" + target + "' is not a search name pattern");
		}
		var pattern = Pattern.compile(Pattern.quote(target).replace("*", "\\E.*\\Q"));
		var operands = new ArrayList<Condition>();
		for (int i = 0; i < names.size(); i++) {
			var name = names.get(i);
			var matches = target.equals("them") ? !name.startsWith("_") : pattern.matcher(name).matches();
			if (matches) {
				operands.add(new Condition.Search(i));
			}
		}
		if (operands.isEmpty()) {
			throw error("'" + target + "' matches no search of this rule");
		}
		return any ? new Condition.Or(operands) : new Condition.And(operands);
	}

	/**
	 * Nesting is bounded here, not by the thread's stack: a deep condition is a load
	 * error, not a crash.
	 */
	private void enter() {
		if (++depth > RuleLimits.MAX_CONDITION_DEPTH) {
			throw error("nested deeper than " + RuleLimits.MAX_CONDITION_DEPTH + " levels of parentheses or 'not'");
		}
	}

	private boolean accept(String token) {
		if (position < tokens.size() && tokens.get(position).equals(token)) {
			position++;
			return true;
		}
		return false;
	}

	private String next(String expected) {
		if (position >= tokens.size()) {
			throw error("the condition ends where " + expected + " was expected");
		}
		return tokens.get(position++);
	}

	private SigmaException error(String problem) {
		return new SigmaException(source, line, "condition: " + problem);
	}

}
