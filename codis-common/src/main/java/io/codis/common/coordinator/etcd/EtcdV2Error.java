package io.codis.common.coordinator.etcd;

/** An error answer of the etcd v2 keys API ({@code {"errorCode":105,"message":"Key already exists",...}}). */
record EtcdV2Error(int code, String message, String cause, long index) {
    static final int KEY_NOT_FOUND = 100;
    static final int TEST_FAILED = 101;
    static final int NOT_FILE = 102;
    static final int NOT_DIR = 104;
    static final int NODE_EXIST = 105;
    static final int UNAUTHORIZED = 110;
    static final int EVENT_INDEX_CLEARED = 401;

    @Override
    public String toString() {
        return message + " (errorCode " + code + (cause == null ? "" : ", cause " + cause) + ")";
    }
}
