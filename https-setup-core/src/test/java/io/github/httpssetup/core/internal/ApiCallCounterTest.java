package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ApiCallCounter}: which calls count as reads. */
class ApiCallCounterTest {

    @Test
    void isRead_classifiesOperationsByVerb() {
        assertThat(ApiCallCounter.isRead("DescribeLoadBalancers")).isTrue();
        assertThat(ApiCallCounter.isRead("ListResourceRecordSets")).isTrue();
        assertThat(ApiCallCounter.isRead("GetChange")).isTrue();
        assertThat(ApiCallCounter.isRead("AssumeRole")).isTrue();
        assertThat(ApiCallCounter.isRead("CreateListener")).isFalse();
        assertThat(ApiCallCounter.isRead("ChangeResourceRecordSets")).isFalse();
    }
}
