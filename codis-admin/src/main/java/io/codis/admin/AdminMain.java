package io.codis.admin;

public final class AdminMain {
    public static void main(String[] args) {
    }
}
