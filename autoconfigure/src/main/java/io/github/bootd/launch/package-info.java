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
/**
 * The Spring Boot hooks of the launch. Each asks {@code RoleDecision} what this JVM is
 * (control client, launcher, daemon child, foreground daemon or plain application) and
 * hands over to the class of that role; the launcher itself is in
 * {@code io.github.bootd.launcher}, the handshake in
 * {@code io.github.bootd.launch.handshake}.
 */
@NullMarked
package io.github.bootd.launch;

import org.jspecify.annotations.NullMarked;
