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
package io.github.bootd.benchmarks;

import java.lang.invoke.MethodHandles;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * One hundred {@code @ConfigurationProperties} beans, {@code bench.p0} to
 * {@code bench.p99}: the "app with 100 properties beans" of the reload benchmark. Spring
 * Boot reads a bean's prefix from the annotation on its class, so each needs a class of
 * its own: they are made at start-up, each a subclass of the plain JavaBean {@link Bench}
 * (a value and a count, like most applications' own) annotated
 * {@code @ConfigurationProperties("bench.pN")}, and registered as beans, as
 * {@code @ConfigurationPropertiesScan} would register 100 written-out classes.
 *
 * @author bootd authors
 */
final class HundredProperties implements ApplicationContextInitializer<GenericApplicationContext> {

	/** How many beans, {@code bench.p0} to {@code bench.p(COUNT-1)}. */
	static final int COUNT = 100;

	@Override
	public void initialize(GenericApplicationContext context) {
		for (int i = 0; i < COUNT; i++) {
			context.registerBean(beanName(i), type(i));
		}
	}

	/**
	 * The bean of one prefix.
	 * @param i the number in {@code bench.p<i>}
	 * @return its bean name
	 */
	static String beanName(int i) {
		return "bench.p" + i;
	}

	private static Class<? extends Bench> type(int i) {
		AnnotationDescription prefix = AnnotationDescription.Builder.ofType(ConfigurationProperties.class)
			.define("prefix", beanName(i))
			.build();
		// Defined through this class's lookup: same class loader and package as Bench
		return new ByteBuddy().subclass(Bench.class)
			.name(HundredProperties.class.getName() + "$P" + i)
			.annotateType(prefix)
			.make()
			.load(HundredProperties.class.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(MethodHandles.lookup()))
			.getLoaded();
	}

	/**
	 * The properties every bean binds.
	 */
	public static class Bench {

		private String value = "";

		private int count;

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

}
