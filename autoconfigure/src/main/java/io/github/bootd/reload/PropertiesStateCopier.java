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

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

import org.springframework.util.ReflectionUtils;

/**
 * Copies the state of a freshly bound and validated properties object into the live one,
 * so that the beans holding a reference to it see the new values.
 * <p>
 * A whole copy, not a second binding onto the live object: binding only sets what the
 * files contain, so a key removed from a file would keep its old value instead of
 * returning to the default. Final collections and nested objects (the "getter only" style
 * of Spring Boot's own properties) are updated in place.
 *
 * @author bootd authors
 */
final class PropertiesStateCopier {

	private PropertiesStateCopier() {
	}

	static void copy(Object from, Object to) {
		ReflectionUtils.doWithFields(from.getClass(), (field) -> copyField(field, from, to),
				(field) -> !Modifier.isStatic(field.getModifiers()));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void copyField(Field field, Object from, Object to) throws IllegalAccessException {
		ReflectionUtils.makeAccessible(field);
		Object value = field.get(from);
		if (!Modifier.isFinal(field.getModifiers())) {
			field.set(to, value);
			return;
		}
		Object target = field.get(to);
		if (target == null || value == null || target == value) {
			return;
		}
		if (target instanceof Map map && value instanceof Map source) {
			map.clear();
			map.putAll(source);
		}
		else if (target instanceof Collection collection && value instanceof Collection source) {
			collection.clear();
			collection.addAll(source);
		}
		else if (isNestedProperties(target.getClass())) {
			copy(value, target);
		}
	}

	private static boolean isNestedProperties(Class<?> type) {
		return !type.isPrimitive() && !type.isEnum() && !type.isArray() && !type.getName().startsWith("java.");
	}

}
