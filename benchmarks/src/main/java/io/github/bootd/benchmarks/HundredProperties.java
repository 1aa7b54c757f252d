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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * One hundred {@code @ConfigurationProperties} classes, {@code bench.p0} to
 * {@code bench.p99}: the "app with 100 properties beans" of the reload benchmark.
 * Generated; each is a plain JavaBean like most applications' own.
 *
 * @author bootd authors
 */
public final class HundredProperties {

	static final Class<?>[] ALL = { HundredProperties.P0.class, HundredProperties.P1.class, HundredProperties.P2.class, HundredProperties.P3.class, HundredProperties.P4.class, HundredProperties.P5.class, HundredProperties.P6.class, HundredProperties.P7.class, HundredProperties.P8.class, HundredProperties.P9.class, HundredProperties.P10.class, HundredProperties.P11.class, HundredProperties.P12.class, HundredProperties.P13.class, HundredProperties.P14.class, HundredProperties.P15.class, HundredProperties.P16.class, HundredProperties.P17.class, HundredProperties.P18.class, HundredProperties.P19.class, HundredProperties.P20.class, HundredProperties.P21.class, HundredProperties.P22.class, HundredProperties.P23.class, HundredProperties.P24.class, HundredProperties.P25.class, HundredProperties.P26.class, HundredProperties.P27.class, HundredProperties.P28.class, HundredProperties.P29.class, HundredProperties.P30.class, HundredProperties.P31.class, HundredProperties.P32.class, HundredProperties.P33.class, HundredProperties.P34.class, HundredProperties.P35.class, HundredProperties.P36.class, HundredProperties.P37.class, HundredProperties.P38.class, HundredProperties.P39.class, HundredProperties.P40.class, HundredProperties.P41.class, HundredProperties.P42.class, HundredProperties.P43.class, HundredProperties.P44.class, HundredProperties.P45.class, HundredProperties.P46.class, HundredProperties.P47.class, HundredProperties.P48.class, HundredProperties.P49.class, HundredProperties.P50.class, HundredProperties.P51.class, HundredProperties.P52.class, HundredProperties.P53.class, HundredProperties.P54.class, HundredProperties.P55.class, HundredProperties.P56.class, HundredProperties.P57.class, HundredProperties.P58.class, HundredProperties.P59.class, HundredProperties.P60.class, HundredProperties.P61.class, HundredProperties.P62.class, HundredProperties.P63.class, HundredProperties.P64.class, HundredProperties.P65.class, HundredProperties.P66.class, HundredProperties.P67.class, HundredProperties.P68.class, HundredProperties.P69.class, HundredProperties.P70.class, HundredProperties.P71.class, HundredProperties.P72.class, HundredProperties.P73.class, HundredProperties.P74.class, HundredProperties.P75.class, HundredProperties.P76.class, HundredProperties.P77.class, HundredProperties.P78.class, HundredProperties.P79.class, HundredProperties.P80.class, HundredProperties.P81.class, HundredProperties.P82.class, HundredProperties.P83.class, HundredProperties.P84.class, HundredProperties.P85.class, HundredProperties.P86.class, HundredProperties.P87.class, HundredProperties.P88.class, HundredProperties.P89.class, HundredProperties.P90.class, HundredProperties.P91.class, HundredProperties.P92.class, HundredProperties.P93.class, HundredProperties.P94.class, HundredProperties.P95.class, HundredProperties.P96.class, HundredProperties.P97.class, HundredProperties.P98.class, HundredProperties.P99.class };

	private HundredProperties() {
	}

	@ConfigurationProperties("bench.p0")
	public static class P0 {

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

	@ConfigurationProperties("bench.p1")
	public static class P1 {

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

	@ConfigurationProperties("bench.p2")
	public static class P2 {

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

	@ConfigurationProperties("bench.p3")
	public static class P3 {

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

	@ConfigurationProperties("bench.p4")
	public static class P4 {

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

	@ConfigurationProperties("bench.p5")
	public static class P5 {

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

	@ConfigurationProperties("bench.p6")
	public static class P6 {

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

	@ConfigurationProperties("bench.p7")
	public static class P7 {

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

	@ConfigurationProperties("bench.p8")
	public static class P8 {

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

	@ConfigurationProperties("bench.p9")
	public static class P9 {

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

	@ConfigurationProperties("bench.p10")
	public static class P10 {

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

	@ConfigurationProperties("bench.p11")
	public static class P11 {

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

	@ConfigurationProperties("bench.p12")
	public static class P12 {

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

	@ConfigurationProperties("bench.p13")
	public static class P13 {

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

	@ConfigurationProperties("bench.p14")
	public static class P14 {

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

	@ConfigurationProperties("bench.p15")
	public static class P15 {

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

	@ConfigurationProperties("bench.p16")
	public static class P16 {

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

	@ConfigurationProperties("bench.p17")
	public static class P17 {

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

	@ConfigurationProperties("bench.p18")
	public static class P18 {

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

	@ConfigurationProperties("bench.p19")
	public static class P19 {

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

	@ConfigurationProperties("bench.p20")
	public static class P20 {

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

	@ConfigurationProperties("bench.p21")
	public static class P21 {

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

	@ConfigurationProperties("bench.p22")
	public static class P22 {

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

	@ConfigurationProperties("bench.p23")
	public static class P23 {

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

	@ConfigurationProperties("bench.p24")
	public static class P24 {

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

	@ConfigurationProperties("bench.p25")
	public static class P25 {

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

	@ConfigurationProperties("bench.p26")
	public static class P26 {

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

	@ConfigurationProperties("bench.p27")
	public static class P27 {

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

	@ConfigurationProperties("bench.p28")
	public static class P28 {

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

	@ConfigurationProperties("bench.p29")
	public static class P29 {

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

	@ConfigurationProperties("bench.p30")
	public static class P30 {

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

	@ConfigurationProperties("bench.p31")
	public static class P31 {

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

	@ConfigurationProperties("bench.p32")
	public static class P32 {

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

	@ConfigurationProperties("bench.p33")
	public static class P33 {

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

	@ConfigurationProperties("bench.p34")
	public static class P34 {

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

	@ConfigurationProperties("bench.p35")
	public static class P35 {

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

	@ConfigurationProperties("bench.p36")
	public static class P36 {

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

	@ConfigurationProperties("bench.p37")
	public static class P37 {

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

	@ConfigurationProperties("bench.p38")
	public static class P38 {

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

	@ConfigurationProperties("bench.p39")
	public static class P39 {

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

	@ConfigurationProperties("bench.p40")
	public static class P40 {

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

	@ConfigurationProperties("bench.p41")
	public static class P41 {

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

	@ConfigurationProperties("bench.p42")
	public static class P42 {

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

	@ConfigurationProperties("bench.p43")
	public static class P43 {

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

	@ConfigurationProperties("bench.p44")
	public static class P44 {

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

	@ConfigurationProperties("bench.p45")
	public static class P45 {

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

	@ConfigurationProperties("bench.p46")
	public static class P46 {

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

	@ConfigurationProperties("bench.p47")
	public static class P47 {

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

	@ConfigurationProperties("bench.p48")
	public static class P48 {

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

	@ConfigurationProperties("bench.p49")
	public static class P49 {

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

	@ConfigurationProperties("bench.p50")
	public static class P50 {

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

	@ConfigurationProperties("bench.p51")
	public static class P51 {

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

	@ConfigurationProperties("bench.p52")
	public static class P52 {

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

	@ConfigurationProperties("bench.p53")
	public static class P53 {

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

	@ConfigurationProperties("bench.p54")
	public static class P54 {

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

	@ConfigurationProperties("bench.p55")
	public static class P55 {

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

	@ConfigurationProperties("bench.p56")
	public static class P56 {

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

	@ConfigurationProperties("bench.p57")
	public static class P57 {

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

	@ConfigurationProperties("bench.p58")
	public static class P58 {

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

	@ConfigurationProperties("bench.p59")
	public static class P59 {

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

	@ConfigurationProperties("bench.p60")
	public static class P60 {

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

	@ConfigurationProperties("bench.p61")
	public static class P61 {

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

	@ConfigurationProperties("bench.p62")
	public static class P62 {

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

	@ConfigurationProperties("bench.p63")
	public static class P63 {

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

	@ConfigurationProperties("bench.p64")
	public static class P64 {

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

	@ConfigurationProperties("bench.p65")
	public static class P65 {

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

	@ConfigurationProperties("bench.p66")
	public static class P66 {

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

	@ConfigurationProperties("bench.p67")
	public static class P67 {

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

	@ConfigurationProperties("bench.p68")
	public static class P68 {

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

	@ConfigurationProperties("bench.p69")
	public static class P69 {

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

	@ConfigurationProperties("bench.p70")
	public static class P70 {

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

	@ConfigurationProperties("bench.p71")
	public static class P71 {

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

	@ConfigurationProperties("bench.p72")
	public static class P72 {

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

	@ConfigurationProperties("bench.p73")
	public static class P73 {

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

	@ConfigurationProperties("bench.p74")
	public static class P74 {

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

	@ConfigurationProperties("bench.p75")
	public static class P75 {

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

	@ConfigurationProperties("bench.p76")
	public static class P76 {

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

	@ConfigurationProperties("bench.p77")
	public static class P77 {

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

	@ConfigurationProperties("bench.p78")
	public static class P78 {

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

	@ConfigurationProperties("bench.p79")
	public static class P79 {

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

	@ConfigurationProperties("bench.p80")
	public static class P80 {

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

	@ConfigurationProperties("bench.p81")
	public static class P81 {

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

	@ConfigurationProperties("bench.p82")
	public static class P82 {

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

	@ConfigurationProperties("bench.p83")
	public static class P83 {

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

	@ConfigurationProperties("bench.p84")
	public static class P84 {

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

	@ConfigurationProperties("bench.p85")
	public static class P85 {

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

	@ConfigurationProperties("bench.p86")
	public static class P86 {

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

	@ConfigurationProperties("bench.p87")
	public static class P87 {

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

	@ConfigurationProperties("bench.p88")
	public static class P88 {

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

	@ConfigurationProperties("bench.p89")
	public static class P89 {

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

	@ConfigurationProperties("bench.p90")
	public static class P90 {

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

	@ConfigurationProperties("bench.p91")
	public static class P91 {

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

	@ConfigurationProperties("bench.p92")
	public static class P92 {

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

	@ConfigurationProperties("bench.p93")
	public static class P93 {

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

	@ConfigurationProperties("bench.p94")
	public static class P94 {

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

	@ConfigurationProperties("bench.p95")
	public static class P95 {

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

	@ConfigurationProperties("bench.p96")
	public static class P96 {

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

	@ConfigurationProperties("bench.p97")
	public static class P97 {

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

	@ConfigurationProperties("bench.p98")
	public static class P98 {

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

	@ConfigurationProperties("bench.p99")
	public static class P99 {

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
