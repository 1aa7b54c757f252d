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

import org.springframework.context.ApplicationEvent;

/**
 * Published when a configuration reload begins, before any file is read, so that a
 * supervisor can be told a reload is in progress (systemd's {@code RELOADING=1}).
 *
 * @author bootd authors
 */
public class DaemonReloadingEvent extends ApplicationEvent {

	private final long generation;

	public DaemonReloadingEvent(Object source, long generation) {
		super(source);
		this.generation = generation;
	}

	/**
	 * Return the number of the reload that begins.
	 * @return the generation, from 1
	 */
	public long getGeneration() {
		return this.generation;
	}

}
