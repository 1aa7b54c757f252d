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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import io.github.bootd.reload.ReloadableProperties.PropertiesBean;

/**
 * Binds a fresh instance of a properties bean from the new configuration, with the bind
 * handlers and validators Spring Boot uses at start-up ({@code @Validated} JSR-303
 * constraints, a {@code configurationPropertiesValidator} bean, a bean that is its own
 * {@code Validator}, {@code ignoreUnknownFields}, {@code ignoreInvalidFields}) and the
 * same converters ({@code @ConfigurationPropertiesBinding} beans).
 *
 * @author bootd authors
 */
final class FreshBinder {

	private static final boolean jsr303Present = ClassUtils.isPresent("jakarta.validation.Validator",
			FreshBinder.class.getClassLoader());

	private final ConfigurableApplicationContext context;

	private final @Nullable List<ConversionService> conversionServices;

	private volatile @Nullable Validator jsr303Validator;

	FreshBinder(ConfigurableApplicationContext context) {
		this.context = context;
		this.conversionServices = conversionServices(context);
	}

	Binder binderFor(ConfigurableEnvironment environment) {
		return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()),
				new PropertySourcesPlaceholdersResolver(environment.getPropertySources()), this.conversionServices,
				this.context.getBeanFactory()::copyRegisteredEditorsTo, null, null);
	}

	/**
	 * Bind and validate a fresh instance of a bean.
	 * @param binder a binder over the new configuration
	 * @param bean the bean
	 * @return the bound instance
	 */
	Object bind(Binder binder, PropertiesBean bean) {
		Object instance = bean.newInstance();
		Bindable<Object> target = Bindable.ofInstance(instance).withAnnotations(bean.annotations());
		binder.bind(bean.annotation().prefix(), target, handler(bean, instance));
		return instance;
	}

	private BindHandler handler(PropertiesBean bean, Object instance) {
		ConfigurationProperties annotation = bean.annotation();
		BindHandler handler = new IgnoreTopLevelConverterNotFoundBindHandler();
		if (annotation.ignoreInvalidFields()) {
			handler = new IgnoreErrorsBindHandler(handler);
		}
		if (!annotation.ignoreUnknownFields()) {
			handler = new NoUnboundElementsBindHandler(handler);
		}
		List<Validator> validators = new ArrayList<>(3);
		if (this.context.containsBean(EnableConfigurationProperties.VALIDATOR_BEAN_NAME)) {
			validators.add(this.context.getBean(EnableConfigurationProperties.VALIDATOR_BEAN_NAME, Validator.class));
		}
		if (jsr303Present && isValidated(bean)) {
			validators.add(jsr303Validator());
		}
		if (instance instanceof Validator self) {
			validators.add(self);
		}
		return validators.isEmpty() ? handler
				: new ValidationBindHandler(handler, validators.toArray(new Validator[0]));
	}

	private static boolean isValidated(PropertiesBean bean) {
		for (var annotation : bean.annotations()) {
			if (annotation instanceof Validated) {
				return true;
			}
		}
		return false;
	}

	private Validator jsr303Validator() {
		Validator validator = this.jsr303Validator;
		if (validator == null) {
			LocalValidatorFactoryBean factory = new LocalValidatorFactoryBean();
			factory.setMessageInterpolator(new MessageInterpolatorFactory(this.context).getObject());
			factory.afterPropertiesSet();
			validator = factory;
			this.jsr303Validator = validator;
		}
		return validator;
	}

	/** As Spring Boot's {@code ConversionServiceDeducer}. */
	private static @Nullable List<ConversionService> conversionServices(ConfigurableApplicationContext context) {
		String name = ConfigurableApplicationContext.CONVERSION_SERVICE_BEAN_NAME;
		if (context.containsBean(name) && context.getBeanFactory().isTypeMatch(name, ConversionService.class)) {
			return List.of(context.getBean(name, ConversionService.class));
		}
		List<ConversionService> services = new ArrayList<>();
		FormattingConversionService beans = new FormattingConversionService();
		DefaultConversionService.addCollectionConverters(beans);
		Map<String, Object> converters = ApplicationConversionService.addBeans(beans, context.getBeanFactory(),
				ConfigurationPropertiesBinding.VALUE);
		if (!converters.isEmpty()) {
			services.add(beans);
		}
		if (context.getBeanFactory().getConversionService() != null) {
			services.add(context.getBeanFactory().getConversionService());
		}
		if (!converters.isEmpty()) {
			services.add(ApplicationConversionService.getSharedInstance());
		}
		return services.isEmpty() ? null : services;
	}

}
