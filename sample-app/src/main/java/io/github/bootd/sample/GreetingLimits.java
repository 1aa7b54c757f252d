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
package io.github.bootd.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the greeting, bound through the constructor (an immutable record): a reload
 * cannot update such an object in place, so bootd reports its keys as needing a restart
 * (docs/reload.md), which {@code ReloadSurfaceIT} checks.
 *
 * @param maxLength the longest greeting the service would serve
 * @author bootd authors
 */
@ConfigurationProperties("sample.limits")
public record GreetingLimits(@DefaultValue("200") int maxLength) {

}
