package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static <T> List<T> constants(Class<T> type) throws IllegalAccessException {
        List<T> constants = new ArrayList<>();
        for (Field field : Limits.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == type) {
                constants.add(type.cast(field.get(null)));
            }
        }
        return constants;
    }

    @Test
    void durationRanges_writeTheirEndsAsTheyAre() throws IllegalAccessException {
        List<Limits.DurationRange> ranges = constants(Limits.DurationRange.class);

        assertThat(ranges).hasSize(8).allSatisfy(range -> {
            String[] ends = range.text().split("-");
            assertThat(ends).as(range.text()).hasSize(2);
            assertThat(Durations.parse(ends[0])).as(range.text()).isEqualTo(range.min());
            assertThat(Durations.parse(ends[1])).as(range.text()).isEqualTo(range.max());
            assertThat(range.min()).isLessThan(range.max());
        });
    }

    @Test
    void intRanges_areNotEmpty_andWrittenAsMinDashMax() throws IllegalAccessException {
        List<Limits.IntRange> ranges = constants(Limits.IntRange.class);

        assertThat(ranges).hasSize(3).allSatisfy(range -> {
            assertThat(range.min()).isLessThan(range.max());
            assertThat(range.text()).isEqualTo(range.min() + "-" + range.max());
            assertThat(range.contains(range.min()) && range.contains(range.max()))
                    .isTrue();
            assertThat(range.contains(range.min() - 1) || range.contains(range.max() + 1))
                    .isFalse();
        });
    }
}
