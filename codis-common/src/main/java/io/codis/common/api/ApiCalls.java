package io.codis.common.api;

import java.util.function.Supplier;

/**
 * How the calls of {@link DashboardApi} and {@link ProxyApi} are run, each named by its operation
 * ({@code model}, {@code xping}, {@code group-add}, ...): {@link #DIRECT} runs them as they are;
 * codis-admin logs them and turns a failure into its {@code call rpc {op} to ... failed} line.
 */
public interface ApiCalls {
    /** Runs every call as it is; failures surface as the client's {@code RpcException}. */
    ApiCalls DIRECT = new ApiCalls() {
        @Override
        public <T> T call(String op, Supplier<T> remote) {
            return remote.get();
        }
    };

    /** Runs {@code remote}, the call {@code op}, and returns its result. */
    <T> T call(String op, Supplier<T> remote);

    /** Runs {@code remote}, which has no result, as the call {@code op}. */
    default void run(String op, Runnable remote) {
        call(op, () -> {
            remote.run();
            return null;
        });
    }
}
