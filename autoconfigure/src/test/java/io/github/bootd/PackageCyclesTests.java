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
package io.github.bootd;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the main classes form no cycle, so that they can be read and changed
 * bottom-up ({@code process}, {@code pidfile}, settings, the root, the features,
 * {@code launch}, {@code actuate}, {@code autoconfigure}). The dependences are the
 * compiled classes' own, as the JDK's {@code jdeps} reads them from their constant pools:
 * no source convention to keep in step, and no new library.
 *
 * @author bootd authors
 */
class PackageCyclesTests {

	/**
	 * Class dependences that still close a cycle and that work under way removes. Each
	 * must still exist, so that the list only shrinks: a stale entry fails the test.
	 */
	private static final Set<String> PENDING = Set.of();

	private static final Pattern DEPENDENCE = Pattern
		.compile("^\\s+(io\\.github\\.bootd\\S*)\\s+->\\s+(io\\.github\\.bootd\\S*)\\s");

	@Test
	void mainClassesWhenCompiledShouldFormNoPackageCycle() throws Exception {
		Path classes = classesDirectory();
		Set<String> dependences = classDependences(classes);
		assertThat(dependences).as("class dependences jdeps found in %s", classes).hasSizeGreaterThan(100);
		assertThat(dependences).as("pending dependences that are gone: remove them from PENDING").containsAll(PENDING);
		Set<String> counted = new TreeSet<>(dependences);
		counted.removeAll(PENDING);
		Map<String, Set<String>> packages = packageGraph(counted);
		List<Set<String>> cycles = stronglyConnected(packages).stream().filter((scc) -> scc.size() > 1).toList();
		assertThat(cycles)
			.as("package cycles, with the class dependences that close them:%n%s", describe(cycles, counted))
			.isEmpty();
	}

	private static Path classesDirectory() throws URISyntaxException {
		Path classes = Path.of(DaemonRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(Files.isDirectory(classes)).as("%s is the main classes directory", classes).isTrue();
		return classes;
	}

	/** "a.B -> c.D" for each class of ours that uses another of ours. */
	private static Set<String> classDependences(Path classes) {
		ToolProvider jdeps = ToolProvider.findFirst("jdeps")
			.orElseThrow(() -> new AssertionError("jdeps is not in this JDK (module jdk.jdeps)"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), "-verbose:class", "-e", "io\\.github\\.bootd.*",
				classes.toString());
		assertThat(exit).as("jdeps exit status; %s", err.toString(StandardCharsets.UTF_8)).isZero();
		Set<String> dependences = new TreeSet<>();
		for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
			Matcher matcher = DEPENDENCE.matcher(line);
			if (matcher.find()) {
				dependences.add(matcher.group(1) + " -> " + matcher.group(2));
			}
		}
		return dependences;
	}

	private static Map<String, Set<String>> packageGraph(Set<String> dependences) {
		Map<String, Set<String>> graph = new TreeMap<>();
		for (String dependence : dependences) {
			String from = packageOf(dependence.substring(0, dependence.indexOf(" -> ")));
			String to = packageOf(dependence.substring(dependence.indexOf(" -> ") + 4));
			graph.computeIfAbsent(from, (key) -> new TreeSet<>());
			graph.computeIfAbsent(to, (key) -> new TreeSet<>());
			if (!from.equals(to)) {
				graph.get(from).add(to);
			}
		}
		return graph;
	}

	private static String packageOf(String className) {
		return className.substring(0, className.lastIndexOf('.'));
	}

	/** Tarjan's algorithm: the packages that reach each other. */
	private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		List<Set<String>> components = new ArrayList<>();
		for (String node : graph.keySet()) {
			if (!index.containsKey(node)) {
				connect(node, graph, index, low, stack, components);
			}
		}
		return components;
	}

	private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
			Map<String, Integer> low, Deque<String> stack, List<Set<String>> components) {
		index.put(node, index.size());
		low.put(node, index.get(node));
		stack.push(node);
		for (String next : graph.get(node)) {
			if (!index.containsKey(next)) {
				connect(next, graph, index, low, stack, components);
				low.put(node, Math.min(low.get(node), low.get(next)));
			}
			else if (stack.contains(next)) {
				low.put(node, Math.min(low.get(node), index.get(next)));
			}
		}
		if (low.get(node).equals(index.get(node))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				component.add(member);
			}
			while (!member.equals(node));
			components.add(component);
		}
	}

	private static String describe(List<Set<String>> cycles, Set<String> dependences) {
		return cycles.stream()
			.map((cycle) -> cycle + ":\n"
					+ dependences.stream()
						.filter((dependence) -> crosses(dependence, cycle))
						.map((dependence) -> "  " + dependence)
						.collect(Collectors.joining("\n")))
			.collect(Collectors.joining("\n"));
	}

	private static boolean crosses(String dependence, Set<String> cycle) {
		String from = packageOf(dependence.substring(0, dependence.indexOf(" -> ")));
		String to = packageOf(dependence.substring(dependence.indexOf(" -> ") + 4));
		return !from.equals(to) && cycle.contains(from) && cycle.contains(to);
	}

}
