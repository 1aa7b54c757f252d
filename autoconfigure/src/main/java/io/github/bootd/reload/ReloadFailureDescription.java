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

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Says why a reload failed in the words an operator needs: the file (and line), the key,
 * the value, and what is wrong with it.
 *
 * @author bootd authors
 */
final class ReloadFailureDescription {

	private ReloadFailureDescription() {
	}

	/**
	 * Describe a failure.
	 * @param failure what was thrown
	 * @param lastRead the configuration file read last, which a parse error is in
	 * @return the description
	 */
	static String of(Throwable failure, @Nullable String lastRead) {
		if (failure instanceof RunningConfigFiles.VanishedException vanished) {
			// Thrown before any file is read: the last file read belongs to an earlier
			// reload; and it is always constructed with its message
			return Objects.requireNonNull(vanished.getMessage());
		}
		BindValidationException validation = find(failure, BindValidationException.class);
		if (validation != null) {
			return describe(validation);
		}
		BindException bind = find(failure, BindException.class);
		if (bind != null) {
			return describe(bind);
		}
		StringBuilder description = new StringBuilder();
		if (lastRead != null) {
			description.append(lastRead).append(": ");
		}
		return description.append(messages(failure)).toString();
	}

	private static String describe(BindValidationException exception) {
		StringJoiner errors = new StringJoiner("; ");
		String prefix = exception.getValidationErrors().getName().toString();
		for (ObjectError error : exception.getValidationErrors()) {
			StringBuilder text = new StringBuilder();
			Origin origin = Origin.from(error);
			if (origin != null) {
				text.append(origin).append(": ");
			}
			if (error instanceof FieldError field) {
				text.append(prefix)
					.append('.')
					.append(field.getField())
					.append("='")
					.append(field.getRejectedValue())
					.append("' ");
			}
			else {
				text.append(prefix).append(' ');
			}
			errors.add(text.append(error.getDefaultMessage()));
		}
		return errors.toString();
	}

	private static String describe(BindException exception) {
		ConfigurationProperty property = exception.getProperty();
		Throwable cause = exception.getCause();
		String reason = (cause != null) ? messages(cause) : exception.getMessage();
		if (property == null) {
			return exception.getName() + ": " + reason;
		}
		String origin = (property.getOrigin() != null) ? property.getOrigin() + ": " : "";
		return origin + property.getName() + "='" + property.getValue() + "': " + reason;
	}

	private static String messages(Throwable failure) {
		Set<String> messages = new LinkedHashSet<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				messages.add(cause.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
			}
			else {
				messages.add(cause.getClass().getName());
			}
		}
		return String.join(": ", messages);
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
