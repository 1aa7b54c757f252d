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
package io.github.bootd.reload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.config.StandardConfigDataResource;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedResource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

/**
 * What the last full read of the configuration loaded, and a cheap re-read of it for the
 * common reload: the same files with new values.
 * <p>
 * A full read runs Spring Boot's config data machinery, which resolves every location ×
 * name × extension × profile and binds {@code spring.config.*} and
 * {@code spring.profiles.*} several times; that was most of a reload's time. Its result
 * depends only on which files exist, on the sources bootd does not re-read (command line,
 * environment, system properties) and on the {@code spring.config.*} and
 * {@code spring.profiles.*} keys of the files themselves. So while every location it
 * looked for holds what it held then, and those keys read the same, re-parsing the files
 * it loaded and keeping the class-path sources (a running jar cannot change) gives the
 * same property sources. Whenever that cannot be shown, {@link #reread} answers
 * {@code null} and the reload falls back to a full read.
 *
 * @author bootd authors
 */
final class KnownConfigFiles {

	private static final List<PropertySourceLoader> loaders = SpringFactoriesLoader
		.loadFactories(PropertySourceLoader.class, KnownConfigFiles.class.getClassLoader());

	private final List<Loaded> loaded;

	private final Map<String, FileProbe> probes;

	private final List<Map<String, @Nullable Object>> structure;

	private KnownConfigFiles(List<Loaded> loaded, Map<String, FileProbe> probes) {
		this.loaded = loaded;
		this.probes = probes;
		this.structure = structure(loaded.stream().<PropertySource<?>>map(Loaded::source).toList());
	}

	/**
	 * Record what a full read loaded.
	 * @param loaded the property sources in the order they were added
	 * @param probes the file locations looked for
	 * @return the record, or {@code null} if a source came from something other than a
	 * plain file or the jar, so that only a full read can read it again
	 */
	static @Nullable KnownConfigFiles record(List<Loaded> loaded, List<FileProbe> probes) {
		for (Loaded source : loaded) {
			if (!source.rereadable()) {
				return null;
			}
		}
		Map<String, FileProbe> unique = new LinkedHashMap<>();
		probes.forEach((probe) -> unique.putIfAbsent(probe.path(), probe));
		return new KnownConfigFiles(loaded, unique);
	}

	/**
	 * Read the files again if nothing but values can have changed.
	 * @param resourceLoader makes the resources to read
	 * @return the property sources, highest precedence first, or {@code null} if a full
	 * read is needed
	 */
	@Nullable List<PropertySource<?>> reread(LaunchDirectoryResourceLoader resourceLoader) {
		for (FileProbe probe : this.probes.values()) {
			if (!probe.unchanged()) {
				return null;
			}
		}
		Map<String, List<Loaded>> byFile = new HashMap<>();
		for (Loaded source : this.loaded) {
			if (source.file() != null) {
				byFile.computeIfAbsent(source.file(), (file) -> new ArrayList<>()).add(source);
			}
		}
		for (FileProbe probe : this.probes.values()) {
			if (probe.isFile()) {
				// An empty file loads no source: still read, it may have keys now
				byFile.computeIfAbsent(probe.path(), (file) -> new ArrayList<>());
			}
		}
		Map<String, List<PropertySource<?>>> documents = new HashMap<>();
		for (Map.Entry<String, List<Loaded>> file : byFile.entrySet()) {
			List<Loaded> before = file.getValue();
			Origin origin = before.isEmpty() ? null : Origin.from(before.get(0).location());
			List<PropertySource<?>> now = load(resourceLoader.file(file.getKey()), origin);
			if (now == null || now.size() != before.size()) {
				// Also a document that activation skipped before: only a full read
				// decides
				return null;
			}
			documents.put(file.getKey(), now);
		}
		List<PropertySource<?>> sources = new ArrayList<>(this.loaded.size());
		for (Loaded source : this.loaded) {
			if (source.file() == null) {
				sources.add(source.source());
				continue;
			}
			// Every file of a loaded source was read into documents above (or we
			// returned)
			List<PropertySource<?>> inFile = Objects.requireNonNull(documents.get(source.file()));
			if (source.document() >= inFile.size()) {
				return null;
			}
			PropertySource<?> document = inFile.get(source.document());
			if (!(document instanceof OriginTrackedMapPropertySource tracked)) {
				return null;
			}
			// The name config data gave it: the reload swaps sources by name
			sources.add(new OriginTrackedMapPropertySource(source.source().getName(), tracked.getSource(),
					tracked.isImmutable()));
		}
		return structure(sources).equals(this.structure) ? sources : null;
	}

	private static @Nullable List<PropertySource<?>> load(Resource resource, @Nullable Origin origin) {
		String filename = resource.getFilename();
		for (PropertySourceLoader loader : loaders) {
			for (String extension : loader.getFileExtensions()) {
				if (filename != null && StringUtils.endsWithIgnoreCase(filename, "." + extension)) {
					try {
						return loader.load(filename, OriginTrackedResource.of(resource, origin));
					}
					catch (IOException | RuntimeException ex) {
						// A full read reports it the way Spring Boot does
						return null;
					}
				}
			}
		}
		return null;
	}

	/** The keys that decide which files config data loads, source by source. */
	private static List<Map<String, @Nullable Object>> structure(List<PropertySource<?>> sources) {
		List<Map<String, @Nullable Object>> structure = new ArrayList<>(sources.size());
		for (PropertySource<?> source : sources) {
			Map<String, @Nullable Object> keys = new HashMap<>();
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (name.startsWith("spring.config.") || name.startsWith("spring.profiles.")) {
						keys.put(name, unwrap(enumerable.getProperty(name)));
					}
				}
			}
			structure.add(keys);
		}
		return structure;
	}

	private static @Nullable Object unwrap(@Nullable Object value) {
		return (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value;
	}

	/**
	 * A property source a full read loaded.
	 *
	 * @param source the property source
	 * @param location the location it was found through
	 * @param resource where it was read from
	 */
	record Loaded(PropertySource<?> source, @Nullable ConfigDataLocation location,
			@Nullable ConfigDataResource resource) {

		private static final String DOCUMENT = " (document #";

		/**
		 * Its index among the documents of its file, from the name the loader gave it.
		 */
		int document() {
			String name = this.source.getName();
			int start = name.lastIndexOf(DOCUMENT);
			if (start < 0 || !name.endsWith(")")) {
				return 0;
			}
			try {
				return Integer.parseInt(name.substring(start + DOCUMENT.length(), name.length() - 1));
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}

		/** The file it was read from, {@code null} for the jar. */
		@Nullable String file() {
			Resource resource = (this.resource instanceof StandardConfigDataResource standard) ? standard.getResource()
					: null;
			return (resource instanceof RememberedClassPathResource || resource == null) ? null
					: LaunchDirectoryResourceLoader.filePath(resource);
		}

		boolean rereadable() {
			if (!(this.resource instanceof StandardConfigDataResource standard) || this.location == null
					|| this.location.toString().contains("[")) {
				// Other kinds of config data (configtree:, ...), or a file hint such as
				// an encoding
				return false;
			}
			Resource resource = standard.getResource();
			return resource instanceof RememberedClassPathResource
					|| LaunchDirectoryResourceLoader.filePath(resource) != null;
		}

	}

}
