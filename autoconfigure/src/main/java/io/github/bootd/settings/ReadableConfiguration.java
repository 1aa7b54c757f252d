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
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The configuration as far as it can be read, for a control action whose configuration
 * failed to load: Spring Boot's configuration loading again, from the command line,
 * system properties and environment variables, with every configuration file that fails
 * to parse left out. An init script's {@code stop} during a bad deploy (a YAML syntax
 * error in {@code application.yml}) must still find the daemon's pid file, which the
 * other sources, or the other files, usually name.
 *
 * @author bootd authors
 */
public final class ReadableConfiguration {

	/** Bounds the attempts: each one leaves out one more file. */
	private static final int MAX_UNREADABLE_FILES = 16;

	private static final boolean yamlPresent = ClassUtils.isPresent("org.yaml.snakeyaml.error.MarkedYAMLException",
			ReadableConfiguration.class.getClassLoader());

	/** Where a parser's message says the problem is, when the exception does not tell. */
	private static final Pattern LINE = Pattern.compile("line (\\d+)(?:, column (\\d+))?");

	private final ConfigurableEnvironment environment;

	private final List<String> unreadable;

	private ReadableConfiguration(ConfigurableEnvironment environment, List<String> unreadable) {
		this.environment = environment;
		this.unreadable = List.copyOf(unreadable);
	}

	/**
	 * Load the configuration, leaving out each file that cannot be parsed.
	 * @param args the application's arguments
	 * @param classLoader the application's class loader
	 * @return the configuration that could be read
	 */
	public static ReadableConfiguration load(String[] args, @Nullable ClassLoader classLoader) {
		Set<String> left = new LinkedHashSet<>();
		List<String> unreadable = new ArrayList<>();
		for (int attempt = 0; attempt <= MAX_UNREADABLE_FILES; attempt++) {
			StandardEnvironment environment = withoutFiles(args);
			SkippingResourceLoader loader = new SkippingResourceLoader(classLoader, left);
			try {
				ConfigDataEnvironmentPostProcessor.applyTo(environment, loader, null, List.of());
				return new ReadableConfiguration(environment, unreadable);
			}
			catch (RuntimeException ex) {
				Resource blamed = loader.lastOpened();
				String problem = (blamed != null) ? parseProblem(blamed) : null;
				if (blamed == null || problem == null || !left.add(name(blamed))) {
					// Not a file that fails to parse (a missing import, a bad
					// placeholder): nothing but the sources that need no file can be
					// trusted
					unreadable.add(FailureAnalysisText.describe(ex).replaceAll("\\s*\\R\\s*", " "));
					return new ReadableConfiguration(withoutFiles(args), unreadable);
				}
				unreadable.add(problem);
			}
		}
		return new ReadableConfiguration(withoutFiles(args), unreadable);
	}

	/**
	 * Return the environment made of what could be read.
	 * @return the environment
	 */
	public ConfigurableEnvironment environment() {
		return this.environment;
	}

	/**
	 * Return what could not be read: each file left out, with the line of its error.
	 * @return one line per problem, empty when everything could be read
	 */
	public List<String> unreadable() {
		return this.unreadable;
	}

	/**
	 * Describe why a configuration file cannot be loaded, naming the file and the line.
	 * @param resource the file
	 * @return the description, or {@code null} if it loads on its own
	 */
	static @Nullable String parseProblem(Resource resource) {
		String name = name(resource);
		PropertySourceLoader loader = name.endsWith(".yml") || name.endsWith(".yaml") ? new YamlPropertySourceLoader()
				: new PropertiesPropertySourceLoader();
		try {
			loader.load(name, resource);
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return name + ", " + describe(ex);
		}
	}

	private static String describe(Exception ex) {
		if (yamlPresent) {
			String yaml = YamlProblem.describe(ex);
			if (yaml != null) {
				return yaml;
			}
		}
		String message = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
		Matcher line = LINE.matcher(message);
		return line.find() ? line.group() + ": " + message : message;
	}

	private static String name(Resource resource) {
		if (resource instanceof FileSystemResource file) {
			return Path.of(file.getPath()).toAbsolutePath().normalize().toString();
		}
		if (resource instanceof ClassPathResource classPath) {
			return "classpath:" + classPath.getPath();
		}
		return resource.getDescription();
	}

	private static StandardEnvironment withoutFiles(String[] args) {
		StandardEnvironment environment = new StandardEnvironment();
		if (args.length > 0) {
			// Highest precedence, as SpringApplication adds it
			environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		}
		return environment;
	}

	/**
	 * Resolves the locations Spring Boot looks for as it does, remembers the last file
	 * opened (the one a parse error is in: Spring Boot's YAML errors do not name it), and
	 * answers "not there" for the files left out, which the default locations and
	 * {@code optional:} imports skip.
	 */
	private static final class SkippingResourceLoader extends DefaultResourceLoader {

		private static final String FILE_PREFIX = "file:";

		private final Set<String> left;

		private volatile @Nullable Resource lastOpened;

		SkippingResourceLoader(@Nullable ClassLoader classLoader, Set<String> left) {
			super(classLoader);
			this.left = left;
		}

		@Override
		public Resource getResource(String location) {
			if (location.startsWith(CLASSPATH_URL_PREFIX)) {
				return new TrackedClassPathResource(location.substring(CLASSPATH_URL_PREFIX.length()),
						getClassLoader());
			}
			if (location.startsWith(FILE_PREFIX)) {
				String path = location.substring(FILE_PREFIX.length());
				return new TrackedFileResource(path.startsWith("//") ? URI.create(location).getPath() : path);
			}
			return super.getResource(location);
		}

		@Nullable Resource lastOpened() {
			return this.lastOpened;
		}

		private InputStream open(Resource resource, InputStream input) throws IOException {
			this.lastOpened = resource;
			return input;
		}

		private final class TrackedFileResource extends FileSystemResource {

			TrackedFileResource(String path) {
				super(path);
			}

			@Override
			public boolean exists() {
				return !SkippingResourceLoader.this.left.contains(name(this)) && super.exists();
			}

			@Override
			public boolean isReadable() {
				return exists() && super.isReadable();
			}

			@Override
			public InputStream getInputStream() throws IOException {
				return open(this, super.getInputStream());
			}

			@Override
			public Resource createRelative(String relativePath) {
				return new TrackedFileResource(StringUtils.applyRelativePath(getPath(), relativePath));
			}

		}

		private final class TrackedClassPathResource extends ClassPathResource {

			TrackedClassPathResource(String path, @Nullable ClassLoader classLoader) {
				super(path, classLoader);
			}

			@Override
			public boolean exists() {
				return !SkippingResourceLoader.this.left.contains(name(this)) && super.exists();
			}

			@Override
			public boolean isReadable() {
				return exists() && super.isReadable();
			}

			@Override
			public InputStream getInputStream() throws IOException {
				return open(this, super.getInputStream());
			}

			@Override
			public Resource createRelative(String relativePath) {
				return new TrackedClassPathResource(StringUtils.applyRelativePath(getPath(), relativePath),
						getClassLoader());
			}

		}

	}

	/**
	 * SnakeYAML's problem and where it is, loaded only when SnakeYAML is there.
	 */
	private static final class YamlProblem {

		static @Nullable String describe(Throwable ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml
						&& yaml.getProblemMark() != null) {
					// Marks count from 0; editors and the parser's own message from 1
					StringBuilder text = new StringBuilder().append("line ")
						.append(yaml.getProblemMark().getLine() + 1)
						.append(", column ")
						.append(yaml.getProblemMark().getColumn() + 1)
						.append(": ")
						.append(yaml.getProblem());
					if (yaml.getContext() != null) {
						text.append(" (").append(yaml.getContext());
						if (yaml.getContextMark() != null) {
							text.append(" at line ").append(yaml.getContextMark().getLine() + 1);
						}
						text.append(')');
					}
					return text.toString();
				}
			}
			return null;
		}

	}

}
