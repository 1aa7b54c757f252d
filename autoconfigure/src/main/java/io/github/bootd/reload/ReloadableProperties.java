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

import java.lang.annotation.Annotation;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * The {@link ConfigurationProperties @ConfigurationProperties} beans of the context,
 * indexed by prefix, each known to be reloadable or not.
 * <p>
 * Reloadable: a JavaBean-bound class of the application, annotated itself, with a
 * no-argument constructor, so that a fresh instance bound from the new files is exactly
 * what start-up would have made. Not reloadable, so their keys need a restart:
 * constructor-bound (immutable) properties, {@code @Bean} methods annotated
 * {@code @ConfigurationProperties} (the bean is often a resource such as a pool), and the
 * properties of Spring and of bootd itself, which auto-configuration reads once to build
 * other beans ({@code server.port} is bound by {@code ServerProperties}, but the web
 * server keeps its port).
 * <p>
 * Built once, on the first reload; a lookup walks the key's ancestors, so its cost does
 * not grow with the number of beans.
 *
 * @author bootd authors
 */
final class ReloadableProperties {

	private static final String SPRING_PACKAGE = "org.springframework.";

	private final ConfigurableApplicationContext context;

	private volatile @Nullable Map<String, List<PropertiesBean>> byPrefix;

	ReloadableProperties(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Return the beans that bind a key.
	 * @param key the key as written in a file
	 * @return the beans, empty if none
	 */
	List<PropertiesBean> bindersOf(String key) {
		Map<String, List<PropertiesBean>> index = index();
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
		List<PropertiesBean> binders = new ArrayList<>(1);
		for (int elements = name.getNumberOfElements(); elements >= 0; elements--) {
			List<PropertiesBean> beans = index.get(name.chop(elements).toString());
			if (beans != null) {
				binders.addAll(beans);
			}
		}
		return binders;
	}

	private Map<String, List<PropertiesBean>> index() {
		Map<String, List<PropertiesBean>> index = this.byPrefix;
		if (index == null) {
			index = new HashMap<>();
			for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
				PropertiesBean properties = PropertiesBean.of(bean);
				if (properties != null) {
					index.computeIfAbsent(properties.prefix(), (prefix) -> new ArrayList<>()).add(properties);
				}
			}
			this.byPrefix = index;
		}
		return index;
	}

	/**
	 * One {@code @ConfigurationProperties} bean.
	 *
	 * @param name the bean name
	 * @param prefix the canonical prefix it binds
	 * @param instance the live object (the target, when proxied)
	 * @param annotations the annotations of the bind target ({@code @Validated} among
	 * them)
	 * @param annotation its {@code @ConfigurationProperties}
	 * @param reloadable whether a reload can update it
	 */
	record PropertiesBean(String name, String prefix, Object instance, Annotation[] annotations,
			ConfigurationProperties annotation, boolean reloadable) {

		static @Nullable PropertiesBean of(ConfigurationPropertiesBean bean) {
			Object instance = bean.getInstance();
			if (instance == null) {
				return null;
			}
			Object target = AopProxyUtils.getSingletonTarget(instance);
			instance = (target != null) ? target : instance;
			ConfigurationProperties annotation = bean.getAnnotation();
			String prefix = ConfigurationPropertyName.of(annotation.prefix()).toString();
			return new PropertiesBean(bean.getName(), prefix, instance, bean.asBindTarget().getAnnotations(),
					annotation, isReloadable(bean, ClassUtils.getUserClass(instance)));
		}

		private static boolean isReloadable(ConfigurationPropertiesBean bean, Class<?> type) {
			if (type.getName().startsWith(SPRING_PACKAGE) || isBootd(type)) {
				return false;
			}
			return bean.asBindTarget().getBindMethod() != BindMethod.VALUE_OBJECT
					&& AnnotatedElementUtils.hasAnnotation(type, ConfigurationProperties.class)
					&& hasNoArgConstructor(type);
		}

		private static boolean hasNoArgConstructor(Class<?> type) {
			try {
				// Any visibility: Spring instantiates non-public classes and constructors
				// too
				type.getDeclaredConstructor();
				return true;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}

		private static boolean isBootd(Class<?> type) {
			// By origin, not package: applications may live under io.github.bootd too
			CodeSource ours = ReloadableProperties.class.getProtectionDomain().getCodeSource();
			CodeSource theirs = type.getProtectionDomain().getCodeSource();
			return ours != null && theirs != null && Objects.equals(ours.getLocation(), theirs.getLocation());
		}

		Object newInstance() {
			return BeanUtils.instantiateClass(ClassUtils.getUserClass(this.instance));
		}

	}

}
