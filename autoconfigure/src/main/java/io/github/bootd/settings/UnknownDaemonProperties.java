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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Finds the {@code daemon.*} properties that bootd does not know, in every property
 * source (command line, configuration files, {@code DAEMON_*} environment variables,
 * system properties), each with the known property nearest to it. A misspelled key is
 * otherwise ignored without a word: {@code daemon.enable: true} leaves bootd off, and the
 * command runs in the foreground when the user expected it to detach.
 * <p>
 * An unknown key is reported, never refused: a configuration written for a newer bootd
 * may meet an older one.
 *
 * @author bootd authors
 */
public final class UnknownDaemonProperties {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(DaemonKey.PREFIX);

	/** The properties bootd binds, one for each field of {@link DaemonProperties}. */
	private static final List<ConfigurationPropertyName> KNOWN = Arrays.stream(DaemonKey.values())
		.map((key) -> PREFIX.append(key.key()))
		.sorted()
		.toList();

	private UnknownDaemonProperties() {
	}

	/**
	 * Return one warning for each unknown {@code daemon.*} property, highest precedence
	 * first, such as {@code unknown property daemon.umaks (from ...); did you mean
	 * daemon.umask?}.
	 * @param environment the environment to look in
	 * @return the warnings, empty when every {@code daemon.*} property is known
	 */
	public static List<String> find(ConfigurableEnvironment environment) {
		Map<ConfigurationPropertyName, String> unknown = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			List<String> knownOrigins = KNOWN.stream()
				.map(source::getConfigurationProperty)
				.filter(Objects::nonNull)
				.map(ConfigurationProperty::getOrigin)
				.filter(Objects::nonNull)
				.map(Object::toString)
				.toList();
			iterable.filter(PREFIX::isAncestorOf).forEach((name) -> {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				Origin origin = (property != null) ? property.getOrigin() : null;
				// ConfigurationPropertyName's equality is the binder's (daemon.pidFile
				// and daemon.pidfile bind to daemon.pid-file); an environment variable is
				// known when binding a known property reads it (DAEMON_PID_FILE,
				// DAEMON_PIDFILE)
				boolean known = KNOWN.contains(name) || (origin != null && knownOrigins.contains(origin.toString()));
				if (!known && !unknown.containsKey(name)) {
					unknown.put(name, warning(name, origin));
				}
			});
		}
		return List.copyOf(unknown.values());
	}

	private static String warning(ConfigurationPropertyName name, @Nullable Origin origin) {
		String from = (origin != null) ? " (from " + origin + ")" : "";
		String nearest = suggest(name.toString());
		return "unknown property " + name + from + " is ignored; "
				+ ((nearest != null) ? "did you mean " + nearest + "?"
						: "bootd knows " + KNOWN.stream().map(Object::toString).collect(Collectors.joining(", ")));
	}

	/**
	 * Return the known property nearest to an unknown one by edit distance (a
	 * transposition, as in {@code umaks}, counts as one edit; a known name that starts
	 * with the unknown one is one edit away), or {@code null} when none is near enough to
	 * be a likely misspelling.
	 * @param unknown an unknown {@code daemon.*} property name
	 * @return the suggestion or {@code null}
	 */
	static @Nullable String suggest(String unknown) {
		String key = unknown.substring(PREFIX.toString().length() + 1);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (ConfigurationPropertyName known : KNOWN) {
			String candidate = known.toString().substring(PREFIX.toString().length() + 1);
			// A shortened name (working-dir) is as near as a slip of the keyboard
			int distance = (key.length() >= 3 && candidate.startsWith(key)) ? 1 : distance(key, candidate);
			if (distance < bestDistance) {
				best = known.toString();
				bestDistance = distance;
			}
		}
		// Beyond about a third of the word it is another word, not a slip of the keyboard
		return (bestDistance <= Math.max(2, key.length() / 3)) ? best : null;
	}

	/**
	 * The optimal string alignment distance: insertions, deletions, substitutions and
	 * transpositions of adjacent characters, each costing one.
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
