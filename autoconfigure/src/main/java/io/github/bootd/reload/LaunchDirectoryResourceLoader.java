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
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Resolves {@code file:} locations against the launch directory rather than the process
 * working directory, and remembers the last file read so that a parse error can name it,
 * the files looked for (so that a later reload can tell that none appeared or vanished)
 * and the class-path resources (see {@link RememberedClassPathResource}).
 * <p>
 * Spring Boot loaded the configuration files at start-up while the working directory was
 * still the launch directory; a detached daemon has since changed it to {@code /} (APUE
 * 13.3). A native {@code chdir} does not change {@code user.dir}, so relative
 * {@code java.io.File} paths would now reach {@code /application.properties}.
 *
 * @author bootd authors
 */
final class LaunchDirectoryResourceLoader extends DefaultResourceLoader {

	private static final String FILE_PREFIX = "file:";

	private final Path launchDirectory;

	private final Map<String, Resource> classPath = new ConcurrentHashMap<>();

	private final List<FileProbe> probes = new ArrayList<>();

	private volatile @Nullable String lastRead;

	LaunchDirectoryResourceLoader(Path launchDirectory, @Nullable ClassLoader classLoader) {
		super(classLoader);
		this.launchDirectory = launchDirectory;
	}

	@Override
	public Resource getResource(String location) {
		if (location.startsWith(CLASSPATH_URL_PREFIX)) {
			return this.classPath.computeIfAbsent(location, this::remember);
		}
		if (!location.startsWith(FILE_PREFIX)) {
			return super.getResource(location);
		}
		String path = location.substring(FILE_PREFIX.length());
		if (path.startsWith("//")) {
			path = URI.create(location).getPath();
		}
		String absolute = path.startsWith("/") ? path : this.launchDirectory + "/" + path;
		// cleanPath keeps a trailing slash: directory locations stay directories
		String cleaned = StringUtils.cleanPath(absolute);
		this.probes.add(FileProbe.of(cleaned));
		return new ReadTrackingResource(cleaned);
	}

	private Resource remember(String location) {
		Resource resource = super.getResource(location);
		return (resource instanceof ClassPathResource classPathResource)
				? RememberedClassPathResource.of(classPathResource) : resource;
	}

	/**
	 * Return the file most recently opened for reading.
	 * @return its path, or {@code null} if none was read
	 */
	@Nullable String lastRead() {
		return this.lastRead;
	}

	/**
	 * Begin a read: forget the last file read and the files looked for.
	 */
	void startRead() {
		this.lastRead = null;
		this.probes.clear();
	}

	/**
	 * Return every file location looked for since {@link #startRead()}, with what was
	 * there when it was looked for.
	 * @return the probes
	 */
	List<FileProbe> probes() {
		return List.copyOf(this.probes);
	}

	/**
	 * Return a resource for a file, as {@code file:} locations are, so that a read of it
	 * is tracked.
	 * @param path the absolute path
	 * @return the resource
	 */
	Resource file(String path) {
		return new ReadTrackingResource(path);
	}

	/**
	 * Return the path of a file resource this loader made.
	 * @param resource a resource of a config data resource
	 * @return the path, or {@code null} if this loader did not make it as a file
	 */
	static @Nullable String filePath(Resource resource) {
		return (resource instanceof ReadTrackingResource file) ? file.getPath() : null;
	}

	private final class ReadTrackingResource extends FileSystemResource {

		ReadTrackingResource(String path) {
			super(path);
		}

		@Override
		public InputStream getInputStream() throws IOException {
			LaunchDirectoryResourceLoader.this.lastRead = getPath();
			return super.getInputStream();
		}

		@Override
		public Resource createRelative(String relativePath) {
			return new ReadTrackingResource(StringUtils.applyRelativePath(getPath(), relativePath));
		}

	}

}
