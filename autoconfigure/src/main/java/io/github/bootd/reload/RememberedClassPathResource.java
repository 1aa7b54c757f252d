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

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.util.ResourceUtils;

/**
 * A class-path configuration resource looked up and read once, on the first reload.
 * <p>
 * A reload asks for every candidate location × name × extension × profile, dozens of
 * class-path look-ups, most of them for files that do not exist; in a Spring Boot jar
 * each one walks the nested jars, and together they were most of a reload's time. A
 * running jar's resources cannot change, so the answer is kept: whether the resource
 * exists and its bytes. A resource found in a class-path <em>directory</em> (an IDE, an
 * exploded jar) can change and is not remembered (see {@link #of}).
 * <p>
 * Still a {@link ClassPathResource}, with the same description, so that Spring Boot's
 * config data treats it and names its property source exactly as at start-up.
 *
 * @author bootd authors
 */
final class RememberedClassPathResource extends ClassPathResource {

	private final @Nullable URL url;

	private final byte @Nullable [] content;

	private RememberedClassPathResource(String path, @Nullable ClassLoader classLoader, @Nullable URL url,
			byte @Nullable [] content) {
		super(path, classLoader);
		this.url = url;
		this.content = content;
	}

	/**
	 * Remember a class-path resource, unless it is a file that may still change.
	 * @param resource the resource as the class loader finds it now
	 * @return the remembered resource, or {@code resource} itself
	 */
	static Resource of(ClassPathResource resource) {
		if (resource.getPath().isEmpty() || resource.getPath().endsWith("/")) {
			// A directory location: config data never reads one from the class path
			return resource;
		}
		try {
			if (!resource.exists()) {
				return new RememberedClassPathResource(resource.getPath(), resource.getClassLoader(), null, null);
			}
			URL url = resource.getURL();
			if (ResourceUtils.URL_PROTOCOL_FILE.equals(url.getProtocol())) {
				return resource;
			}
			try (InputStream input = resource.getInputStream()) {
				return new RememberedClassPathResource(resource.getPath(), resource.getClassLoader(), url,
						input.readAllBytes());
			}
		}
		catch (IOException ex) {
			// Read it the ordinary way on every reload, which reports the failure
			return resource;
		}
	}

	@Override
	public boolean exists() {
		return this.content != null;
	}

	@Override
	public boolean isReadable() {
		return this.content != null;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		if (this.content == null) {
			throw new FileNotFoundException(getDescription() + " cannot be opened because it does not exist");
		}
		return new ByteArrayInputStream(this.content);
	}

	@Override
	public URL getURL() throws IOException {
		if (this.url == null) {
			throw new FileNotFoundException(getDescription() + " cannot be resolved to URL because it does not exist");
		}
		return this.url;
	}

	@Override
	public boolean isFile() {
		return false;
	}

	@Override
	public File getFile() throws IOException {
		// Asked on every equals/hashCode of a config data resource: answer without a
		// look-up
		throw new FileNotFoundException(getDescription() + " is not a file in the file system");
	}

	@Override
	public long contentLength() throws IOException {
		return getInputStream().available();
	}

	@Override
	public Resource createRelative(String relativePath) {
		return of((ClassPathResource) super.createRelative(relativePath));
	}

}
