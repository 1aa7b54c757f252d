/*
 * Copyright 2026 the bootd authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.bootd.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The {@code daemon.*} properties and {@code spring.application.name}, read before Spring
 * Boot loads the configuration, for the answers that need nothing else: whether the
 * daemon runs ({@code --daemon.action=status}) and whether a start finds it running
 * already. They come from where Spring Boot would take them, with its precedence: the
 * command line over system properties over the environment over the configuration files
 * in Spring Boot's default locations.
 * <p>
 * The reading is certain or it is nothing: whatever could make Spring Boot see other
 * values than this class does — a profile, a moved or imported configuration file
 * ({@code spring.config.*}, {@code spring.profiles.*}, {@code SPRING_APPLICATION_JSON}),
 * an {@code application-default} file, a placeholder, a {@code daemon.*} key bootd does
 * not know (which earns a warning that only the full loading prints), a value set twice
 * differently, or YAML beyond plain nested mappings — and {@link #read} returns
 * {@code null}, so that Spring Boot loads the configuration and bootd decides from that.
 *
 * @author bootd authors
 */
public final class EarlyConfiguration {

	private static final String[] FILES = { "application.properties", "application.yaml", "application.yml" };

	/** Loaded with the default profile, which this class does not read. */
	private static final String[] DEFAULT_PROFILE_FILES = { "application-default.properties",
			"application-default.yaml", "application-default.yml" };

	/** Spring Boot's default locations within the class path and the launch directory. */
	private static final String[] LOCATIONS = { "", "config/" };

	/** Properties that change which files Spring Boot reads, normalized. */
	private static final String[] RELOCATING = { "spring.config.", "spring.profiles.", "spring.application.json" };

	private static final String NAME = "spring.application.name";

	/** The {@code daemon.*} keys, normalized: lower case, without dashes. */
	private static final Set<String> DAEMON_KEYS = daemonKeys();

	/**
	 * A YAML plain value that is a boolean or null to SnakeYAML, not the text it shows.
	 */
	private static final Pattern YAML_SPECIAL = Pattern.compile("(?i)yes|no|on|off|y|n|~|null");

	private final Map<String, String> values;

	private EarlyConfiguration(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Read the properties that find the daemon.
	 * @param args the application's arguments
	 * @param environment the process environment
	 * @param launchDirectory the working directory at launch
	 * @param classLoader the application's class loader
	 * @param libraries whether to look for configuration files in the application's
	 * libraries too, which opens every jar: without, a file only a library holds is
	 * missed, which only a confirming second reading may do
	 * @return the properties, or {@code null} when they cannot be known for certain
	 * before Spring Boot loads the configuration
	 */
	public static @Nullable EarlyConfiguration read(String[] args, Map<String, String> environment,
			Path launchDirectory, @Nullable ClassLoader classLoader, boolean libraries) {
		if (classLoader == null) {
			return null;
		}
		Map<String, String> files = new HashMap<>();
		for (String location : LOCATIONS) {
			for (String file : DEFAULT_PROFILE_FILES) {
				if (Files.exists(launchDirectory.resolve(location + file))
						|| resource(classLoader, location + file, libraries) != null) {
					return null;
				}
			}
			for (String file : FILES) {
				URL resource = resource(classLoader, location + file, libraries);
				if (resource != null && !readFile(read(resource), file, files)) {
					return null;
				}
				Path path = launchDirectory.resolve(location + file);
				if (Files.isRegularFile(path) && !readFile(read(path), file, files)) {
					return null;
				}
			}
		}
		if (profileDirectories(launchDirectory.resolve("config"))) {
			return null;
		}
		Map<String, String> values = new HashMap<>(files);
		if (!readEnvironment(environment, values) || !readSystemProperties(values) || !readArguments(args, values)) {
			return null;
		}
		for (String value : values.values()) {
			if (value == null || value.contains("${")) {
				return null;
			}
		}
		return new EarlyConfiguration(values);
	}

	/**
	 * Return a property.
	 * @param name the property's canonical name, such as {@code daemon.pid-file}
	 * @return its value, or {@code null} when it is not set
	 */
	public @Nullable String get(String name) {
		return this.values.get(normalize(name));
	}

	/**
	 * Return a {@code daemon.*} property.
	 * @param key the key
	 * @return its value, or {@code null} when it is not set
	 */
	public @Nullable String get(DaemonKey key) {
		return get(key.property());
	}

	private static Set<String> daemonKeys() {
		Set<String> keys = new HashSet<>();
		for (DaemonKey key : DaemonKey.values()) {
			keys.add(normalize(key.property()));
		}
		return keys;
	}

	/**
	 * Spring Boot's relaxed form of a property name as far as this class accepts it:
	 * {@code daemon.pid-file}, {@code daemon.pidFile} and {@code DAEMON.PID-FILE} are one
	 * property. An underscore or an index is not accepted: such a name is not known.
	 */
	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "");
	}

	/**
	 * Keep a property if it is one this class reads; return {@code false} when it makes
	 * the reading uncertain.
	 */
	private static boolean accept(String name, @Nullable String value, Map<String, String> into) {
		String key = normalize(name);
		if (key.startsWith("daemon.")) {
			if (!DAEMON_KEYS.contains(key)) {
				return false;
			}
		}
		else if (key.startsWith("spring.")) {
			for (String relocating : RELOCATING) {
				if (key.startsWith(relocating)) {
					return false;
				}
			}
			if (!NAME.equals(key)) {
				return true;
			}
		}
		else {
			return true;
		}
		if (value == null) {
			return false;
		}
		into.put(key, value);
		return true;
	}

	private static boolean readArguments(String[] args, Map<String, String> values) {
		Map<String, String> arguments = new HashMap<>();
		for (String arg : args) {
			if (arg.equals("--")) {
				return false;
			}
			if (!arg.startsWith("--")) {
				continue;
			}
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(2, equals) : arg.substring(2);
			// Spring Boot joins repeated options with commas: a value this class would
			// not see
			if (interesting(name) && (equals < 0 || arguments.containsKey(normalize(name))
					|| !accept(name, arg.substring(equals + 1), arguments))) {
				return false;
			}
		}
		values.putAll(arguments);
		return true;
	}

	private static boolean readSystemProperties(Map<String, String> values) {
		Map<String, String> properties = new HashMap<>();
		for (String name : System.getProperties().stringPropertyNames()) {
			if (interesting(name) && (properties.containsKey(normalize(name))
					|| !accept(name, System.getProperty(name), properties))) {
				return false;
			}
		}
		values.putAll(properties);
		return true;
	}

	/**
	 * Environment variables as Spring Boot maps them: {@code DAEMON_PIDFILE} and the
	 * legacy {@code DAEMON_PID_FILE} are {@code daemon.pid-file}. Any other spelling of a
	 * {@code DAEMON_} or {@code SPRING_} variable this class reads is not accepted.
	 */
	private static boolean readEnvironment(Map<String, String> environment, Map<String, String> values) {
		Map<String, String> variables = new HashMap<>();
		for (Map.Entry<String, String> entry : environment.entrySet()) {
			String variable = entry.getKey();
			String upper = variable.toUpperCase(Locale.ROOT);
			if (!upper.startsWith("DAEMON_") && !upper.startsWith("SPRING_") && !interesting(variable)) {
				continue;
			}
			if (!variable.equals(upper) || variable.contains(".") || variable.contains("-")) {
				return false;
			}
			if (upper.startsWith("SPRING_CONFIG_") || upper.startsWith("SPRING_PROFILES_")
					|| upper.equals("SPRING_APPLICATION_JSON")) {
				return false;
			}
			String key = null;
			if (upper.equals("SPRING_APPLICATION_NAME")) {
				key = NAME;
			}
			else if (upper.startsWith("DAEMON_")) {
				key = daemonKey(upper);
				if (key == null) {
					return false;
				}
			}
			if (key != null && (variables.containsKey(key) || !accept(key, entry.getValue(), variables))) {
				return false;
			}
		}
		values.putAll(variables);
		return true;
	}

	private static @Nullable String daemonKey(String variable) {
		String rest = variable.substring(DaemonKey.PREFIX.length() + 1);
		String joined = DaemonKey.PREFIX + "." + rest.replace("_", "").toLowerCase(Locale.ROOT);
		if (DAEMON_KEYS.contains(joined) && (rest.indexOf('_') < 0 || legacy(rest))) {
			return joined;
		}
		return null;
	}

	/** Whether {@code PID_FILE} is the legacy form of a known key, not an accident. */
	private static boolean legacy(String rest) {
		return Stream.of(DaemonKey.values()).map(DaemonKey::name).anyMatch(rest::equals);
	}

	private static boolean interesting(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith("daemon.") || lower.startsWith("spring.");
	}

	/**
	 * Spring Boot also reads {@code config/*}{@code /} directories below the launch
	 * directory: one that holds a configuration file is more than this class reads.
	 */
	private static boolean profileDirectories(Path config) {
		if (!Files.isDirectory(config)) {
			return false;
		}
		try (Stream<Path> children = Files.list(config)) {
			return children.filter(Files::isDirectory).anyMatch((directory) -> {
				try (Stream<Path> files = Files.list(directory)) {
					return files.anyMatch((file) -> file.getFileName().toString().startsWith("application"));
				}
				catch (IOException ex) {
					return true;
				}
			});
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static @Nullable URL resource(ClassLoader classLoader, String name, boolean libraries) {
		URL classes = EarlyLaunchHint.applicationClasses(classLoader);
		if (classes != null) {
			try {
				URL resource = new URL(classes, name);
				try (InputStream input = resource.openStream()) {
					return resource;
				}
			}
			catch (IOException ex) {
				// Not among the application's own classes
			}
		}
		return (libraries || classes == null) ? classLoader.getResource(name) : null;
	}

	/** Spring Boot reads properties files as ISO-8859-1 and YAML as UTF-8. */
	private static @Nullable String read(URL resource) {
		try (InputStream input = resource.openStream()) {
			return decode(input.readAllBytes(), resource.getPath());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static @Nullable String read(Path path) {
		try {
			return decode(Files.readAllBytes(path), path.toString());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String decode(byte[] bytes, String name) {
		Charset charset = name.endsWith(".properties") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
		return new String(bytes, charset);
	}

	/**
	 * Read one file into the values of all files. A key that two files set differently
	 * makes the reading uncertain rather than this class decide which file wins.
	 */
	private static boolean readFile(@Nullable String content, String file, Map<String, String> files) {
		if (content == null) {
			return false;
		}
		Map<String, String> values = new HashMap<>();
		boolean read = file.endsWith(".properties") ? readProperties(content, values) : readYaml(content, values);
		if (!read) {
			return false;
		}
		for (Map.Entry<String, String> entry : values.entrySet()) {
			String earlier = files.putIfAbsent(entry.getKey(), entry.getValue());
			if (earlier != null && !earlier.equals(entry.getValue())) {
				return false;
			}
		}
		return true;
	}

	private static boolean readProperties(String content, Map<String, String> values) {
		// Spring Boot's multi-document separators, behind which a document may activate
		// on a profile
		for (String line : content.split("\r\n|\r|\n")) {
			if (line.equals("#---") || line.equals("!---")) {
				return false;
			}
		}
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(content));
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
		for (String name : properties.stringPropertyNames()) {
			if (!accept(name, properties.getProperty(name), values)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Read YAML made of nested block mappings with plain or quoted scalar values, which
	 * is how configuration files are written; anything else (several documents, flow
	 * collections, anchors, tags, block scalars, a value over several lines, indentation
	 * SnakeYAML would refuse) returns {@code false}. The content of a sequence is
	 * skipped: its properties are indexed, never one this class reads.
	 */
	static boolean readYaml(String content, Map<String, String> values) {
		Deque<Mapping> open = new ArrayDeque<>();
		Mapping root = new Mapping(-1, "");
		open.push(root);
		int sequence = -1;
		for (String line : content.split("\r\n|\r|\n")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int indent = indentation(line);
			if (indent < 0) {
				return false;
			}
			if (sequence >= 0) {
				if (indent > sequence) {
					continue;
				}
				sequence = -1;
			}
			if (indent == 0 && (trimmed.startsWith("---") || trimmed.startsWith("...") || trimmed.startsWith("%"))) {
				return false;
			}
			while (open.peek().indent >= indent) {
				if (!close(open.pop(), values)) {
					return false;
				}
			}
			Mapping parent = open.peek();
			if (trimmed.equals("-") || trimmed.startsWith("- ")) {
				sequence = indent;
				parent.children++;
				continue;
			}
			if (parent.childIndent < 0) {
				parent.childIndent = indent;
			}
			else if (parent.childIndent != indent) {
				return false;
			}
			Entry entry = Entry.parse(trimmed);
			if (entry == null) {
				return false;
			}
			parent.children++;
			String path = parent.path.isEmpty() ? entry.key() : parent.path + "." + entry.key();
			if (entry.kind() == Kind.MAPPING) {
				open.push(new Mapping(indent, path));
				continue;
			}
			if (entry.kind() == Kind.BLOCK) {
				// The lines of a block scalar are deeper than its key
				sequence = indent;
			}
			if (entry.kind() != Kind.SCALAR) {
				// A value this class does not read: fine unless it is one it needs
				if (!accept(path, null, new HashMap<>())) {
					return false;
				}
			}
			else if (values.containsKey(normalize(path)) || !accept(path, entry.value(), values)) {
				// SnakeYAML refuses a key twice in one mapping
				return false;
			}
		}
		while (open.size() > 1) {
			if (!close(open.pop(), values)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A key without a value and without children is null (empty) to Spring Boot: fine for
	 * any property but those this class reads.
	 */
	private static boolean close(Mapping mapping, Map<String, String> values) {
		return mapping.children > 0 || accept(mapping.path, null, new HashMap<>());
	}

	/**
	 * The number of leading spaces, or -1 when a tab indents the line, which YAML
	 * forbids.
	 */
	private static int indentation(String line) {
		int indent = 0;
		while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) {
			if (line.charAt(indent) != ' ') {
				return -1;
			}
			indent++;
		}
		return indent;
	}

	/** A YAML mapping being read. */
	private static final class Mapping {

		private final int indent;

		private final String path;

		private int childIndent = -1;

		private int children;

		Mapping(int indent, String path) {
			this.indent = indent;
			this.path = path;
		}

	}

	/** What follows the key of a YAML line. */
	enum Kind {

		/** A plain or quoted scalar, read. */
		SCALAR,

		/** Nothing: the key opens a mapping or a sequence. */
		MAPPING,

		/** A block scalar, whose lines follow deeper. */
		BLOCK,

		/**
		 * A flow collection on the line, or a plain scalar that SnakeYAML turns into a
		 * boolean or null: not the text it shows.
		 */
		OPAQUE

	}

	/**
	 * One {@code key: value} line of YAML.
	 *
	 * @param key the key
	 * @param value the scalar value, {@code null} unless the kind is a scalar
	 * @param kind what the value is
	 */
	record Entry(String key, @Nullable String value, Kind kind) {

		/**
		 * Anchors, aliases, tags, reserved and indicator characters: more than this class
		 * reads.
		 */
		private static final String SPECIAL_STARTS = "&*!@`%?,";

		static @Nullable Entry parse(String line) {
			int colon = keyEnd(line);
			if (colon < 0) {
				return null;
			}
			String key = line.substring(0, colon).strip();
			if (key.isEmpty() || SPECIAL_STARTS.indexOf(key.charAt(0)) >= 0 || "\"'[{|>-".indexOf(key.charAt(0)) >= 0
					|| key.contains("[")) {
				return null;
			}
			String rest = line.substring(colon + 1).strip();
			if (rest.isEmpty() || rest.startsWith("#")) {
				return new Entry(key, null, Kind.MAPPING);
			}
			return value(key, rest);
		}

		/**
		 * Where a key ends: the first colon followed by a space or the end of the line.
		 */
		private static int keyEnd(String line) {
			for (int i = 0; i < line.length(); i++) {
				if (line.charAt(i) == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
					return i;
				}
			}
			return -1;
		}

		private static @Nullable Entry value(String key, String text) {
			char first = text.charAt(0);
			if (first == '\'' || first == '"') {
				int close = text.indexOf(first, 1);
				// Escapes and doubled quotes are more than this class reads
				if (close < 0 || text.substring(1, close).contains("\\")
						|| (close + 1 < text.length() && text.charAt(close + 1) == first)) {
					return null;
				}
				String after = text.substring(close + 1).strip();
				return (after.isEmpty() || after.startsWith("#"))
						? new Entry(key, text.substring(1, close), Kind.SCALAR) : null;
			}
			int comment = text.indexOf(" #");
			String value = ((comment >= 0) ? text.substring(0, comment) : text).strip();
			if (first == '|' || first == '>') {
				return new Entry(key, null, Kind.BLOCK);
			}
			if ((first == '[' && value.endsWith("]") && value.indexOf('[', 1) < 0)
					|| (first == '{' && value.endsWith("}") && value.indexOf('{', 1) < 0)) {
				return new Entry(key, null, Kind.OPAQUE);
			}
			if (SPECIAL_STARTS.indexOf(first) >= 0 || first == '[' || first == '{' || value.startsWith("- ")
					|| value.contains(": ") || value.endsWith(":")) {
				return null;
			}
			return YAML_SPECIAL.matcher(value).matches() ? new Entry(key, null, Kind.OPAQUE)
					: new Entry(key, value, Kind.SCALAR);
		}

	}

}
