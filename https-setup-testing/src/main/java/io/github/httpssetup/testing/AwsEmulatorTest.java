package io.github.httpssetup.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a test class that runs against the local AWS emulator; see {@link AwsEmulatorExtension}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(AwsEmulatorExtension.class)
@Tag("aws-emulator")
public @interface AwsEmulatorTest {}
