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

import java.lang.reflect.Field;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * The {@code daemon.*} keys, one for each field of {@link DaemonProperties} (which names
 * each key's type, default and description), and every spelling of them bootd reads
 * before Spring Boot binds them: the property, the command-line argument, the environment
 * variables and the YAML key. The binder, the early readers, the unknown-key check and
 * the launcher's handshake take their names from here, so that a key is written once.
 * <p>
 * Cheap on purpose: the early guess uses it while logback initializes, so nothing here
 * touches Spring Boot's binder, and the reflection on {@link DaemonProperties} runs only
 * when asked for.
 *
 * @author bootd authors
 */
public enum DaemonKey {

	/** {@link DaemonProperties#isEnabled()}. */
	ENABLED,

	/** {@link DaemonProperties#getMode()}. */
	MODE,

	/** {@link DaemonProperties#getWorkingDirectory()}. */
	WORKING_DIRECTORY,

	/** {@link DaemonProperties#getUmask()}. */
	UMASK,

	/** {@link DaemonProperties#getPidFile()}. */
	PID_FILE,

	/** {@link DaemonProperties#getOutputFile()}. */
	OUTPUT_FILE,

	/** {@link DaemonProperties#getStartupTimeout()}. */
	STARTUP_TIMEOUT,

	/** {@link DaemonProperties#getAction()}. */
	ACTION,

	/** {@link DaemonProperties#getStopTimeout()}. */
	STOP_TIMEOUT,

	/** {@link DaemonProperties#getUser()}. */
	USER,

	/** {@link DaemonProperties#getGroup()}. */
	GROUP,

	/** {@link DaemonProperties#getPrivilegedPorts()}. */
	PRIVILEGED_PORTS,

	/** {@link DaemonProperties#isAllowRoot()}. */
	ALLOW_ROOT;

	/** The prefix of {@link DaemonProperties}. */
	public static final String PREFIX = "daemon";

	private final String key = name().toLowerCase(Locale.ROOT).replace('_', '-');

	/**
	 * Return the key below {@code daemon}, as YAML nests it, such as {@code pid-file}.
	 * @return the key in its canonical (dashed) form
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Return the canonical property name, such as {@code daemon.pid-file}.
	 * @return the property name
	 */
	public String property() {
		return PREFIX + "." + this.key;
	}

	/**
	 * Return the command-line argument up to its value, such as
	 * {@code --daemon.pid-file=}.
	 * @return the argument's prefix
	 */
	public String argument() {
		return "--" + property() + "=";
	}

	/**
	 * Return the environment variable Spring Boot maps to this key, such as
	 * {@code DAEMON_PIDFILE}.
	 * @return the variable
	 */
	public String variable() {
		return PREFIX.toUpperCase(Locale.ROOT) + "_" + name().replace("_", "");
	}

	/**
	 * Return the legacy form of the environment variable that Spring Boot maps to this
	 * key too, such as {@code DAEMON_PID_FILE}; the same as {@link #variable()} for a
	 * one-word key.
	 * @return the variable
	 */
	public String legacyVariable() {
		return PREFIX.toUpperCase(Locale.ROOT) + "_" + name();
	}

	/**
	 * Return the name of the {@link DaemonProperties} field, such as {@code pidFile}.
	 * @return the field name
	 */
	public String fieldName() {
		StringBuilder name = new StringBuilder();
		for (String word : this.key.split("-")) {
			name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
		}
		return name.toString();
	}

	/**
	 * Return the type of the property, as {@link DaemonProperties} declares it.
	 * @return the type
	 */
	public Class<?> type() {
		return field().getType();
	}

	/**
	 * Return the default value, as {@link DaemonProperties} initializes it.
	 * @return the default or {@code null} when there is none
	 */
	public @Nullable Object defaultValue() {
		Field field = field();
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, new DaemonProperties());
	}

	private Field field() {
		Field field = ReflectionUtils.findField(DaemonProperties.class, fieldName());
		if (field == null) {
			throw new IllegalStateException(DaemonProperties.class.getName() + " has no field " + fieldName());
		}
		return field;
	}

	/**
	 * Return the key with this canonical property name.
	 * @param property a property name such as {@code daemon.pid-file}
	 * @return the key or {@code null} when bootd does not know it
	 */
	public static @Nullable DaemonKey of(String property) {
		for (DaemonKey key : values()) {
			if (key.property().equals(property)) {
				return key;
			}
		}
		return null;
	}

	/**
	 * Return the canonical property name, so that a message can name the key as
	 * {@code "Set " + PID_FILE + " to a file"}.
	 * @return {@link #property()}
	 */
	@Override
	public String toString() {
		return property();
	}

}
