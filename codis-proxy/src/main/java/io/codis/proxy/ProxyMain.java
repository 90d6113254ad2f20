package io.codis.proxy;

public final class ProxyMain {
    public static void main(String[] args) {
    }
}
