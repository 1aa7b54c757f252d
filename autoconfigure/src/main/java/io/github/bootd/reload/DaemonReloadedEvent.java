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

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.github.bootd.DaemonOutcomeEvent;
import io.github.bootd.reload.ReloadResult.Outcome;

/**
 * Published after every configuration reload, applied or failed, so that application code
 * can react to the keys that changed.
 *
 * @author bootd authors
 */
public class DaemonReloadedEvent extends DaemonOutcomeEvent {

	private final ReloadResult result;

	private final Set<String> changedKeys;

	public DaemonReloadedEvent(Object source, ReloadResult result) {
		this(source, result, union(result.appliedKeys(), result.restartKeys()));
	}

	/**
	 * Create an event.
	 * @param source the reloader
	 * @param result what the reload did
	 * @param changedKeys the keys whose value in the {@code Environment} this reload
	 * changed
	 */
	public DaemonReloadedEvent(Object source, ReloadResult result, Set<String> changedKeys) {
		super(source);
		this.result = result;
		this.changedKeys = Set.copyOf(changedKeys);
	}

	public ReloadResult getResult() {
		return this.result;
	}

	/**
	 * Return whether the reload was rejected, the running configuration kept.
	 * @return whether the reload failed
	 */
	@Override
	public boolean isFailure() {
		return this.result.outcome() == Outcome.FAILED;
	}

	/**
	 * Return the keys whose value in the {@code Environment} this reload changed. Not the
	 * same as the result's keys: a key that needs a restart is listed there while the
	 * files hold another value than the service started with, and not at all once it is
	 * back, although the {@code Environment} changed both times.
	 * @return the keys, empty for a failed reload
	 */
	public Set<String> getChangedKeys() {
		return this.changedKeys;
	}

	private static Set<String> union(Collection<String> first, Collection<String> second) {
		Set<String> union = new HashSet<>(first);
		union.addAll(second);
		return union;
	}

}
